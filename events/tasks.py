"""Celery tasks of events: each takes ids, loads, and calls a service or sends mail.

All are idempotent (safe to run twice, ``acks_late``); the services queue them after
commit. The periodic ones run from the beat schedule in ``netbioclue/celery.py``:

- ``promote_waitlists`` (every 5 minutes): lapse expired offers, offer free places;
- ``send_reminders`` (every 15 minutes): the 24-hour reminder, once per registration
  (``ReminderSent``'s unique marker, inserted in the same transaction that queues the
  mail, so a second worker or a retry sends nothing);
- ``anonymise_registrations`` (daily): erase personal data a while after each event;
- ``send_weekly_digests`` (daily): the digests of the people whose day it is.
"""

from __future__ import annotations

import datetime

from celery import shared_task
from django.db import IntegrityError, transaction
from django.utils import timezone

REMINDER_WINDOW = datetime.timedelta(hours=24)


@shared_task(acks_late=True)
def send_registration_email(registration_id: int, template: str) -> None:
    """Tell one registrant what happened to their registration."""
    from events.emails import send_to_registrant
    from events.models import Registration

    registration = (
        Registration.objects.select_related("event", "event__host")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.email:
        return  # deleted or anonymised since: nobody to write to
    send_to_registrant(registration, template)


def _registrants(event_id: int, statuses):
    from events.models import Registration

    return (
        Registration.objects.select_related("event", "event__host")
        .filter(event_id=event_id, status__in=statuses)
        .exclude(email="")
        .order_by("pk")
    )


@shared_task(acks_late=True)
def notify_event_change(event_id: int, activity_id: int) -> None:
    """Tell everyone registered that the time or the place changed."""
    from events.emails import send_to_registrant
    from events.models import ACTIVE

    for registration in _registrants(event_id, ACTIVE).iterator(chunk_size=200):
        send_to_registrant(registration, "changed")


@shared_task(acks_late=True)
def notify_event_cancelled(event_id: int, activity_id: int) -> None:
    from events.emails import send_to_registrant
    from events.models import ACTIVE, RegistrationStatus
    from organisations.models import Activity

    activity = Activity.objects.filter(pk=activity_id).first()
    reason = (activity.data or {}).get("reason", "") if activity else ""
    # The registrations were active when the event was cancelled; they keep their status.
    statuses = (*ACTIVE, RegistrationStatus.CANCELLED)
    for registration in (
        _registrants(event_id, statuses).filter(cancelled_at__isnull=True).iterator(chunk_size=200)
    ):
        send_to_registrant(registration, "cancelled", {"reason": reason})


@shared_task(acks_late=True)
def send_registrants_message(event_id: int, activity_id: int) -> None:
    from events.emails import send_to_registrant
    from events.models import RegistrationStatus
    from organisations.models import Activity

    activity = Activity.objects.get(pk=activity_id)
    statuses = (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.WAITLISTED,
    )
    for registration in _registrants(event_id, statuses).iterator(chunk_size=200):
        send_to_registrant(
            registration,
            "message",
            {"subject": activity.data["subject"], "body": activity.data["body"]},
        )


@shared_task(acks_late=True)
def promote_waitlists() -> int:
    """Lapse expired offers and offer free places, for every event that needs it."""
    from events.models import Event, RegistrationStatus, Status
    from events.services import waitlist_promote

    now = timezone.now()
    event_ids = (
        Event.objects.filter(status=Status.PUBLISHED, starts_at__gt=now)
        .filter(
            registrations__status__in=(
                RegistrationStatus.OFFERED,
                RegistrationStatus.WAITLISTED,
            )
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    offered = 0
    for event_id in list(event_ids):
        offered += len(waitlist_promote(event=event_id))
    return offered


@shared_task(acks_late=True)
def send_reminders(now_iso: str | None = None) -> int:
    """The reminder 24 hours before start, exactly once per confirmed registration."""
    from events.models import Registration, RegistrationStatus, ReminderSent, Status

    now = datetime.datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            event__status=Status.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMINDER_WINDOW,
        )
        .exclude(reminders__kind="24h")
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    sent = 0
    for registration_id in list(due):
        try:
            with transaction.atomic():
                ReminderSent.objects.create(registration_id=registration_id, kind="24h")
                send_registration_email.delay_on_commit(registration_id, "reminder")
        except IntegrityError:
            continue  # another worker got there first
        sent += 1
    return sent


@shared_task(acks_late=True)
def anonymise_registrations() -> int:
    from events.services import registrations_anonymise

    return registrations_anonymise()


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1900)
def send_weekly_digests() -> dict:
    """Daily: the digests of the people whose day it is (``events.digest``)."""
    from events.digest import send_digests

    return send_digests()
