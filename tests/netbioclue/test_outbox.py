"""E-mails are never lost and never break a request (netbioclue.outbox).

Each message is stored in the outbox with a unique key, sent after commit by a task
that locks the row, sends unless sent, and marks it sent; a failed delivery is
recorded and retried later with a growing delay.
"""

from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from netbioclue import outbox, tasks
from netbioclue.models import OutgoingEmail
from organisations import emails, services
from organisations.models import Invitation
from organisations.permissions import Role
from practices.models import Status
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

FAILING = "tests.netbioclue.test_outbox.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        kwargs.pop("fail_silently", None)
        super().__init__()

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def smtp_down(settings):
    settings.MAILERS = {"default": {"BACKEND": FAILING}}


@pytest.fixture
def smtp_back(settings):
    def back():
        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    return back


def _queue(key="test:1", to="someone@example.org"):
    return outbox.email_queue(key=key, to=to, subject="Hello", body="Secret link")


# --- A committed action survives a mail outage ------------------------------------------------


def test_an_smtp_outage_does_not_fail_an_invitation(
    client, org, alice, smtp_down, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invite", args=[org.slug]),
            {"email": "new@example.org", "role": Role.EDITOR},
        )

    assert response.status_code == 302
    assert Invitation.objects.filter(email="new@example.org").exists()
    email = OutgoingEmail.objects.get()
    assert email.sent_at is None
    assert email.attempts == 1
    assert "Connection refused" in email.last_error
    assert email.next_attempt_at > timezone.now()


def test_an_smtp_outage_does_not_fail_a_workflow_action(
    client, org, editor, coordinator, smtp_down, django_capture_on_commit_callbacks
):
    practice = PracticeFactory(owner=org, status=Status.DRAFT)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("practices:transition", args=[practice.slug, "submit"]))

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED
    email = OutgoingEmail.objects.get()
    assert (email.to, email.sent_at, email.attempts) == (coordinator.email, None, 1)


def test_a_broker_outage_at_commit_does_not_fail_the_action_and_the_sweep_sends_later(
    client, org, alice, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_email, "delay", broker_down)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invite", args=[org.slug]),
            {"email": "new@example.org", "role": Role.MEMBER},
        )
    assert response.status_code == 302
    assert mail.outbox == []

    assert outbox.send_due_emails() == 1
    assert [message.to for message in mail.outbox] == [["new@example.org"]]


