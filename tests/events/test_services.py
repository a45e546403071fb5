import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services, tokens
from events.models import RegistrationStatus, Status
from organisations.models import Activity
from tests.events.conftest import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    start = timezone.now() + datetime.timedelta(days=30)
    data = {
        "title": "Study visit to Genopole",
        "kind": "study-visit",
        "summary": "Two days with the Genopole incubator team.",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=8),
        "timezone": "Europe/Paris",
        "topics": ["incubator"],
        "capacity": 2,
    }
    data.update(overrides)
    return data


def test_an_editor_creates_a_draft_and_publishes_it(org, editor):
    event = services.event_create(host=org, by=editor, data=_data())
    assert event.status == Status.DRAFT and event.slug == "study-visit-to-genopole"
    services.event_publish(event=event, by=editor)
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED and event.published_at is not None
    actions = list(Activity.objects.filter(object_id=event.pk).values_list("action", flat=True))
    assert {"event.created", "event.published"} <= set(actions)


def test_members_and_outsiders_cannot_create_or_publish(org, bob, charlie, draft_event):
    with pytest.raises(PermissionDenied):
        services.event_create(host=org, by=bob, data=_data())
    with pytest.raises(PermissionDenied):
        services.event_publish(event=draft_event, by=charlie)


def test_when_events_are_moderated_only_the_coordinator_publishes(
    settings, editor, coordinator, draft_event
):
    settings.EVENTS_MODERATED = True
    with pytest.raises(PermissionDenied):
        services.event_publish(event=draft_event, by=editor)
    services.event_publish(event=draft_event, by=coordinator)


def test_transitions_follow_the_state_machine(editor, event):
    with pytest.raises(ValidationError):
        services.event_publish(event=event, by=editor)  # already published
    services.event_cancel(event=event, by=editor)
    with pytest.raises(ValidationError):
        services.event_cancel(event=event, by=editor)


def test_sequence_rises_on_a_calendar_change_and_registrants_are_told(editor, event, committed):
    RegistrationFactory(event=event, email="p@example.com")
    before = event.sequence
    committed(services.event_update, event=event, by=editor, data={"price_note": "Free"})
    event.refresh_from_db()
    assert event.sequence == before  # a price is not a calendar matter
    assert mail.outbox == []
    committed(
        services.event_update,
        event=event,
        by=editor,
        data={"starts_at": event.starts_at + datetime.timedelta(hours=1)},
    )
    event.refresh_from_db()
    assert event.sequence == before + 1
    assert [m.to for m in mail.outbox] == [["p@example.com"]]
    assert "Changed" in mail.outbox[0].subject
    assert "/events/r/" in mail.outbox[0].body  # the cancellation link


def test_cancelling_tells_every_registrant_after_commit(editor, event, committed):
    RegistrationFactory(event=event, email="a@example.com")
    RegistrationFactory(
        event=event, email="w@example.com", status="waitlisted", waitlist_position=1
    )
    committed(services.event_cancel, event=event, by=editor, reason="The venue flooded.")
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.com", "w@example.com"]
    assert "The venue flooded." in mail.outbox[0].body


def test_a_user_registration_is_placed_and_a_guest_waits_for_confirmation(event, bob, committed):
    placed = services.registration_create(event=event, user=bob, name="Bob", email="")
    assert placed.status == RegistrationStatus.CONFIRMED and placed.email == bob.email
    guest = committed(
        services.registration_create, event=event, name="Gina", email="gina@example.com"
    )
    assert guest.status == RegistrationStatus.PENDING
    assert "confirm" in mail.outbox[-1].body
    services.registration_confirm(registration=guest)
    guest.refresh_from_db()
    assert guest.status == RegistrationStatus.CONFIRMED
    # Idempotent: a second click changes nothing.
    services.registration_confirm(registration=guest)


def test_full_event_waitlists_then_promotes_in_order(settings, event, committed):
    settings.EVENTS_OFFER_HOURS = 12
    event.capacity = 1
    event.save()
    users = [UserFactory() for _ in range(3)]
    first, second, third = (
        services.registration_create(event=event, user=u, name=u.full_name, email="") for u in users
    )
    assert [first.status, second.status, third.status] == ["confirmed", "waitlisted", "waitlisted"]
    assert (second.waitlist_position, third.waitlist_position) == (1, 2)
    mail.outbox.clear()
    committed(services.registration_cancel, registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == RegistrationStatus.OFFERED and third.status == "waitlisted"
    expected = timezone.now() + datetime.timedelta(hours=12)
    assert abs((second.offer_expires_at - expected).total_seconds()) < 60
    assert mail.outbox[-1].to == [second.email] and "/accept/" in mail.outbox[-1].body
    # The offer lapses: the beat task offers the place to the next person.
    second.offer_expires_at = timezone.now() - datetime.timedelta(seconds=1)
    second.save()
    from events.tasks import promote_waitlists

    assert promote_waitlists() == 1
    assert promote_waitlists() == 0  # idempotent
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "cancelled" and third.status == RegistrationStatus.OFFERED
    services.registration_accept_offer(registration=third)
    third.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED


def test_registration_is_refused_after_the_window_for_cancelled_and_twice(event, org):
    services.registration_create(event=event, name="A", email="a@example.com")
    with pytest.raises(ValidationError) as info:
        services.registration_create(event=event, name="A", email="A@example.com")
    assert info.value.code == "duplicate"
    closed = EventFactory(
        host=org, registration_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as info:
        services.registration_create(event=closed, name="B", email="b@example.com")
    assert info.value.code == "closed"
    cancelled = EventFactory(host=org, status=Status.CANCELLED)
    with pytest.raises(ValidationError) as info:
        services.registration_create(event=cancelled, name="B", email="b@example.com")
    assert info.value.code == "event_cancelled"


def test_checkin_is_idempotent_and_for_organisers_only(event, editor, charlie):
    registration = RegistrationFactory(event=event)
    with pytest.raises(PermissionDenied):
        services.checkin(registration=registration, by=charlie)
    services.checkin(registration=registration, by=editor)
    registration.refresh_from_db()
    first = registration.checked_in_at
    services.checkin(registration=registration, by=editor)
    registration.refresh_from_db()
    assert registration.checked_in_at == first
    assert Activity.objects.filter(action="event.checked_in").count() == 1


def test_registrations_are_anonymised_after_the_configured_time(settings, org):
    settings.EVENTS_ERASE_REGISTRATIONS_AFTER = datetime.timedelta(days=30)
    start = timezone.now() - datetime.timedelta(days=40)
    old = EventFactory(host=org, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    recent = EventFactory(host=org)
    gone = RegistrationFactory(event=old, answers=["vegetarian"])
    kept = RegistrationFactory(event=recent)
    token = tokens.make_token(gone, tokens.CANCEL)
    assert services.registrations_anonymise() == 1
    assert services.registrations_anonymise() == 0
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.name, gone.email, gone.answers, gone.anonymised_at is not None) == (
        "",
        "",
        [],
        True,
    )
    assert kept.email
    with pytest.raises(tokens.BadToken):
        tokens.read_token(token, tokens.CANCEL)


def test_messages_reach_each_registrant_separately(event, editor, committed):
    RegistrationFactory(event=event, email="one@example.com")
    RegistrationFactory(event=event, email="two@example.com")
    RegistrationFactory(event=event, email="gone@example.com", status="cancelled")
    sent = committed(
        services.registrants_message, event=event, by=editor, subject="Bus", body="At 8"
    )
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["one@example.com", "two@example.com"]
