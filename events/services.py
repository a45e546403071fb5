"""Writing events and registrations: the workflow exists once, here.

HTML views, the API, the admin, tasks and the demo seed call these keyword-only
functions. Each runs in ``transaction.atomic()`` and locks the **event row**
(``select_for_update``) before counting places, so registrations, cancellations,
offers and promotions of one event are serialised: the capacity can never be
exceeded, whatever the number of parallel requests. Each records an ``Activity``
(``event.*`` action codes) and queues e-mails with ``delay_on_commit`` (never from an
open transaction).

Moderation: events are **not** moderated; see ``events.policy`` (host editors
publish their own events; ``EVENTS_MODERATED`` reserves publication to coordinators).

Places: a registration holds a place when ``confirmed`` or ``offered``. A new
registration takes a free place or joins the waiting list at the next position. A
guest's registration waits for the e-mail confirmation (``pending_confirmation``)
and holds nothing until then. When a place frees up (cancellation, larger capacity,
expired offer), ``waitlist_promote`` offers it to the first on the waiting list, who
has ``EVENTS_OFFER_HOURS`` hours to accept; then the offer lapses and the next person
is asked.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events import policy
from events.fields import CALENDAR_FIELDS, EVENT_FIELDS, SCHEDULE_FIELDS, VENUE_FIELDS
from events.models import (
    RESERVED_SLUGS,
    TRANSITIONS,
    Event,
    Registration,
    RegistrationStatus,
    Status,
)
from netbioclue.registry import Audit
from netbioclue.text import validate_text
from organisations.activity import log_action
from organisations.models import Organisation, User

MAX_MESSAGE_LENGTH = 10000


def _tasks():
    # Imported late: tasks import services (they call them).
    from events import tasks

    return tasks


def offer_hours() -> int:
    return int(getattr(settings, "EVENTS_OFFER_HOURS", 48))


def _lock(event: Event | int) -> Event:
    pk = event if isinstance(event, int) else event.pk
    return Event.objects.select_for_update(of=("self",)).select_related("host").get(pk=pk)


def _check_transition(event: Event, action: str) -> None:
    sources, _target = TRANSITIONS[action]
    if event.status not in sources:
        raise ValidationError(
            _("This event is %(status)s; that is not possible now.")
            % {"status": event.get_status_display().lower()},
            code="invalid_transition",
        )


def _slug_for(title: str) -> str:
    base = slugify(title)[:120].strip("-") or "event"
    if base in RESERVED_SLUGS:
        base = f"{base}-event"
    slug = base
    while Event.objects.filter(slug=slug).exists():
        slug = f"{base}-{uuid.uuid4().hex[:6]}"
    return slug


_CONTENT = [spec.name for spec in EVENT_FIELDS if spec.name not in {"cluster", "co_hosts"}]
_NOT_CONTENT = [
    f.name for f in Event._meta.concrete_fields if f.name not in _CONTENT and f.name != "cluster"
]


def _apply(event: Event, data: Mapping[str, Any]) -> list[str]:
    """Set the registry's fields from ``data``; return the names that changed."""
    unknown = set(data) - set(EVENT_FIELDS.names())
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_fields",
        )
    changed = []
    for name, value in data.items():
        if name == "co_hosts":
            continue
        if name == "cluster":
            new = getattr(value, "pk", value)
            if new != event.cluster_id:
                event.cluster_id = new
                changed.append(name)
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            validate_text(item)
        if value is None and name in {
            "description",
            "price_note",
            "venue_name",
            "venue_address",
            "city",
            "online_url",
            "country",
        }:
            value = ""
        if getattr(event, name) != value:
            setattr(event, name, value)
            changed.append(name)
    return changed


def _validate(event: Event) -> None:
    event.full_clean(exclude=_NOT_CONTENT, validate_unique=False)


def _diff(before: Mapping[str, Any], event: Event, changed: Iterable[str]) -> list[dict]:
    out = []
    for name in changed:
        spec = EVENT_FIELDS[name] if name in EVENT_FIELDS else None  # noqa: SIM401
        entry: dict[str, Any] = {"field": name}
        if spec is not None and spec.audit == Audit.VALUE:
            entry["old"] = _jsonable(before.get(name))
            entry["new"] = _jsonable(getattr(event, name if name != "cluster" else "cluster_id"))
        out.append(entry)
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if value is None or isinstance(value, int | bool | str):
        return value
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(getattr(value, "code", value))


def _set_co_hosts(event: Event, co_hosts: Iterable[Organisation | int] | None) -> bool:
    if co_hosts is None:
        return False
    ids = {getattr(o, "pk", o) for o in co_hosts} - {event.host_id}
    current = set(event.co_hosts.values_list("pk", flat=True))
    if ids == current:
        return False
    event.co_hosts.set(ids)
    return True