def test_mail_delayed_by_an_outage_leaves_once_the_server_is_back(
    org, alice, smtp_down, smtp_back, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(organisation=org, email="a@example.org", role="member", by=alice)
    assert outbox.send_due_emails() == 0  # not due yet: the next attempt is a minute away
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    assert outbox.send_due_emails() == 0  # still down
    assert OutgoingEmail.objects.get().attempts == 2

    smtp_back()
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    assert outbox.send_due_emails() == 1

    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    email = OutgoingEmail.objects.get()
    assert email.sent_at is not None
    assert email.last_error == ""
    assert email.body == ""  # the one-time link is not kept once delivered
    assert outbox.send_due_emails() == 0


def test_in_process_tasks_send_what_an_outage_left_behind_with_the_next_mail(
    org, alice, smtp_down, smtp_back, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(organisation=org, email="a@example.org", role="member", by=alice)
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    smtp_back()

    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(organisation=org, email="b@example.org", role="member", by=alice)

    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]


# --- Retries with a growing delay -------------------------------------------------------------


def test_the_retry_delay_doubles_up_to_an_hour():
    delays = [outbox.retry_delay(attempt).total_seconds() / 60 for attempt in range(1, 10)]

    assert delays == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_worker_retries_a_failed_delivery_later(
    smtp_down, monkeypatch, django_capture_on_commit_callbacks
):
    scheduled = []

    def retry(**kwargs):
        scheduled.append(kwargs["countdown"])
        return Retry(exc=kwargs["exc"], when=kwargs["countdown"])

    monkeypatch.setattr(tasks.send_email, "retry", retry)
    email = _queue()

    # Called as a worker would (not eagerly): the failure schedules a retry.
    with pytest.raises(Retry):
        tasks.send_email(email.pk)
    with pytest.raises(Retry):
        tasks.send_email(email.pk)

    assert scheduled == [60, 120]
    email.refresh_from_db()
    assert email.attempts == 2
    # The sweep keeps away while the task's own retry is pending.
    assert email.next_attempt_at > timezone.now() + timedelta(seconds=120)
    assert outbox.due_email_ids() == []


# --- Sent exactly once ------------------------------------------------------------------------


def test_a_message_is_sent_once_however_often_its_task_runs():
    email = _queue()

    tasks.send_email(email.pk)
    tasks.send_email(email.pk)
    outbox.send_due_emails()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["someone@example.org"]


def test_queueing_the_same_key_twice_stores_and_sends_one_message(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue(key="invitation:7")
        second = _queue(key="invitation:7")

    assert first is not None
    assert second is None
    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_invitation_is_mailed_once(org, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organisation=org, email="a@example.org", role="member", by=alice
        )
        emails.queue_invitation(invitation, "token-again")  # a retried task, say

    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().key == f"invitation:{invitation.pk}"


def test_nothing_is_sent_before_commit(org, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invitation_create(organisation=org, email="a@example.org", role="member", by=alice)

    assert mail.outbox == []
    assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 1
    assert len(callbacks) == 1


def test_account_emails_go_through_the_outbox(
    client, smtp_down, django_capture_on_commit_callbacks
):
    # Sign-up sends an address confirmation: with the mail server down, the account
    # still exists and the confirmation waits in the outbox.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "newcomer@example.org",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
        )

    assert response.status_code == 302
    email = OutgoingEmail.objects.get()
    assert email.to == "newcomer@example.org"
    assert email.sent_at is None


def test_a_workflow_event_whose_task_was_lost_is_notified_by_the_sweep(
    org, editor, coordinator, django_capture_on_commit_callbacks
):
    from organisations.models import Activity
    from practices.services import notifications, workflow

    practice = PracticeFactory(owner=org, status=Status.DRAFT)
    workflow.practice_submit(practice=practice, by=editor)  # its task never ran
    activity = Activity.objects.get(action="practice.submitted")
    assert notifications.queue_missed_transition_emails() == 0  # too recent: may be running
    Activity.objects.filter(pk=activity.pk).update(
        created_at=timezone.now() - notifications.MISSED_AFTER
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.queue_missed_transition_emails() == 1
    assert notifications.queue_missed_transition_emails() == 0

    assert [message.to for message in mail.outbox] == [[coordinator.email]]


def test_a_broker_outage_when_a_workflow_action_commits_is_logged_not_raised(
    client, org, editor, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    from practices.tasks import notify_transition

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(notify_transition, "delay", broker_down)
    practice = PracticeFactory(owner=org, status=Status.DRAFT)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("practices:transition", args=[practice.slug, "submit"]))

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED  # and the sweep notifies later (test above)


def test_workflow_mail_is_not_sent_while_the_activity_is_locked(
    org, editor, coordinator, django_capture_on_commit_callbacks
):
    # send_transition_emails locks the activity; it only stores the messages, which
    # leave after its transaction (and the lock) ends.
    from organisations.models import Activity
    from practices.services import notifications, workflow

    practice = PracticeFactory(owner=org, status=Status.DRAFT)
    workflow.practice_submit(practice=practice, by=editor)
    activity = Activity.objects.get(action="practice.submitted")

    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        assert notifications.send_transition_emails(activity_id=activity.pk) == 1
    assert mail.outbox == []
    assert OutgoingEmail.objects.get().key == f"activity:{activity.pk}:{coordinator.pk}"

    for callback in after_commit:
        callback()
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
