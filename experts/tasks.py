"""Celery tasks of the experts app: each takes ids, loads, and calls a service.

All are idempotent (safe to run twice, ``acks_late``) and queued after commit by the
services (``delay_on_commit``); the periodic ones run from the beat schedule in settings.
"""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def match_request(request_id: int, generation: int) -> bool:
    """Compute the candidates of one matching run; older generations do nothing."""
    from experts.services import match_compute

    return match_compute(request_id=request_id, generation=generation)


@shared_task(acks_late=True)
def send_offer(match_id: int, reminder: bool = False) -> None:
    """E-mail one offer with its signed accept/decline link (once per offer, and once
    more as a reminder)."""
    from experts.emails import send_offer_email

    send_offer_email(match_id=match_id, reminder=reminder)


@shared_task(acks_late=True)
def remind_offers() -> int:
    """Beat: offers open for a few days are recalled to their expert, once."""
    from experts.services import offers_remind

    return offers_remind()


@shared_task(acks_late=True)
def notify(event: str, object_id: int) -> None:
    """E-mail the people concerned by one event (requester side, coordinators, expert)."""
    from experts.emails import send_event_email

    send_event_email(event=event, object_id=object_id)


@shared_task(acks_late=True)
def lapse_offers() -> int:
    """Beat: unanswered offers past their expiry pass to the next candidate."""
    from experts.services import offers_lapse

    return offers_lapse()


@shared_task(acks_late=True)
def expire_requests() -> int:
    """Beat: requests past their deadline with no accepted expert expire."""
    from experts.services import requests_expire

    return requests_expire()


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def refresh_evidence() -> int:
    """Beat: recompute every expert's catalogue evidence (practices, interviews)."""
    from experts.services import expert_refresh_evidence

    return expert_refresh_evidence()
