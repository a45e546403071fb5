"""The weekly digest: what is new for each person in what they follow.

``send_digests`` runs daily (``manage.py send_digests``, or the beat task) and writes to
the people whose chosen weekday is today and who had no digest in the last six days.
Each digest covers what appeared since the person's previous digest (at most
``LOOKBACK``): practices published, events announced and cluster profiles updated,
matching their follows (a cluster, a partner, a vocabulary value, a saved catalogue
search). **Nothing is sent when nothing is new.** Every message carries an unsubscribe
link that works without signing in, and RFC 8058 one-click headers
(``List-Unsubscribe`` + ``List-Unsubscribe-Post``).

Scale: what is new in the window is read once (a week's practices, events and
cluster updates are few) and indexed by what can be followed; each distinct saved
search runs once; people are read in batches of ``BATCH`` with their follows, and a
digest is the union of its follows' index entries. Memory is bounded by the batch and
the week's news, not by the number of followers.

Requests for expertise: those that opened in the window (open or being matched) and
match a follow (a tool type, growth force, beneficiary or stage they ask for, their
cluster or their partner organisation), **among those the person may see**: the
experts app decides (``experts.selectors.request_list``: the requester's side, the
experts they were offered to, coordinators). That check is one query per person who
has a candidate request, and none for the others.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from clusters.models import Cluster
from events.models import DigestPreference, Event, Follow, FollowKind, Status
from organisations.models import User

LOOKBACK = datetime.timedelta(days=14)
MIN_INTERVAL = datetime.timedelta(days=6)
BATCH = 500
UNSUBSCRIBE_SALT = "events.digest.unsubscribe"

# Vocabulary facet -> the practice's field (a list or a single value).
PRACTICE_FACETS = {
    "stage": "stages",
    "growth_force": "growth_forces",
    "tool_type": "tool_types",
    "beneficiary": "beneficiaries",
    "business_model": "business_models",
    "evidence_level": "evidence_level",
    "transferability": "transferability",
    "genesis": "origin_cluster__genesis",
    "world_region": "origin_cluster__world_region",
}


@dataclass
class News:
    """Everything new in the window, read once for all digests of a run, with indexes
    from each followable thing to the new items about it (so a digest costs its
    follows, not the week's news)."""

    practices: list[dict]
    events: list[dict]
    clusters: list[dict]
    requests: list[dict] = field(default_factory=list)
    searches: dict[str, set[int]] = field(default_factory=dict)
    practices_by: dict[tuple, set[int]] = field(default_factory=dict)
    events_by: dict[tuple, set[int]] = field(default_factory=dict)
    requests_by: dict[tuple, set[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.practice_rows = {row["id"]: row for row in self.practices}
        self.event_rows = {row["id"]: row for row in self.events}
        self.cluster_rows = {row["id"]: row for row in self.clusters}
        self.request_rows = {row["id"]: row for row in self.requests}
        for row in self.requests:
            keys = [("cluster", row["cluster_id"]), ("organisation", row["organisation_id"])]
            for facet, field_name in REQUEST_FACETS.items():
                value = row.get(field_name)
                for item in value if isinstance(value, list) else [value]:
                    if item:
                        keys.append(("topic", facet, item))
            for key in keys:
                self.requests_by.setdefault(key, set()).add(row["id"])
        for row in self.practices:
            keys = [("organisation", row["owner_id"]), ("cluster", row["origin_cluster_id"])]
            for facet, field_name in PRACTICE_FACETS.items():
                value = row.get(field_name)
                for item in value if isinstance(value, list) else [value]:
                    if item:
                        keys.append(("topic", facet, item))
            for key in keys:
                self.practices_by.setdefault(key, set()).add(row["id"])
        for row in self.events:
            keys = [("cluster", row["cluster_id"])]
            keys += [("organisation", org) for org in row["organisations"]]
            keys += [("topic", "tool_type", topic) for topic in row["topics"]]
            for key in keys:
                self.events_by.setdefault(key, set()).add(row["id"])


# Vocabulary facet -> the request's field.
REQUEST_FACETS = {
    "tool_type": "tool_types",
    "growth_force": "growth_forces",
    "beneficiary": "beneficiaries",
    "stage": "stage",
}


@dataclass
class Digest:
    practices: list[dict]
    events: list[dict]
    clusters: list[dict]
    requests: list[dict] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.practices or self.events or self.clusters or self.requests)


def collect_news(now: datetime.datetime) -> News:
    from practices.models import Practice

    since = now - LOOKBACK
    practices = list(
        Practice.objects.published()
        .filter(published_at__gt=since, published_at__lte=now)
        .order_by("-published_at")
        .values(
            "id",
            "slug",
            "title",
            "published_at",
            "owner_id",
            "origin_cluster_id",
            *PRACTICE_FACETS.values(),
        )
    )
    events = []
    for event in (
        Event.objects.filter(
            status=Status.PUBLISHED, published_at__gt=since, published_at__lte=now, ends_at__gt=now
        )
        .prefetch_related("co_hosts")
        .order_by("starts_at")
    ):
        events.append(
            {
                "id": event.pk,
                "slug": event.slug,
                "title": event.title,
                "published_at": event.published_at,
                "starts_at": event.local_starts_at,
                "timezone": event.timezone,
                "organisations": {event.host_id, *(o.pk for o in event.co_hosts.all())},
                "cluster_id": event.cluster_id,
                "topics": event.topics,
            }
        )
    clusters = list(
        Cluster.objects.filter(updated_at__gt=since, updated_at__lte=now).values(
            "id", "slug", "name", "updated_at"
        )
    )
    return News(
        practices=practices, events=events, clusters=clusters, requests=_new_requests(since, now)
    )


def _new_requests(since: datetime.datetime, now: datetime.datetime) -> list[dict]:
    """Requests for expertise that opened in the window and still look for experts."""
    from experts.models import ExpertiseRequest, RequestStatus

    return list(
        ExpertiseRequest.objects.filter(
            status__in=(RequestStatus.OPEN, RequestStatus.MATCHING),
            created_at__gt=since,
            created_at__lte=now,
        )
        .order_by("-created_at", "-id")
        .values(
            "id", "title", "created_at", "cluster_id", "organisation_id", *REQUEST_FACETS.values()
        )
    )


def visible_requests(user: User, candidate_ids: set[int]) -> set[int]:
    """The candidates ``user`` may see, as the experts app decides (one query)."""
    from experts import selectors as experts_selectors

    filterset = experts_selectors.request_list(params=QueryDict(), user=user)
    return set(filterset.qs.filter(pk__in=candidate_ids).values_list("pk", flat=True))


def _search_matches(news: News, search: str) -> set[int]:
    """Ids of the window's practices a saved catalogue search finds (run once each)."""
    if search not in news.searches:
        from practices.filters import PracticeFilter
        from practices.models import Practice

        ids = [p["id"] for p in news.practices]
        filterset = PracticeFilter(
            QueryDict(search), queryset=Practice.objects.published().filter(pk__in=ids)
        )
        news.searches[search] = (
            set(filterset.qs.values_list("pk", flat=True))
            if ids and filterset.is_valid()
            else set()
        )
    return news.searches[search]


def _key(follow: Follow) -> tuple | None:
    if follow.kind == FollowKind.CLUSTER:
        return ("cluster", follow.cluster_id)
    if follow.kind == FollowKind.ORGANISATION:
        return ("organisation", follow.organisation_id)
    if follow.kind == FollowKind.TOPIC:
        return ("topic", follow.facet, follow.value)
    return None


def digest_for(
    follows: list[Follow], since: datetime.datetime, news: News, *, user: User | None = None
) -> Digest:
    """What is new for these follows since ``since``; requests for expertise only with
    ``user``, among those they may see."""
    practice_ids: set[int] = set()
    event_ids: set[int] = set()
    cluster_ids: set[int] = set()
    request_ids: set[int] = set()
    for follow in follows:
        key = _key(follow)
        if key is None:
            practice_ids |= _search_matches(news, follow.search)
            continue
        practice_ids |= news.practices_by.get(key, set())
        event_ids |= news.events_by.get(key, set())
        request_ids |= news.requests_by.get(key, set())
        if follow.kind == FollowKind.CLUSTER and follow.cluster_id in news.cluster_rows:
            cluster_ids.add(follow.cluster_id)

    def newer(rows, ids, stamp):
        return [rows[i] for i in sorted(ids) if rows[i][stamp] > since]

    practices = newer(news.practice_rows, practice_ids, "published_at")
    practices.sort(key=lambda row: row["published_at"], reverse=True)
    events = newer(news.event_rows, event_ids, "published_at")
    events.sort(key=lambda row: row["starts_at"])
    fresh = {i for i in request_ids if news.request_rows[i]["created_at"] > since}
    visible = visible_requests(user, fresh) if fresh and user is not None else set()
    requests = [news.request_rows[i] for i in visible]
    requests.sort(key=lambda row: (row["created_at"], row["id"]), reverse=True)
    return Digest(
        practices=practices,
        events=events,
        clusters=newer(news.cluster_rows, cluster_ids, "updated_at"),
        requests=requests,
    )


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    return value if isinstance(value, int) else None


def build_message(user: User, preference: DigestPreference, digest: Digest) -> EmailMessage:
    unsubscribe_url = settings.SITE_URL + reverse(
        "events:unsubscribe", kwargs={"token": unsubscribe_token(user.pk)}
    )
    context = {
        "user": user,
        "digest": digest,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url,
        "following_url": settings.SITE_URL + reverse("events:following"),
    }
    with translation.override(preference.language):
        subject = " ".join(render_to_string("events/email/digest_subject.txt", context).split())
        body = render_to_string("events/email/digest_message.txt", context)
    return EmailMessage(
        subject,
        body,
        None,
        [user.email],
        headers={
            # RFC 8058: mail clients offer a one-click unsubscribe that POSTs to the URL.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def due_preferences(now: datetime.datetime):
    return (
        DigestPreference.objects.filter(
            weekday=now.weekday(), unsubscribed_at__isnull=True, user__is_active=True
        )
        .exclude(last_sent_at__gt=now - MIN_INTERVAL)
        # EXISTS, not a join + DISTINCT: each batch reads its 500 people, not their follows.
        .filter(Exists(Follow.objects.filter(user_id=OuterRef("user_id"))))
        .order_by("pk")
    )


def _batches(now: datetime.datetime) -> Iterator[list[DigestPreference]]:
    last = 0
    while True:
        batch = list(due_preferences(now).filter(pk__gt=last).select_related("user")[:BATCH])
        if not batch:
            return
        follows: dict[int, list[Follow]] = {}
        for follow in Follow.objects.filter(user_id__in=[p.user_id for p in batch]):
            follows.setdefault(follow.user_id, []).append(follow)
        for preference in batch:
            preference.prefetched_follows = follows.get(preference.user_id, [])
        yield batch
        last = batch[-1].pk


def send_digests(
    *,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
    report: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Send the digests due now; return counts. ``dry_run`` sends and records nothing
    and reports what each person would receive."""
    now = now or timezone.now()
    news = collect_news(now)
    counts = {"people": 0, "sent": 0, "empty": 0}
    for batch in _batches(now):
        sent_ids = []
        for preference in batch:
            counts["people"] += 1
            since = max(preference.last_sent_at or now - LOOKBACK, now - LOOKBACK)
            digest = digest_for(preference.prefetched_follows, since, news, user=preference.user)
            if not digest:
                counts["empty"] += 1
                continue
            if report is not None:
                report(
                    f"{preference.user.email}: {len(digest.practices)} practices, "
                    f"{len(digest.events)} events, {len(digest.clusters)} cluster updates, "
                    f"{len(digest.requests)} requests for expertise"
                )
                for row in digest.practices:
                    report(f"  practice: {row['title']}")
                for row in digest.events:
                    report(f"  event: {row['title']} ({row['starts_at']:%Y-%m-%d %H:%M})")
                for row in digest.clusters:
                    report(f"  cluster: {row['name']}")
                for row in digest.requests:
                    report(f"  request for expertise: {row['title']}")
            if dry_run:
                counts["sent"] += 1
                continue
            build_message(preference.user, preference, digest).send()
            sent_ids.append(preference.pk)
            counts["sent"] += 1
        if sent_ids:
            with transaction.atomic():
                DigestPreference.objects.filter(pk__in=sent_ids).update(last_sent_at=now)
    return counts
