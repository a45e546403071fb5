"""Celery tasks of the practices app: each takes ids, loads, and calls a service.

All are idempotent (safe to run twice) and queued after commit by the services.
"""

from celery import shared_task


@shared_task(acks_late=True)
def notify_transition(activity_id: int) -> None:
    """Queue the e-mails to the people concerned by one recorded workflow event (the
    outbox sends them after this task commits)."""
    from practices.services.notifications import send_transition_emails

    send_transition_emails(activity_id=activity_id)


@shared_task(acks_late=True)
def notify_missed_transitions() -> None:
    """Beat: queue the e-mails of workflow events whose ``notify_transition`` was lost."""
    from practices.services.notifications import queue_missed_transition_emails

    queue_missed_transition_emails()


@shared_task(acks_late=True)
def rebuild_search_words() -> None:
    """Refresh the "did you mean" vocabulary from the published catalogue."""
    from practices.services.search_index import rebuild_search_words as rebuild

    rebuild()


# Worker-loss safe: acknowledged only when done, and put back on the queue when the
# process running it dies (SIGKILL, out of memory), so another worker finishes the build.
# The broker's visibility timeout (settings.CELERY_BROKER_TRANSPORT_OPTIONS) is above
# time_limit, so a build still running is never handed to a second worker.
@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=600,
    time_limit=660,
)
def build_publication(self, publication_id: int) -> None:
    """Render the publication to PDF, reporting progress on the Publication row."""
    from practices.services.publication import publication_build

    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    publication_build(publication_id=publication_id, redelivered=redelivered)


@shared_task(acks_late=True)
def refresh_publication() -> None:
    """Queue the PDF edition of the published catalogue as it is now (idempotent: one
    edition per state of the catalogue, reused when built or being built)."""
    from practices.services.publication import publication_refresh

    publication_refresh()
