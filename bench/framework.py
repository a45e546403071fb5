"""The framework pages at 1,000 clusters × 20 years × 20 indicators.

Generates, once, ``BENCH_CLUSTERS`` (default 1,000) synthetic clusters named
``bench-cluster-N`` with approved values of 20 indicators (the 17 of DOMAIN.md plus 3
bench-only ones) for 2006–2025: 400,000 rows, in one ``INSERT ... SELECT`` each. Then
times the comparison of five clusters, a self-assessment result, the world-region view
and a cluster profile, over HTTP and in-process (their SQL), as the other modules do.
Target (issue 9, point 11): p95 ≤ 100 ms and ≤ 3× the page's own SQL.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

from common import Client, Scenario, measure

MODULE = "framework"
EXTRA_INDICATORS = 3
FIRST_YEAR, LAST_YEAR = 2006, 2025

# A typical developing cluster's answers (see tests/clusters/answers.py).
ANSWERS = {
    "age": 30, "research_institutions": 10, "researchers": 3000, "publications": 2500,
    "patents": 40, "venture_capital": 25, "public_funding": 40, "seed_funds": 4,
    "business_angels": "network", "companies": 70, "employees": 3000, "new_companies": 8,
    "large_pharma": "one", "company_trend": "growing", "incubator_space": 8000,
    "tech_transfer_offices": 3, "support_programmes": 6, "policy_commitment": "regional",
    "members": 110, "international_partnerships": 12, "joint_projects": 12,
}  # fmt: skip


def generate(clusters: int) -> int:
    """Adds the bench clusters and their values unless present; returns the value count."""
    from django.db import connection, transaction

    from clusters.models import IndicatorDefinition
    from clusters.services import data_version_bump

    with transaction.atomic():
        for n in range(1, EXTRA_INDICATORS + 1):
            IndicatorDefinition.objects.get_or_create(
                slug=f"bench-extra-{n}",
                defaults={"name": f"Bench indicator {n}", "unit": "units",
                          "growth_force": "cooperation", "position": 100 + n},
            )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM clusters_cluster WHERE slug LIKE 'bench-cluster-%%'"
            )
            if cursor.fetchone()[0] >= clusters:
                cursor.execute("SELECT count(*) FROM clusters_indicatorvalue")
                return cursor.fetchone()[0]
            print(f"    generating {clusters:,} clusters with 20 indicators × 20 years")
            cursor.execute(
                """
                INSERT INTO clusters_cluster (name, short_name, slug, countries, region, city,
                    year_label, genesis, stage, world_region, network_tier, website,
                    description, key_actors, force_scientific, force_financial,
                    force_industrial, force_support, force_cooperation, created_at, updated_at)
                SELECT 'Bench cluster ' || n, '', 'bench-cluster-' || n, ARRAY['DE'], '', '',
                    '', 'hybrid', (ARRAY['emerging','developing','mature','renewing'])[1 + n %% 4],
                    (ARRAY['europe','europe','us','china','india'])[1 + n %% 5], '', '', '', '',
                    '', '', '', '', '', now(), now()
                FROM generate_series(1, %s) AS n
                ON CONFLICT (slug) DO NOTHING
                """,
                [clusters],
            )
            cursor.execute(
                """
                INSERT INTO clusters_indicatorvalue (cluster_id, indicator_id, year, value,
                    source, recorded_on, status, is_illustrative, is_latest, comment,
                    created_at)
                SELECT c.id, d.id, y, round((random() * 1000)::numeric, 2), 'bench',
                    DATE '2026-01-01', 'approved', true, y = %s, '', now()
                FROM clusters_cluster c
                CROSS JOIN clusters_indicatordefinition d
                CROSS JOIN generate_series(%s, %s) AS y
                WHERE c.slug LIKE 'bench-cluster-%%'
                """,
                [LAST_YEAR, FIRST_YEAR, LAST_YEAR],
            )
            cursor.execute("SELECT count(*) FROM clusters_indicatorvalue")
            count = cursor.fetchone()[0]
        # Values written behind the services' back: what was cached is stale.
        data_version_bump()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE clusters_cluster")
        cursor.execute("ANALYZE clusters_indicatorvalue")
    return count


def _view(path: str):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.test import RequestFactory
    from django.urls import resolve

    def call():
        request = RequestFactory().get(path)
        request.user = AnonymousUser()
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        match = resolve(request.path)
        response = match.func(request, *match.args, **match.kwargs)
        assert response.status_code == 200, response.status_code
        return response

    return call


def run(server_url: str, db: str) -> list[Scenario]:
    clusters = int(os.environ.get("BENCH_CLUSTERS", "1000"))
    values = generate(clusters)
    requests = int(os.environ.get("BENCH_REQUESTS", "200"))
    warmup = int(os.environ.get("BENCH_WARMUP", "20"))
    chosen = [
        f"bench-cluster-{n}" for n in (1, clusters // 4, clusters // 2, clusters - 1, clusters)
    ]
    note = f"{clusters:,} bench clusters, {values:,} indicator values"
    scenarios = [
        ("compare 5 clusters", "/clusters/compare/?" + urlencode([("c", s) for s in chosen]),
         b"chart radar"),
        ("self-assessment result", "/clusters/assess/result/?" + urlencode(ANSWERS),
         b"Diagnosed stage"),
        ("world regions", "/clusters/world-regions/", b"United States"),
        ("cluster profile", f"/clusters/{chosen[1]}/", b"completeness"),
        ("cluster indicators (20 charts)", f"/clusters/{chosen[1]}/indicators/", b"role=\"img\""),
    ]  # fmt: skip
    client = Client(server_url)
    try:
        return [
            measure(
                module=MODULE,
                name=name,
                path=path,
                client=client,
                in_process=_view(path),
                requests=requests,
                warmup=warmup,
                expect=expect,
                notes=note,
            )
            for name, path, expect in scenarios
        ]
    finally:
        client.close()
