"""The Celery application. Settings come from Django's (``CELERY_*``).

Without ``REDIS_URL`` tasks run eagerly in the web process, so development needs no
broker; with it, they go to Redis and a worker runs them.
"""

import functools
import os

from celery import Celery
from celery.contrib.django.task import DjangoTask
from celery.schedules import crontab
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netbioclue.settings")


class Task(DjangoTask):
    """Queues after commit without ever failing the committed action: a broker outage
    at that moment is logged (``robust``) instead of raised into a request that has
    already changed the database. What must not be lost has its own sweep (the e-mail
    outbox, see ``netbioclue.outbox``)."""

    def delay_on_commit(self, *args, **kwargs) -> None:
        transaction.on_commit(functools.partial(self.delay, *args, **kwargs), robust=True)

    def apply_async_on_commit(self, *args, **kwargs) -> None:
        transaction.on_commit(functools.partial(self.apply_async, *args, **kwargs), robust=True)


app = Celery("netbioclue", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The periodic schedule lives here, in code, and is reviewed like code.
app.conf.beat_schedule = {
    "clear-expired-sessions": {
        "task": "netbioclue.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
    # Outbox messages whose task was lost (broker down at commit) or ran out of retries.
    "send-due-emails": {
        "task": "netbioclue.tasks.send_due_emails",
        "schedule": 60.0,
    },
    "notify-missed-transitions": {
        "task": "practices.tasks.notify_missed_transitions",
        "schedule": 300.0,
    },
    "purge-expired-counters": {
        "task": "netbioclue.tasks.purge_expired_counters",
        "schedule": crontab(hour=3, minute=27),
    },
    "events-promote-waitlists": {
        "task": "events.tasks.promote_waitlists",
        "schedule": crontab(minute="*/5"),
    },
    "events-send-reminders": {
        "task": "events.tasks.send_reminders",
        "schedule": crontab(minute="*/15"),
    },
    "events-send-weekly-digests": {
        "task": "events.tasks.send_weekly_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    "events-anonymise-registrations": {
        "task": "events.tasks.anonymise_registrations",
        "schedule": crontab(hour=4, minute=7),
    },
    # Experts: unanswered offers pass to the next candidate after OFFER_DAYS.
    "experts-lapse-offers": {"task": "experts.tasks.lapse_offers", "schedule": 15 * 60},
    # Experts: offers open for a few days are recalled once.
    "experts-remind-offers": {"task": "experts.tasks.remind_offers", "schedule": 60 * 60},
    # Experts: requests past their deadline expire.
    "experts-expire-requests": {
        "task": "experts.tasks.expire_requests",
        "schedule": crontab(minute=5),
    },
    # Experts: catalogue evidence (practices authored, interviews) refreshed nightly.
    "experts-refresh-evidence": {
        "task": "experts.tasks.refresh_evidence",
        "schedule": crontab(hour=3, minute=41),
    },
}
