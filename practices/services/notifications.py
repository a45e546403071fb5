"""The e-mails each workflow event sends, run by ``practices.tasks.notify_transition``.

Who hears about what:

- ``practice.submitted`` and ``practice.revision_proposed``: the coordinators (they
  have something to review);
- every other transition (changes requested, published, rejected, archived, revision
  approved or rejected): the editors and admins of the owner organisation, plus the
  person who submitted the practice or proposed the revision.

The person who acted is never e-mailed about their own action. One message per
recipient (no address sees the others). The messages go to the outbox
(``netbioclue.outbox``), keyed by activity and recipient, and leave after commit, so no
SMTP conversation happens while the activity row is locked and a mail outage only
delays them. Queueing is idempotent: the activity is locked and stamped with
``data["notified_at"]``; a second run for the same activity queues nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netbioclue.outbox import email_queue
from organisations.models import Activity, User
from organisations.permissions import Role
from practices.models import Practice, PracticeRevision

# action code -> (template name, whom to tell)
_COORDINATORS = "coordinators"
_OWNERS = "owners"
EVENTS: dict[str, tuple[str, str]] = {
    "practice.submitted": ("submitted", _COORDINATORS),
    "practice.revision_proposed": ("revision_proposed", _COORDINATORS),
    "practice.changes_requested": ("changes_requested", _OWNERS),
    "practice.published": ("published", _OWNERS),
    "practice.rejected": ("rejected", _OWNERS),
    "practice.archived": ("archived", _OWNERS),
    "practice.revision_approved": ("revision_approved", _OWNERS),
    "practice.revision_rejected": ("revision_rejected", _OWNERS),
}


def _subject(template: str, title: str) -> str:
    subjects = {
        "submitted": _("[NETBIOCLUE] Submitted for review: %(title)s"),
        "revision_proposed": _("[NETBIOCLUE] Revision to review: %(title)s"),
        "changes_requested": _("[NETBIOCLUE] Changes requested: %(title)s"),
        "published": _("[NETBIOCLUE] Published: %(title)s"),
        "rejected": _("[NETBIOCLUE] Not accepted: %(title)s"),
        "archived": _("[NETBIOCLUE] Archived: %(title)s"),
        "revision_approved": _("[NETBIOCLUE] Revision published: %(title)s"),
        "revision_rejected": _("[NETBIOCLUE] Revision not accepted: %(title)s"),
    }
    # Header-safe: a title never spans lines, but be sure.
    return (subjects[template] % {"title": title}).replace("\n", " ").replace("\r", " ")


def _recipients(activity: Activity, practice: Practice, audience: str) -> list[User]:
    active = User.objects.filter(is_active=True)
    if audience == _COORDINATORS:
        people = active.filter(is_coordinator=True)
    else:
        concerned = Q(
            memberships__organisation_id=practice.owner_id,
            memberships__role__in=[Role.EDITOR, Role.ADMIN],
        )
        author_id = _author_id(activity, practice)
        if author_id is not None:
            concerned |= Q(pk=author_id)
        people = active.filter(concerned)
    if activity.actor_id is not None:
        people = people.exclude(pk=activity.actor_id)
    return list(people.distinct().order_by("email"))


def _author_id(activity: Activity, practice: Practice) -> int | None:
    """Who submitted the practice, or proposed the revision being decided."""
    revision_id = activity.data.get("revision")
    if revision_id is not None:
        return (
            PracticeRevision.objects.filter(pk=revision_id)
            .values_list("created_by_id", flat=True)
            .first()
        )
    submission = (
        Activity.objects.filter(
            content_type_id=activity.content_type_id,
            object_id=practice.pk,
            action="practice.submitted",
            created_at__lte=activity.created_at,
        )
        .order_by("-created_at", "-id")
        .values_list("actor_id", flat=True)
        .first()
    )
    return submission


def send_transition_emails(*, activity_id: int) -> int:
    """Queue the e-mails to the people concerned by one recorded workflow event; returns
    how many messages were queued (0 when already queued, unknown, or nobody to tell).
    They are sent once this transaction commits."""
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("actor")
            .filter(pk=activity_id)
            .first()
        )
        if activity is None or activity.data.get("notified_at") or activity.action not in EVENTS:
            return 0
        practice = Practice.objects.select_related("owner").filter(pk=activity.object_id).first()
        if practice is None:
            return 0
        template, audience = EVENTS[activity.action]
        recipients = _recipients(activity, practice, audience)
        context = {
            "practice": practice,
            "activity": activity,
            "actor": activity.actor or _("Someone"),
            "comment": activity.data.get("comment", ""),
            "reason": activity.data.get("reason", ""),
            "url": settings.SITE_URL + practice.get_absolute_url(),
            "moderation_url": settings.SITE_URL + reverse("practices:moderation"),
        }
        subject = _subject(template, practice.title)
        body = render_to_string(f"practices/email/{template}.txt", context)
        for person in recipients:
            email_queue(
                key=f"activity:{activity.pk}:{person.pk}",
                to=person.email,
                subject=subject,
                body=body,
            )
        activity.data = {
            **activity.data,
            "notified_at": timezone.now().isoformat(),
            "notified": len(recipients),
        }
        activity.save(update_fields=["data"])
    return len(recipients)


# An activity whose notification task never ran (the broker was down when the workflow
# action committed) is picked up after this long, for this long.
MISSED_AFTER = timedelta(minutes=2)
MISSED_WITHIN = timedelta(days=1)


def queue_missed_transition_emails() -> int:
    """Queue the e-mails of recent workflow events that were never notified; returns
    how many events were caught up. Run by the outbox sweep."""
    now = timezone.now()
    missed = Activity.objects.filter(
        action__in=EVENTS,
        created_at__gte=now - MISSED_WITHIN,
        created_at__lte=now - MISSED_AFTER,
        data__notified_at__isnull=True,
    ).values_list("pk", flat=True)
    caught_up = 0
    for activity_id in missed:
        send_transition_emails(activity_id=activity_id)
        caught_up += 1
    return caught_up
