"""Illustrative demo practices: content, workflow history and stakeholder interviews.

``seed()`` is called by ``manage.py seed_demo`` after the partners and accounts exist,
inside the command's transaction. It is idempotent: practices are keyed by slug; a
second run updates changed texts (bumping ``version``) but adds no practice, interview,
activity or revision. Every practice is ``is_illustrative`` (the portal labels it): these
are plausible examples written for the demo, not documented NETBIOCLUE cases.

The pending revision is proposed through ``workflow.practice_update``, as an editor's
edit of a published text is. The other rows have no service that could write them as
the demo needs: most partners have no demo editor (``practice_create`` needs one), the
states and their ``Activity`` rows are dated over past months (the services date
everything now and e-mail each step), and the 2007-2008 interviews predate the portal
(``interview_record`` would log each one today). Those are written directly, then
``practice_refresh_transferability`` (the service) stores what the interviews imply.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from clusters.models import Cluster
from netbioclue.vocabulary import WorldRegion
from organisations.activity import activities_for, log_action
from organisations.models import Activity, Membership, Organisation, User
from organisations.permissions import Role
from practices.demo.content import PENDING_REVISION, PRACTICES, DemoPractice
from practices.models import (
    Practice,
    StakeholderInterview,
    StakeholderType,
    Status,
)
from practices.services import search_index, workflow
from practices.services.reproducibility import practice_refresh_transferability

REVIEWER_EMAIL = "reviewer@netbioclue.example"
COORDINATOR_EMAIL = "coordinator@netbioclue.example"

# The transitions that lead to each state, and the days between consecutive steps.
PATHS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: ("created",),
    Status.SUBMITTED: ("created", "submitted"),
    Status.CHANGES_REQUESTED: ("created", "submitted", "changes_requested"),
    Status.PUBLISHED: ("created", "submitted", "published"),
    Status.REJECTED: ("created", "submitted", "rejected"),
    Status.ARCHIVED: ("created", "submitted", "published", "archived"),
}
STEP_DAYS = {"created": 0, "submitted": 12, "changes_requested": 6, "published": 8,
             "rejected": 5, "archived": 90}  # fmt: skip

# Interviews vary around a practice's base scores; each pattern keeps the sum unchanged.
SCORE_PATTERNS = ((0, 0, 0, 0), (1, -1, 0, 0), (0, 0, 1, -1), (-1, 1, 0, 0), (0, 0, -1, 1))
FIRST_INTERVIEW_DAY = datetime.date(2007, 1, 15)
INTERVIEW_SPAN_DAYS = 700  # interviews fall in 2007-2008

CONTACT_NAME = "Demo contact (illustrative)"


def _editors(partners: Mapping[str, Organisation]) -> dict[int, User]:
    """The demo account that writes for each organisation (an editor, else an admin)."""
    editors: dict[int, User] = {}
    memberships = Membership.objects.filter(
        organisation__in=list(partners.values()), role__in=[Role.EDITOR, Role.ADMIN]
    ).select_related("user")
    for membership in sorted(memberships, key=lambda m: m.role != Role.EDITOR):
        editors.setdefault(membership.organisation_id, membership.user)
    return editors


def _values(
    demo: DemoPractice, partners: Mapping[str, Organisation], clusters: Mapping[str, Cluster]
) -> dict[str, Any]:
    owner = partners[demo.owner]
    cluster = clusters[demo.cluster] if demo.cluster else None
    country = demo.country or (cluster.countries[0] if cluster else str(owner.country))
    start_year, end_year = demo.years
    return {
        "owner": owner,
        "title": demo.title,
        "summary": demo.summary,
        "description": demo.description,
        "problem": demo.problem,
        "how_it_works": demo.how_it_works,
        "results": demo.results,
        "evidence_level": demo.evidence_level,
        "budget_range": demo.budget_range,
        "staff": demo.staff,
        "resources_notes": demo.resources_notes,
        "dos": list(demo.dos),
        "donts": list(demo.donts),
        "lessons": demo.lessons,
        "origin_cluster": cluster,
        "country": country,
        "region": cluster.region if cluster else "",
        "contact_name": CONTACT_NAME,
        "contact_email": f"practices@{owner.slug}.example",
        "start_year": start_year,
        "end_year": end_year,
        "language": "en",
        "stages": list(demo.stages),
        "growth_forces": list(demo.growth_forces),
        "tool_types": list(demo.tool_types),
        "beneficiaries": list(demo.beneficiaries),
        "business_models": list(demo.business_models),
        "is_illustrative": True,
    }


def _comparable(value: Any) -> Any:
    if isinstance(value, Cluster | Organisation):
        return value.pk
    code = getattr(value, "code", None)  # django-countries' Country
    return code if code is not None else value


def _timeline(index: int, status: str, now: datetime.datetime) -> dict[str, datetime.datetime]:
    """When each step of the path to ``status`` happened: all in the past, spread out."""
    steps = PATHS[status]
    last = now - timedelta(days=2 + (index * 11) % 330, hours=index % 9)
    moments: dict[str, datetime.datetime] = {}
    moment = last
    for step in reversed(steps):
        moments[step] = moment
        moment -= timedelta(days=STEP_DAYS[step])
    return moments


def _log_path(
    practice: Practice,
    steps: tuple[str, ...],
    moments: Mapping[str, datetime.datetime],
    *,
    editor: User | None,
    coordinator: User,
    comment: str,
) -> list[Activity]:
    activities = []
    previous = Status.DRAFT
    for step in steps:
        if step == "created":
            activity = log_action(
                action="practice.created",
                actor=editor,
                target=practice,
                organisation=practice.owner,
                data={"title": practice.title, "slug": practice.slug},
            )
        else:
            target = step if step != "changes_requested" else Status.CHANGES_REQUESTED
            data: dict[str, Any] = {"from": previous, "to": target}
            if step == "changes_requested" and comment:
                data["comment"] = comment
            elif step == "rejected" and comment:
                data["reason"] = comment
            activity = log_action(
                action=f"practice.{step}",
                actor=editor if step == "submitted" else coordinator,
                target=practice,
                organisation=practice.owner,
                data=data,
            )
            previous = target
        activity.created_at = moments[step]
        activities.append(activity)
    return activities


def _status_fields(status: str, moments: Mapping[str, datetime.datetime]) -> dict[str, Any]:
    return {
        "status": status,
        "submitted_at": moments.get("submitted"),
        "published_at": moments.get("published"),
    }


def _interviews(
    demo: DemoPractice,
    index: int,
    practice: Practice,
    reviewer: User,
    places: list[tuple[str, str, str]],
) -> list[StakeholderInterview]:
    count, base = demo.interviews or (0, (0, 0, 0, 0))
    country = _comparable(practice.country)
    elsewhere = [(code, region) for slug, code, region in places
                 if slug != demo.cluster and code != country]  # fmt: skip
    types = StakeholderType.values
    interviews = []
    for number in range(count):
        pattern = SCORE_PATTERNS[(index + number) % len(SCORE_PATTERNS)]
        scores = [
            min(5, max(1, score + change)) for score, change in zip(base, pattern, strict=True)
        ]
        code, region = elsewhere[(index * 3 + number) % len(elsewhere)]
        offset = (index * 41 + number * 67) % INTERVIEW_SPAN_DAYS
        interviews.append(
            StakeholderInterview(
                practice=practice,
                reviewer=reviewer,
                stakeholder_type=types[(index + number) % len(types)],
                country=code,
                region=region,
                interviewed_on=FIRST_INTERVIEW_DAY + timedelta(days=offset),
                relevance=scores[0],
                feasibility=scores[1],
                preconditions=scores[2],
                impact=scores[3],
                adaptations=demo.adaptations[number] if number < len(demo.adaptations) else "",
            )
        )
    return interviews


def _propose_revision(practice: Practice, author: User) -> Activity | None:
    """The pending revision, proposed through the workflow service like any edit of a
    published text (its activity is returned to be backdated)."""
    if practice.revisions.exists():
        return None
    workflow.practice_update(
        practice=practice,
        data=PENDING_REVISION["changes"],
        expected_version=practice.version,
        by=author,
    )
    return activities_for(practice).get(action="practice.revision_proposed")


def seed(
    *,
    users: Mapping[str, User],
    partners: Mapping[str, Organisation],
    clusters: Mapping[str, Cluster],
) -> dict[str, Practice]:
    """Create or update the illustrative practices; returns them by slug."""
    reviewer = users[REVIEWER_EMAIL]
    coordinator = users[COORDINATOR_EMAIL]
    editors = _editors(partners)
    now = timezone.now()
    places = sorted(
        (cluster.slug, cluster.countries[0], cluster.region)
        for cluster in clusters.values()
        if cluster.world_region == WorldRegion.EUROPE
    )
    existing = {
        practice.slug: practice
        for practice in Practice.objects.filter(slug__in=[demo.slug for demo in PRACTICES])
        .defer("search_vector", "rank_vector")
        .select_related("owner")
    }
    with_interviews = set(
        StakeholderInterview.objects.filter(practice__in=list(existing.values()))
        .values_list("practice__slug", flat=True)
        .distinct()
    )

    practices: dict[str, Practice] = {}
    activities: list[Activity] = []
    new_interviews: list[StakeholderInterview] = []
    with transaction.atomic():
        for index, demo in enumerate(PRACTICES):
            values = _values(demo, partners, clusters)
            editor = editors.get(values["owner"].pk)
            moments = _timeline(index, demo.status, now)
            practice = existing.get(demo.slug)
            if practice is None:
                practice = Practice.objects.create(
                    slug=demo.slug,
                    created_by=editor,
                    **values,
                    **_status_fields(demo.status, moments),
                )
                Practice.objects.filter(pk=practice.pk).update(created_at=moments["created"])
                activities += _log_path(
                    practice, PATHS[demo.status], moments,
                    editor=editor, coordinator=coordinator, comment=demo.comment,
                )  # fmt: skip
            else:
                changed = [
                    name
                    for name, value in values.items()
                    if _comparable(getattr(practice, name)) != _comparable(value)
                ]
                for name in changed:
                    setattr(practice, name, values[name])
                if practice.status != demo.status:
                    # Someone moved it through the workflow: back to its demo state.
                    for name, value in _status_fields(demo.status, moments).items():
                        setattr(practice, name, value)
                    last = PATHS[demo.status][-1]
                    activities += _log_path(
                        practice, (last,), moments,
                        editor=editor, coordinator=coordinator, comment=demo.comment,
                    )  # fmt: skip
                    changed += ["status", "submitted_at", "published_at"]
                if changed:
                    if any(name in values for name in changed):
                        practice.version += 1
                        changed.append("version")
                    practice.save(update_fields=[*changed, "updated_at"])
            practices[demo.slug] = practice

            if demo.interviews and demo.slug not in with_interviews:
                new_interviews += _interviews(demo, index, practice, reviewer, places)

        StakeholderInterview.objects.bulk_create(new_interviews)
        for demo in PRACTICES:
            if demo.interviews:
                practice_refresh_transferability(practice=practices[demo.slug])

        revised = practices[PENDING_REVISION["slug"]]
        activity = _propose_revision(revised, editors.get(revised.owner_id) or coordinator)
        if activity is not None:
            activity.created_at = now - timedelta(days=1)
            activities.append(activity)
        Activity.objects.bulk_update(activities, ["created_at"])

        search_index.rebuild_search_words()
    return practices
