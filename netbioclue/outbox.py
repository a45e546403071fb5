"""The outbox: every e-mail the portal sends is stored first, then sent after commit.

Why: sending inside a request or a locked transaction turned an SMTP outage into a 500
for an action already decided, held row locks for the length of an SMTP conversation,
and lost the message. Now:

1. ``email_queue`` stores the message in the caller's transaction (``OutgoingEmail``,
   unique ``key``: queueing twice stores one row) and, once that transaction commits,
   hands its id to the ``netbioclue.tasks.send_email`` task.
2. ``email_send`` locks the row, sends it unless already sent, and marks it sent, in one
   transaction: running it twice, or in two workers at once, sends one message.
3. A failed delivery is recorded on the row (``attempts``, ``last_error``) with the time
   of the next attempt, doubling from a minute up to an hour; the task retries then.
   ``send_due_emails`` (Celery beat, every minute) picks up whatever is due and was not
   retried, e.g. a task lost because the broker was down at commit time.

Without a broker (``TASKS_IN_PROCESS``) tasks run inside the web process: a failure
is recorded, never raised, and the messages left due are sent with the next e-mail
the process sends.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from netbioclue.models import OutgoingEmail

logger = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
# How many due messages one sweep sends at most.
SWEEP_SIZE = 50


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed delivery: 1, 2, 4 ... 60 minutes."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def email_queue(
    *, key: str, to: str, subject: str, body: str, html_body: str = "", from_email: str = ""
) -> OutgoingEmail | None:
    """Store one message for ``to`` and send it once the current transaction commits.

    Returns the stored message, or ``None`` when a message with this ``key`` was
    already queued (nothing more is stored or sent)."""
    # Header-safe subject: a line break would end the header.
    subject = " ".join(subject.splitlines()).strip()
    with transaction.atomic():
        email, created = OutgoingEmail.objects.get_or_create(
            key=key,
            defaults={
                "to": to,
                "subject": subject,
                "body": body,
                "html_body": html_body,
                "from_email": from_email,
            },
        )
    if not created:
        return None
    # robust: a broker outage at commit time must not turn the committed action into an
    # error; the message stays due and the sweep sends it.
    transaction.on_commit(partial(_enqueue, email.pk), robust=True)
    return email


def _enqueue(email_id: int) -> None:
    from netbioclue.tasks import send_email

    send_email.delay(email_id)


def email_send(*, email_id: int) -> bool:
    """Send one stored message unless it was sent already; True when this call sent it.

    Raises whatever the mail backend raises; the row then stays unsent."""
    with transaction.atomic():
        # skip_locked: a message another worker is sending right now is theirs to send.
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body,
            from_email=email.from_email or None,
            to=[email.to],
        )
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        mailers.default.send_messages([message])
        email.sent_at = timezone.now()
        email.attempts += 1
        email.last_error = ""
        email.body = email.html_body = ""
        email.save(update_fields=["sent_at", "attempts", "last_error", "body", "html_body"])
    return True


def email_failed(*, email_id: int, error: BaseException) -> timedelta:
    """Record a failed delivery; returns how long to wait before the next attempt."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return FIRST_RETRY
        attempts = email.attempts + 1
        delay = retry_delay(attempts)
        OutgoingEmail.objects.filter(pk=email_id).update(
            attempts=F("attempts") + 1,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=timezone.now() + delay,
        )
    logger.warning(
        "e-mail %s not sent (attempt %s), next attempt in %s: %s",
        email_id,
        attempts,
        delay,
        error,
    )
    return delay


def email_postpone(*, email_id: int, delay: timedelta) -> None:
    """Keep the sweep away from a message whose retry is already scheduled."""
    OutgoingEmail.objects.filter(pk=email_id, sent_at__isnull=True).update(
        next_attempt_at=timezone.now() + delay + FIRST_RETRY
    )


def due_email_ids(*, limit: int = SWEEP_SIZE) -> list[int]:
    return list(
        OutgoingEmail.objects.filter(sent_at__isnull=True, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )


def send_due_emails(*, limit: int = SWEEP_SIZE) -> int:
    """Try every unsent message that is due; returns how many were sent. Stops at the
    first failure: the mail server is down, the rest would fail too."""
    sent = 0
    for email_id in due_email_ids(limit=limit):
        try:
            sent += email_send(email_id=email_id)
        except Exception as error:
            email_failed(email_id=email_id, error=error)
            break
    return sent