# ---- Events --------------------------------------------------------------------------------


@transaction.atomic
def event_create(*, host: Organisation, by: User, data: Mapping[str, Any]) -> Event:
    """A new draft event of ``host``; ``data`` holds registry fields."""
    if not policy.can_create_for(by, host.pk):
        raise PermissionDenied(_("You cannot create events for this organisation."))
    data = dict(data)
    co_hosts = data.pop("co_hosts", None)
    event = Event(host=host, created_by=by if by.is_authenticated else None)
    _apply(event, data)
    _validate(event)
    event.slug = _slug_for(event.title)
    event.save()
    _set_co_hosts(event, co_hosts)
    log_action(action="event.created", actor=by, target=event, organisation=host)
    return event


@transaction.atomic
def event_update(*, event: Event, by: User, data: Mapping[str, Any]) -> Event:
    """Edit an event. A change registrants' calendars care about bumps ``sequence``;
    a change of time or place is announced to them after commit; more capacity offers
    the new places to the waiting list."""
    event = _lock(event)
    if not policy.can_edit(by, event):
        raise PermissionDenied(_("You cannot edit this event."))
    data = dict(data)
    co_hosts = data.pop("co_hosts", None)
    before = {name: getattr(event, name) for name in _CONTENT}
    before["cluster"] = event.cluster_id
    changed = _apply(event, data)
    _validate(event)
    if _set_co_hosts(event, co_hosts):
        changed.append("co_hosts")
    if not changed:
        return event
    if CALENDAR_FIELDS.intersection(changed):
        event.sequence += 1
    event.save()
    activity = log_action(
        action="event.updated",
        actor=by,
        target=event,
        organisation=event.host,
        data={"changes": _diff(before, event, changed)},
    )
    if event.status == Status.PUBLISHED and (SCHEDULE_FIELDS | VENUE_FIELDS).intersection(changed):
        _tasks().notify_event_change.delay_on_commit(event.pk, activity.pk)
    if "capacity" in changed:
        _promote(event)
    return event


@transaction.atomic
def event_publish(*, event: Event, by: User) -> Event:
    event = _lock(event)
    if not policy.can_publish(by, event):
        raise PermissionDenied(_("You cannot publish this event."))
    _check_transition(event, "publish")
    if event.ends_at <= timezone.now():
        raise ValidationError(_("This event is over; it cannot be announced."), code="past")
    event.status = Status.PUBLISHED
    event.published_at = timezone.now()
    event.sequence += 1
    event.save(update_fields=["status", "published_at", "sequence", "updated_at"])
    log_action(action="event.published", actor=by, target=event, organisation=event.host)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by: User, reason: str = "") -> Event:
    """Cancel an event: it stays listed as cancelled and every registrant is told."""
    event = _lock(event)
    if not policy.can_cancel(by, event):
        raise PermissionDenied(_("You cannot cancel this event."))
    _check_transition(event, "cancel")
    validate_text(reason)
    was_published = event.status == Status.PUBLISHED
    event.status = Status.CANCELLED
    event.cancelled_at = timezone.now()
    event.sequence += 1
    event.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
    activity = log_action(
        action="event.cancelled",
        actor=by,
        target=event,
        organisation=event.host,
        data={"reason": reason[:2000]},
    )
    if was_published:
        _tasks().notify_event_cancelled.delay_on_commit(event.pk, activity.pk)
    return event


@transaction.atomic
def event_record_outcome(
    *,
    event: Event,
    by: User,
    note: str,
    links: list[str],
    practice_ids: Iterable[int] = (),
) -> Event:
    """After the event: what it produced (a note, links, practices of the catalogue)."""
    event = _lock(event)
    if not policy.can_manage_registrations(by, event) or event.status == Status.DRAFT:
        raise PermissionDenied(_("You cannot record the outcome of this event."))
    validate_text(note)
    for link in links:
        validate_text(link)
    event.outcome_note = note
    event.outcome_links = list(links)
    event.full_clean(
        exclude=[
            f.name
            for f in Event._meta.concrete_fields
            if f.name not in {"outcome_note", "outcome_links"}
        ],
        validate_unique=False,
    )
    event.save(update_fields=["outcome_note", "outcome_links", "updated_at"])
    from practices.models import Practice

    event.outcome_practices.set(Practice.objects.published().filter(pk__in=list(practice_ids)))
    log_action(action="event.outcome_recorded", actor=by, target=event, organisation=event.host)
    return event


# ---- Registrations -------------------------------------------------------------------------


def _places_taken(event: Event) -> int:
    return event.registrations.holding_place().count()


def _has_free_place(event: Event) -> bool:
    return event.capacity is None or _places_taken(event) < event.capacity


def _next_waitlist_position(event: Event) -> int:
    current = event.registrations.aggregate(m=Max("waitlist_position"))["m"]
    return (current or 0) + 1


