"""Send the weekly digests due today (run daily, by cron or the beat task)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from events.digest import send_digests


class Command(BaseCommand):
    help = "Send the weekly digests due today; --dry-run prints what each person would get."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Send and record nothing.")
        parser.add_argument(
            "--now", help="Pretend it is this moment (ISO 8601 with offset), for trials."
        )

    def handle(self, *args, dry_run=False, now=None, **options):
        moment = None
        if now:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now: {exc}") from exc
            if moment.tzinfo is None:
                raise CommandError("--now needs a UTC offset, e.g. 2031-06-02T07:00:00+00:00")
        counts = send_digests(now=moment, dry_run=dry_run, report=self.stdout.write)
        verb = "would receive" if dry_run else "received"
        self.stdout.write(
            f"{counts['sent']} of {counts['people']} people due {verb} a digest; "
            f"{counts['empty']} had nothing new."
        )
