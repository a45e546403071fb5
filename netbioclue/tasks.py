"""Project-wide Celery tasks: the e-mail outbox and housekeeping."""

import logging

from celery import shared_task
from django.core.management import call_command

logger = logging.getLogger(__name__)

# With retries doubling up to an hour, 12 retries span about eight hours; after that
# the message stays due and the beat sweep keeps trying every hour.
SEND_EMAIL_MAX_RETRIES = 12


@shared_task
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task(bind=True, acks_late=True, max_retries=SEND_EMAIL_MAX_RETRIES)
def send_email(self, email_id: int) -> None:
    """Send one outbox message (``netbioclue.outbox``); retried with a growing delay
    while delivery fails. Safe to run twice: a sent message is not sent again."""
    from netbioclue import outbox

    try:
        sent = outbox.email_send(email_id=email_id)
    except Exception as error:
        delay = outbox.email_failed(email_id=email_id, error=error)
        if self.request.is_eager:
            # In-process tasks: never raise into the request that queued the mail, and
            # never retry at once (Celery would, ignoring the countdown). The message
            # stays due; the next mail this process sends takes it along.
            return
        if self.request.retries >= self.max_retries:
            logger.error("e-mail %s: giving up retrying, the beat sweep takes over", email_id)
            return
        outbox.email_postpone(email_id=email_id, delay=delay)
        raise self.retry(exc=error, countdown=delay.total_seconds()) from error
    if sent and self.request.is_eager:
        # The mail server answers again: send what an earlier outage left behind.
        outbox.send_due_emails()


@shared_task(acks_late=True)
def send_due_emails() -> None:
    """Beat sweep: send outbox messages whose delivery is due and that no task holds."""
    from netbioclue import outbox

    outbox.send_due_emails()


@shared_task
def purge_expired_counters() -> None:
    """Rate-limit counters of ended windows; idempotency records past their lifetime."""
    from netbioclue import idempotency, ratelimit

    ratelimit.purge_expired()
    idempotency.purge_expired()
