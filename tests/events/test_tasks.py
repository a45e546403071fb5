import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events import tasks
from events.models import ReminderSent
from tests.events.conftest import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_reminder_goes_once_per_person_24_hours_before(org, django_capture_on_commit_callbacks):
    soon = EventFactory(host=org, starts_at=timezone.now() + datetime.timedelta(hours=20))
    later = EventFactory(host=org, starts_at=timezone.now() + datetime.timedelta(days=3))
    confirmed = RegistrationFactory(event=soon, email="in@example.com")
    RegistrationFactory(
        event=soon, email="wait@example.com", status="waitlisted", waitlist_position=1
    )
    RegistrationFactory(event=later, email="later@example.com")
    for _ in range(3):  # beat runs again, a worker retries: still one reminder
        with django_capture_on_commit_callbacks(execute=True):
            tasks.send_reminders()
    assert [m.to for m in mail.outbox] == [["in@example.com"]]
    assert "Tomorrow" in mail.outbox[0].subject
    assert soon.venue_address in mail.outbox[0].body  # confirmed people get the address
    assert "/cancel/" in mail.outbox[0].body
    assert ReminderSent.objects.filter(registration=confirmed).count() == 1


def test_a_reminder_marker_already_taken_sends_nothing(org, django_capture_on_commit_callbacks):
    soon = EventFactory(host=org, starts_at=timezone.now() + datetime.timedelta(hours=2))
    registration = RegistrationFactory(event=soon)
    ReminderSent.objects.create(registration=registration, kind="24h")  # another worker's
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders() == 0
    assert mail.outbox == []


def test_cancelled_events_send_no_reminder(org, django_capture_on_commit_callbacks):
    soon = EventFactory(
        host=org, starts_at=timezone.now() + datetime.timedelta(hours=2), status="cancelled"
    )
    RegistrationFactory(event=soon)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders() == 0


def test_the_anonymisation_task_runs_the_service(settings, org):
    settings.EVENTS_ERASE_REGISTRATIONS_AFTER = datetime.timedelta(days=1)
    start = timezone.now() - datetime.timedelta(days=5)
    old = EventFactory(host=org, starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    RegistrationFactory(event=old)
    assert tasks.anonymise_registrations() == 1
    assert tasks.anonymise_registrations() == 0
