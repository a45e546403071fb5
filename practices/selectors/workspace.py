"""Reads for partners' and coordinators' work on practices: one practice as its page
shows it, the page's extras (history, pending revision), the moderation queue and the
dashboard panel.

Who may see which practice is ``practices.policy`` (``visible_practices``); every
practice page finds its practice through ``practice_for``, so anything else is a 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, When
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusters.models import Cluster
from netbioclue.registry import Kind
from organisations.activity import activities_for
from organisations.models import Activity, User
from practices import policy
from practices.fields import CONTENT_FIELDS, PRACTICE_FIELDS
from practices.models import (
    Practice,
    PracticeRevision,
    RevisionStatus,
    Status,
)
from practices.textdiff import word_diff

# How many history entries the practice page shows (newest first).
HISTORY_LIMIT = 100


def practice_for(user: User, slug: str, *, detail: bool = False) -> Practice:
    """The practice ``user`` may see, or Http404. ``detail`` adds what the page shows."""
    practices = (
        policy.visible_practices(user)
        .select_related("owner", "origin_cluster")
        .defer("search_vector", "rank_vector")
    )
    if detail:
        practices = practices.prefetch_related("attachments")
    practice = practices.filter(slug=slug).order_by().first()
    if practice is None:
        raise Http404
    return practice


def pending_revision(practice: Practice) -> PracticeRevision | None:
    return (
        PracticeRevision.objects.filter(practice=practice, status=RevisionStatus.PENDING)
        .select_related("created_by")
        .first()
    )


HISTORY_LABELS = {
    "practice.created": _("created the practice"),
    "practice.edited": _("edited the practice"),
    "practice.submitted": _("submitted it for review"),
    "practice.changes_requested": _("requested changes"),
    "practice.published": _("published it"),
    "practice.rejected": _("rejected it"),
    "practice.archived": _("archived it"),
    "practice.revision_proposed": _("proposed a revision of the published text"),
    "practice.revision_approved": _("approved the revision"),
    "practice.revision_rejected": _("turned down the revision"),
    "practice.attachment_added": _("added a document"),
    "practice.attachment_removed": _("removed a document"),
    "practice.interview_recorded": _("recorded a stakeholder interview"),
    "practice.interview_deleted": _("deleted a stakeholder interview"),
}


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a practice's history, ready to show."""

    activity: Activity
    text: str
    changes: list[tuple[str, str | None, str | None]]  # (label, before, after); None: not kept
    note: str  # the comment, reason or document name

    @property
    def action(self) -> str:
        return self.activity.action


def _shown(change: dict[str, Any], key: str) -> str | None:
    if key not in change:
        return None
    value = display_value(change["field"], change[key])
    return ", ".join(value) if isinstance(value, list) else value


def practice_history(practice: Practice) -> list[HistoryEntry]:
    """Who did what and when, newest first (one query, actors included)."""
    entries = []
    for activity in activities_for(practice)[:HISTORY_LIMIT]:
        data = activity.data or {}
        text = HISTORY_LABELS.get(activity.action, activity.action)
        if activity.action == "practice.edited" and data.get("revision"):
            text = _("edited the pending revision")
        changes = [
            (field_label(change["field"]), _shown(change, "before"), _shown(change, "after"))
            for change in data.get("changes", [])
            if change.get("field") in CONTENT_FIELDS
        ]
        note = data.get("comment") or data.get("reason") or data.get("name") or ""
        entries.append(HistoryEntry(activity=activity, text=str(text), changes=changes, note=note))
    return entries


def changes_requested_feedback(practice: Practice) -> HistoryEntry | None:
    """The coordinator's last "changes requested" comment, while it is what the authors
    are working on (the practice is in that state); None otherwise. One query."""
    if practice.status != Status.CHANGES_REQUESTED:
        return None
    activity = activities_for(practice).filter(action="practice.changes_requested").first()
    if activity is None:
        return None
    return HistoryEntry(
        activity=activity,
        text=str(HISTORY_LABELS[activity.action]),
        changes=[],
        note=(activity.data or {}).get("comment", ""),
    )


# ---- The pending revision, field by field -----------------------------------------------


def field_label(name: str) -> str:
    return str(Practice._meta.get_field(name).verbose_name)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: Any  # a string, or a list of strings for list fields
    after: Any

    @property
    def is_list(self) -> bool:
        return isinstance(self.before, list)

    @property
    def marked(self) -> tuple[str, str]:
        """(before, after) as HTML with the changed words in <del> and <ins>."""
        return word_diff(str(self.before or ""), str(self.after or ""))


def display_value(name: str, value: Any, clusters: dict[int, str] | None = None) -> Any:
    """A content value (as ``content_of`` gives it) as people read it."""
    field = Practice._meta.get_field(name)
    spec = PRACTICE_FIELDS[name]
    if spec.kind == Kind.MULTI_CHOICE:
        labels = dict(spec.vocabulary.choices)
        return [str(labels.get(item, item)) for item in value or []]
    if isinstance(value, list):
        return [str(item) for item in value]
    if spec.kind == Kind.FOREIGN_KEY:
        return (clusters or {}).get(value, "") if value else ""
    if spec.kind == Kind.COUNTRY:
        return countries.name(value) if value else ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value or ""))
    return "" if value is None else str(value)


