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
    # Experts: unanswered offers pass to the next candidate after OFFER_DAYS.
    "experts-lapse-offers": {"task": "experts.tasks.lapse_offers", "schedule": 15 * 60},
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
