from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clusters import demo as cluster_demo
from events import demo as event_demo
from experts import demo as expert_demo
from organisations import demo as organisation_demo
from practices import demo as practice_demo


class Command(BaseCommand):
    help = "Load the demo data (partners, clusters, development accounts). Safe to run again."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo creates accounts with a published password and refuses to run "
                "in production mode (DJANGO_DEBUG=false)."
            )
        with transaction.atomic():
            clusters = cluster_demo.seed()
            partners = organisation_demo.seed_partners()
            users = organisation_demo.seed_accounts(partners)
            organisation_demo.seed_api_keys(partners, users)
            practices = practice_demo.seed(users=users, partners=partners, clusters=clusters)
            cluster_demo.seed_recommendations(users=users, practices=practices)
            events = event_demo.seed(
                users=users, partners=partners, clusters=clusters, practices=practices
            )
            experts = expert_demo.seed(users=users, partners=partners, clusters=clusters)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(partners)} partners, {len(clusters)} clusters, "
                f"{len(users)} accounts (password: {organisation_demo.DEMO_PASSWORD}), "
                f"{len(practices)} illustrative practices, {len(events)} events, "
                f"{len(experts['experts'])} illustrative experts "
                f"(expert account: {expert_demo.EXPERT_EMAIL})."
            )
        )
        self.stdout.write(f"API key of ERBI (write): {organisation_demo.DEMO_API_KEY}")