def _allocate(event: Event, registration: Registration) -> None:
    """Give ``registration`` a free place or the next position on the waiting list.

    Called with the event row locked. Waiting people go first: a place that frees up
    is offered to them (``_promote``) before a newcomer may take one.
    """
    now = timezone.now()
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).exists()
    if not waiting and _has_free_place(event):
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.waitlist_position = None
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.waitlist_position = _next_waitlist_position(event)


def _check_registrable(event: Event, now: datetime.datetime) -> None:
    if event.status == Status.CANCELLED:
        raise ValidationError(_("This event has been cancelled."), code="event_cancelled")
    if event.status != Status.PUBLISHED:
        raise ValidationError(_("This event is not open for registration."), code="not_published")
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ValidationError(_("Registration has not opened yet."), code="not_open_yet")
    if now >= (event.registration_closes_at or event.starts_at):
        raise ValidationError(_("Registration for this event has closed."), code="closed")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    user: User | None = None,
    organisation_name: str = "",
    country: str = "",
    answers: Iterable[str] = (),
    consent_to_share: bool = False,
) -> Registration:
    """Register a person for ``event``.

    A signed-in ``user`` (whose address allauth has verified) is placed at once; a
    guest gets a confirmation link and is placed when they follow it. Raises
    ``ValidationError`` (codes ``event_cancelled``, ``not_published``, ``not_open_yet``,
    ``closed``, ``duplicate``, ``invalid``) for anything that cannot be registered.
    """
    if user is not None and user.is_authenticated:
        email = user.email
    email = (email or "").strip()
    name = (name or "").strip()
    for text in (name, email, organisation_name, *answers):
        validate_text(text)
    answers = [str(a).strip()[:2000] for a in answers]
    with transaction.atomic():
        event = _lock(event)
        now = timezone.now()
        _check_registrable(event, now)
        if len(answers) > len(event.questions):
            raise ValidationError(_("Too many answers."), code="invalid")
        registration = Registration(
            event=event,
            user=user if user is not None and user.is_authenticated else None,
            name=name,
            email=email,
            organisation_name=(organisation_name or "").strip(),
            country=country or "",
            answers=answers,
            consent_to_share=bool(consent_to_share),
        )
        registration.full_clean(exclude=["event", "user", "status"], validate_unique=False)
        if event.registrations.active().filter(email__iexact=email).exists():
            raise ValidationError(
                _("This e-mail address is already registered for this event."), code="duplicate"
            )
        if registration.user_id is not None:
            _allocate(event, registration)
        else:
            registration.status = RegistrationStatus.PENDING
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as exc:  # the partial unique index, should the check race
            raise ValidationError(
                _("This e-mail address is already registered for this event."), code="duplicate"
            ) from exc
        log_action(
            action="event.registration_created",
            actor=user,
            target=event,
            organisation=event.host,
            data={"registration": registration.pk, "status": registration.status},
        )
        _tasks().send_registration_email.delay_on_commit(registration.pk, "created")
    return registration


def _lock_registration(registration: Registration | int) -> tuple[Event, Registration]:
    pk = registration if isinstance(registration, int) else registration.pk
    event_id = Registration.objects.values_list("event_id", flat=True).get(pk=pk)
    event = _lock(event_id)  # the event first, always: one lock order, no deadlock
    return event, Registration.objects.select_for_update().get(pk=pk)


@transaction.atomic
def registration_confirm(*, registration: Registration) -> Registration:
    """A guest followed the confirmation link: place them (idempotent)."""
    event, registration = _lock_registration(registration)
    if registration.status != RegistrationStatus.PENDING:
        return registration  # already confirmed, waitlisted or cancelled: nothing to do
    if event.status == Status.CANCELLED:
        raise ValidationError(_("This event has been cancelled."), code="event_cancelled")
    _allocate(event, registration)
    registration.save()
    log_action(
        action="event.registration_confirmed",
        actor=None,
        target=event,
        organisation=event.host,
        data={"registration": registration.pk, "status": registration.status},
    )
    _tasks().send_registration_email.delay_on_commit(registration.pk, "placed")
    return registration