def revision_changes(practice: Practice, revision: PracticeRevision) -> list[FieldChange]:
    """What the pending revision changes against the published text (at most one query,
    for the names of the clusters involved)."""
    from practices.services.workflow import content_of

    current = content_of(practice)
    proposed = {**current, **{k: v for k, v in revision.content.items() if k in CONTENT_FIELDS}}
    changed = [name for name in CONTENT_FIELDS if current[name] != proposed[name]]
    clusters: dict[int, str] = {}
    if "origin_cluster" in changed:
        ids = {current["origin_cluster"], proposed["origin_cluster"]} - {None}
        clusters = dict(Cluster.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [
        FieldChange(
            name=name,
            label=str(Practice._meta.get_field(name).verbose_name),
            before=display_value(name, current[name], clusters),
            after=display_value(name, proposed[name], clusters),
        )
        for name in changed
    ]


# ---- The coordinator's queue ------------------------------------------------------------


@dataclass
class ModerationQueue:
    submitted: list[Practice]
    revisions: list[PracticeRevision]
    counts: list[tuple[str, str, int]]  # (status, label, count) for every status


def moderation_queue() -> ModerationQueue:
    """Submitted practices (oldest first) and pending revisions, with counts per status;
    three queries whatever the queue's length."""
    submitted = list(
        Practice.objects.filter(status=Status.SUBMITTED)
        .select_related("owner")
        .only("slug", "title", "status", "submitted_at", "updated_at", "owner__name",
              "owner__short_name", "owner__slug")
        .order_by("submitted_at", "id")
    )  # fmt: skip
    revisions = list(
        PracticeRevision.objects.filter(status=RevisionStatus.PENDING)
        .select_related("practice__owner", "created_by")
        .order_by("created_at", "id")
    )
    by_status = dict(Practice.objects.order_by().values_list("status").annotate(count=Count("id")))
    counts = [(value, str(label), by_status.get(value, 0)) for value, label in Status.choices]
    return ModerationQueue(submitted=submitted, revisions=revisions, counts=counts)


STATUS_LIST_LIMIT = 200
AWAITING_INTERVIEW_LIMIT = 20


def awaiting_interview(reviewer: User, *, limit: int = AWAITING_INTERVIEW_LIMIT) -> list[Practice]:
    """The practices a reviewer could interview stakeholders about and has not yet: those
    under review first (oldest submission first: their decision waits on evidence), then
    published ones with the fewest interviews. One query.
    """
    from practices.models import StakeholderInterview

    mine = StakeholderInterview.objects.filter(practice=OuterRef("pk"), reviewer=reviewer)
    return list(
        Practice.objects.filter(status__in=policy.INTERVIEWABLE_STATES)
        .exclude(Exists(mine))
        .select_related("owner")
        .only("slug", "title", "status", "submitted_at", "published_at", "interview_count",
              "owner__name", "owner__short_name", "owner__slug")
        .order_by(
            Case(When(status=Status.SUBMITTED, then=0), default=1),
            "interview_count", "submitted_at", "id",
        )[:limit]
    )  # fmt: skip


def practices_with_status(status: str, *, limit: int = STATUS_LIST_LIMIT) -> list[Practice]:
    """The practices in one state, most recently changed first (the coordinator's
    filtered queue); at most ``limit``. One query."""
    return list(
        Practice.objects.filter(status=status)
        .select_related("owner")
        .only("slug", "title", "status", "submitted_at", "updated_at", "owner__name",
              "owner__short_name", "owner__slug")
        .order_by("-updated_at", "-id")[:limit]
    )  # fmt: skip


def moderation_counts() -> tuple[int, int]:
    """(submitted practices, pending revisions), in one query."""
    row = Practice.objects.aggregate(
        # distinct: the join on revisions repeats a practice once per revision.
        submitted=Count("id", filter=Q(status=Status.SUBMITTED), distinct=True),
        revisions=Count(
            "revisions", filter=Q(revisions__status=RevisionStatus.PENDING), distinct=True
        ),
    )
    return row["submitted"], row["revisions"]


# ---- The dashboard panel -----------------------------------------------------------------


@dataclass
class StatusGroup:
    status: str
    label: str
    practices: list[Practice]

    @property
    def count(self) -> int:
        return len(self.practices)


def organisation_practices(organisation_ids: Iterable[int]) -> QuerySet[Practice]:
    """The practices of these organisations with a ``has_pending_revision`` flag, newest
    edit first; one query."""
    return (
        Practice.objects.owned_by(list(organisation_ids))
        .select_related("owner")
        .annotate(
            has_pending_revision=Exists(
                PracticeRevision.objects.filter(
                    practice=OuterRef("pk"), status=RevisionStatus.PENDING
                )
            )
        )
        .only("slug", "title", "status", "updated_at", "owner__name", "owner__short_name",
              "owner__slug")
        .order_by("-updated_at", "-id")
    )  # fmt: skip


def practices_by_status(practices: Iterable[Practice]) -> list[StatusGroup]:
    """Groups in the workflow's order; statuses with no practice are left out."""
    grouped: dict[str, list[Practice]] = {value: [] for value in Status.values}
    for practice in practices:
        grouped[practice.status].append(practice)
    return [
        StatusGroup(status=value, label=str(label), practices=grouped[value])
        for value, label in Status.choices
        if grouped[value]
    ]
