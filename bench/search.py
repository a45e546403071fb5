"""The public catalogue search (/practices/), at the size of the benchmark database.

Scenarios of every kind issue 12 names (a selective word, common words, a phrase, a
negation alone, ``or``, a 12-word query, accents, a typo, facets with and without a word,
deep pages), judged on two targets: p95 <= 100 ms, and p95 at most ``TARGET_FLAT`` times
the p95 of the selective word measured in the same run (the "ratio" column: the search's
cost should not depend on the query). Terms come from the generator's vocabulary
(``generate_bench_data``); the notes say how many practices each query matches.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from common import TARGET_P95_MS, Client, Scenario, measure

MODULE = "search"
TARGET_FLAT = 2.0  # p95 / the selective word's p95
COMMON_TERM = "incubator"  # ~30 % (generate_bench_data.COMMON_TERM)
SELECTIVE_TERM = "biobank"  # ~0.3 % (generate_bench_data.SELECTIVE_TERM)


@dataclass
class SearchScenario(Scenario):
    flat_ratio: float = 0.0

    @property
    def ratio(self) -> float:
        return self.flat_ratio

    @property
    def meets_targets(self) -> bool:
        return self.http_p95 <= TARGET_P95_MS and self.flat_ratio <= TARGET_FLAT


def scenarios() -> list[tuple[str, dict, bool]]:
    """(name, query string, judged): the first is the selective word the others compare to."""
    long_query = (
        "regional cluster support for biotech start-ups with seed funding university "
        "partners and mentoring"
    )
    return [
        ("selective term", {"q": SELECTIVE_TERM}, True),
        ("selective term 2 (a region)", {"q": "karnataka"}, True),
        ("common term", {"q": COMMON_TERM}, True),
        ("very common term (~100 %)", {"q": "cluster"}, True),
        ("phrase (~6 %)", {"q": '"technology transfer"'}, True),
        ("negation alone", {"q": "-capital"}, True),
        ("either word (or)", {"q": f"{SELECTIVE_TERM} or vaccines"}, True),
        ("12-word query", {"q": long_query}, True),
        ("accents (génopole évry)", {"q": "génopole évry"}, True),
        ("typo (did you mean)", {"q": COMMON_TERM[:-2] + COMMON_TERM[-1]}, True),
        (
            "common term + 2 facets",
            {"q": COMMON_TERM, "stage": "emerging", "tool_type": "funding"},
            True,
        ),
        (
            "common term + 3 facets",
            {"q": COMMON_TERM, "stage": "emerging", "tool_type": "funding", "country": "DE"},
            True,
        ),
        ("2 facets, no query", {"stage": "mature", "beneficiary": "smes"}, True),
        ("no query (page 1)", {}, True),
        ("no query, page 25 (last)", {"page": "25"}, True),
        ("common term, page 5", {"q": COMMON_TERM, "page": "5"}, True),
        ("common term, page 25 (last)", {"q": COMMON_TERM, "page": "25"}, True),
        ("common term excluding a word", {"q": f"{COMMON_TERM} -seed"}, True),
    ]


def run(server_url: str, db: str) -> list[SearchScenario]:
    """Each scenario over HTTP against ``server_url``, then its SQL in-process on ``db``."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.urls import resolve

    requests = int(os.environ.get("BENCH_REQUESTS", "200"))
    warmup = int(os.environ.get("BENCH_WARMUP", "20"))
    factory = RequestFactory()
    client = Client(server_url)
    results = []
    try:
        for name, params, _judged in scenarios():
            path = "/practices/" + (f"?{urlencode(params)}" if params else "")

            def view(path=path):
                request = factory.get(path)
                request.user = AnonymousUser()
                response = resolve(request.path).func(request)
                assert response.status_code == 200, response.status_code
                return response

            measured = measure(
                module=MODULE,
                name=name,
                path=path,
                client=client,
                in_process=view,
                requests=requests,
                warmup=warmup,
                expect=b'id="catalogue"',
                notes=_matches(params),
            )
            results.append(SearchScenario(**asdict(measured)))
    finally:
        client.close()
    selective = results[0].http_p95
    for result in results:
        result.flat_ratio = result.http_p95 / selective
    return results


def _matches(params: dict) -> str:
    """How many practices the query matches (context for the reader of the table)."""
    from django.db import connection

    text = params.get("q")
    if not text:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM practices_practice WHERE status = 'published' "
            "AND search_vector @@ websearch_to_tsquery('netbioclue', %s)",
            [text],
        )
        (count,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM practices_practice WHERE status = 'published'")
        (total,) = cursor.fetchone()
    return f"q matches {count:,} of {total:,} ({count / max(total, 1):.1%})"
