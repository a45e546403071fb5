"""The Celery application. Settings come from Django's (``CELERY_*``).

Without ``REDIS_URL`` tasks run eagerly in the web process, so development needs no
broker; with it, they go to Redis and a worker runs them.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netbioclue.settings")

app = Celery("netbioclue")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The periodic schedule lives here, in code, and is reviewed like code.
app.conf.beat_schedule = {
    "clear-expired-sessions": {
        "task": "netbioclue.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
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
}
