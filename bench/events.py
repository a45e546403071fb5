"""Benchmark of the events calendar, its feeds and the weekly digest (issue 10, point 9).

Standalone (not yet one of ``bench/run.py``'s modules): fills a database whose name
contains "bench" with synthetic events and followers, then times in-process (Django's
test client, no HTTP server) the month view, the filtered iCalendar and Atom feeds and
the API list, with their query counts, and the digest for every follower (dry run:
built, not sent). Small scale to check it works, the issue's scale for the figures::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nbc_events_bench \\
        .venv/bin/python bench/events.py --events 2000 --followers 200
    # the issue's targets: --events 100000 --followers 100000 --follows 20

Targets: p95 <= 50 ms for a month view and a filtered feed, queries constant; the
digest for 100,000 followers x 20 follows in <= 10 minutes with bounded memory.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netbioclue.settings")

BATCH = 5000
TAG = "bench-ev-"


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def fill(events: int, followers: int, follows: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from clusters.models import Cluster
    from events.models import DigestPreference, Event, EventKind, Follow, FollowKind, Status
    from netbioclue.vocabulary import ContentLanguage, ToolType
    from organisations.models import Organisation, User

    rng = random.Random(10)
    organisations = list(Organisation.objects.all()[:20])
    clusters = list(Cluster.objects.all())
    if not organisations:
        raise SystemExit("Run `manage.py seed_demo` on the bench database first.")
    have = Event.objects.filter(slug__startswith=TAG).count()
    now = timezone.now()
    zones = ["Europe/Berlin", "Europe/London", "Europe/Prague", "America/New_York", "Asia/Kolkata"]
    kinds, topics, languages = EventKind.values, ToolType.values, ContentLanguage.values[:8]
    countries = ["DE", "GB", "FR", "IT", "CZ", "HU", "DK", "SE", "US", "IN"]
    for start in range(have, events, BATCH):
        rows = []
        for number in range(start, min(start + BATCH, events)):
            # Spread over five years around today: a month holds ~1/60th of the events.
            begins = now + datetime.timedelta(hours=rng.randint(-30 * 730, 30 * 1095))
            rows.append(
                Event(
                    slug=f"{TAG}{number}",
                    host=rng.choice(organisations),
                    cluster=rng.choice(clusters) if clusters else None,
                    status=Status.PUBLISHED if number % 20 else Status.CANCELLED,
                    published_at=begins - datetime.timedelta(days=rng.randint(1, 60)),
                    kind=rng.choice(kinds),
                    title=f"Bench event {number}",
                    summary="A synthetic event for the benchmark.",
                    topics=rng.sample(topics, 2),
                    language=rng.choice(languages),
                    starts_at=begins,
                    ends_at=begins + datetime.timedelta(hours=rng.choice([2, 6, 30])),
                    timezone=rng.choice(zones),
                    country=rng.choice(countries),
                    is_online=number % 5 == 0,
                    capacity=50,
                )
            )
        with transaction.atomic():
            Event.objects.bulk_create(rows)
        print(f"  events: {min(start + BATCH, events)}", flush=True)
    have = User.objects.filter(email__startswith=TAG).count()
    weekday = now.weekday()
    for start in range(have, followers, BATCH // 5):
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(email=f"{TAG}{n}@example.org", full_name=f"Follower {n}")
                    for n in range(start, min(start + BATCH // 5, followers))
                ]
            )
            DigestPreference.objects.bulk_create(
                [DigestPreference(user=u, weekday=weekday) for u in users]
            )
            rows = []
            for user in users:
                for index in range(follows):
                    if index % 3 == 0 and organisations:
                        rows.append(
                            Follow(
                                user=user,
                                kind=FollowKind.ORGANISATION,
                                organisation=organisations[(user.pk + index) % len(organisations)],
                            )
                        )
                    elif index % 3 == 1 and clusters:
                        rows.append(
                            Follow(
                                user=user,
                                kind=FollowKind.CLUSTER,
                                cluster=clusters[(user.pk + index) % len(clusters)],
                            )
                        )
                    else:
                        rows.append(
                            Follow(
                                user=user,
                                kind=FollowKind.TOPIC,
                                facet="tool_type",
                                value=topics[(user.pk + index) % len(topics)],
                            )
                        )
            Follow.objects.bulk_create(rows, ignore_conflicts=True)
        print(f"  followers: {min(start + BATCH // 5, followers)}", flush=True)


def time_requests(requests: int) -> list[tuple[str, float, float, int]]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    client = Client()
    today = timezone.localdate()
    scenarios = [
        ("month view", f"/events/month/{today.year}/{today.month}/"),
        (
            "month view, filtered",
            f"/events/month/{today.year}/{today.month}/?kind=workshop&country=DE",
        ),
        ("list (upcoming)", "/events/"),
        ("iCalendar feed, filtered", "/events/feed.ics?country=DE&kind=workshop"),
        ("iCalendar feed, all", "/events/feed.ics"),
        ("Atom feed, filtered", "/events/feed.atom?topic=incubator"),
        ("API list, filtered", "/api/v1/events/?kind=webinar&when=upcoming"),
    ]
    results = []
    for name, path in scenarios:
        for _ in range(3):  # warm-up
            client.get(path)
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        reset_queries()  # the log is a bounded deque: a full one would count 0 new queries
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        results.append((name, _percentile(timings, 50), _percentile(timings, 95), len(queries)))
    return results


def time_digest() -> tuple[float, int, dict]:
    from events.digest import send_digests

    started = time.perf_counter()
    counts = send_digests(dry_run=True)
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return elapsed, peak_kb, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--followers", type=int, default=200)
    parser.add_argument("--follows", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings

    name = settings.DATABASES["default"]["NAME"]
    if "bench" not in name:
        print(f"Database {name!r}: the benchmark only writes to a database named *bench*.")
        return 1
    settings.ALLOWED_HOSTS = ["*"]
    print(f"Filling {name}: {args.events} events, {args.followers} followers x {args.follows}")
    fill(args.events, args.followers, args.follows)
    print(f"\n{'scenario':32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for scenario, p50, p95, queries in time_requests(args.requests):
        print(f"{scenario:32} {p50:8.1f} {p95:8.1f} {queries:8d}")
    elapsed, peak_kb, counts = time_digest()
    print(
        f"\ndigest (dry run): {counts['people']} people due, {counts['sent']} with news, "
        f"{elapsed:.1f} s, peak RSS {peak_kb / 1024:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
