from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task
def purge_expired_counters() -> None:
    """Rate-limit counters of ended windows; idempotency records past their lifetime."""
    from netbioclue import idempotency, ratelimit

    ratelimit.purge_expired()
    idempotency.purge_expired()