@transaction.atomic
def registration_accept_offer(*, registration: Registration) -> Registration:
    """The person offered a place from the waiting list takes it (idempotent)."""
    event, registration = _lock_registration(registration)
    if registration.status == RegistrationStatus.CONFIRMED:
        return registration
    if registration.status != RegistrationStatus.OFFERED:
        raise ValidationError(_("This offer is no longer open."), code="offer_closed")
    if registration.offer_expires_at <= timezone.now():
        raise ValidationError(_("This offer has expired."), code="offer_expired")
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.offer_expires_at = None
    registration.waitlist_position = None
    registration.save()
    log_action(
        action="event.offer_accepted",
        actor=registration.user,
        target=event,
        organisation=event.host,
        data={"registration": registration.pk},
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User | None = None) -> Registration:
    """Cancel a registration (from the link in any e-mail, the person's page or the
    organiser); a freed place goes to the waiting list. Idempotent."""
    event, registration = _lock_registration(registration)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    if (
        by is not None
        and registration.user_id != by.pk
        and not policy.can_manage_registrations(by, event)
    ):
        raise PermissionDenied(_("You cannot cancel this registration."))
    freed = registration.holds_place
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.waitlist_position = None
    registration.offer_expires_at = None
    registration.save()
    log_action(
        action="event.registration_cancelled",
        actor=by,
        target=event,
        organisation=event.host,
        data={"registration": registration.pk},
    )
    if freed:
        _promote(event)
    return registration


def _promote(event: Event) -> list[Registration]:
    """Offer free places to the waiting list in order (event row locked by the caller)."""
    if event.status != Status.PUBLISHED or event.starts_at <= timezone.now():
        return []
    offered = []
    free = None if event.capacity is None else event.capacity - _places_taken(event)
    queue = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "waitlist_position", "id"
    )
    if free is not None:
        queue = queue[: max(free, 0)]
    expiry = timezone.now() + datetime.timedelta(hours=offer_hours())
    for registration in queue.select_for_update():
        registration.status = RegistrationStatus.OFFERED
        registration.offer_expires_at = min(expiry, event.starts_at)
        registration.save(update_fields=["status", "offer_expires_at"])
        log_action(
            action="event.place_offered",
            actor=None,
            target=event,
            organisation=event.host,
            data={"registration": registration.pk},
        )
        _tasks().send_registration_email.delay_on_commit(registration.pk, "offered")
        offered.append(registration)
    return offered


@transaction.atomic
def waitlist_promote(*, event: Event | int) -> list[Registration]:
    """Let offers that ran out lapse, then offer the free places in order.

    Safe to run any number of times (the beat task does, every few minutes): the
    event row lock serialises it with registrations and cancellations.
    """
    event = _lock(event)
    now = timezone.now()
    lapsed = event.registrations.filter(
        status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
    ).select_for_update()
    for registration in lapsed:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        log_action(
            action="event.offer_lapsed",
            actor=None,
            target=event,
            organisation=event.host,
            data={"registration": registration.pk},
        )
        _tasks().send_registration_email.delay_on_commit(registration.pk, "lapsed")
    return _promote(event)


@transaction.atomic
def checkin(*, registration: Registration, by: User) -> Registration:
    """Mark a person present (idempotent: the first time stays recorded)."""
    event, registration = _lock_registration(registration)
    if not policy.can_manage_registrations(by, event):
        raise PermissionDenied(_("You cannot check people in for this event."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("Only confirmed registrations can be checked in."), code="not_confirmed"
        )
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at"])
        log_action(
            action="event.checked_in",
            actor=by,
            target=event,
            organisation=event.host,
            data={"registration": registration.pk},
        )
    return registration


@transaction.atomic
def registrants_message(*, event: Event, by: User, subject: str, body: str) -> int:
    """E-mail every confirmed, offered and waiting registrant; returns how many."""
    event = _lock(event)
    if not policy.can_manage_registrations(by, event):
        raise PermissionDenied(_("You cannot message the registrants of this event."))
    subject = " ".join((subject or "").split())[:200]
    body = (body or "").strip()
    validate_text(subject)
    validate_text(body)
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."), code="empty")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(_("The message is too long."), code="too_long")
    count = event.registrations.filter(
        status__in=(
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.OFFERED,
            RegistrationStatus.WAITLISTED,
        )
    ).count()
    activity = log_action(
        action="event.registrants_messaged",
        actor=by,
        target=event,
        organisation=event.host,
        data={"subject": subject, "body": body, "recipients": count},
    )
    _tasks().send_registrants_message.delay_on_commit(event.pk, activity.pk)
    return count


def registrations_anonymise(*, now: datetime.datetime | None = None, batch: int = 500) -> int:
    """Erase personal data of registrations for events that ended
    ``EVENTS_ERASE_REGISTRATIONS_AFTER`` ago; counts stay, people are gone."""
    now = now or timezone.now()
    cutoff = now - settings.EVENTS_ERASE_REGISTRATIONS_AFTER
    total = 0
    while True:
        with transaction.atomic():
            ids = list(
                Registration.objects.filter(event__ends_at__lte=cutoff, anonymised_at__isnull=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not ids:
                return total
            Registration.objects.filter(pk__in=ids).update(
                user=None,
                name="",
                email="",
                organisation_name="",
                answers=[],
                consent_to_share=False,
                anonymised_at=now,
            )
            total += len(ids)
