"""The practices API at the size of the benchmark database, against its floor.

The headline comparison (the issue's target: the API within 2x of the floor): a page of
100 practices from ``GET /api/v1/practices/?page_size=100`` against ``bench/floor.py``, a
bare Django view returning the same rows with ``.values()`` and ``orjson``. Both run in
the same gunicorn server on the same database, and their requests alternate (API, floor,
API, floor...) so that the load of a busy machine falls on both alike.

Further scenarios show what filters, search and deep cursor pages cost (no target of
their own beyond the suite's). Each scenario's SQL is also timed in-process.
"""

from __future__ import annotations

import json
import os
import statistics
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from common import TARGET_P95_MS, Client, Scenario, measure, percentile, sql_timer

MODULE = "api"
TARGET_FLOOR_RATIO = 2.0
API_PAGE = "/api/v1/practices/?page_size=100"
FLOOR_PAGE = "/bench/floor/practices/"
DEEP_PAGES = 50


@dataclass
class ApiScenario(Scenario):
    """The API's targets: p95 within the suite's limit and, for the page compared with the
    floor, at most TARGET_FLOOR_RATIO times the floor (the table's ratio column stays the
    suite's: HTTP over SQL, which says little for a page whose SQL takes 3 ms)."""

    floor_ratio: float | None = None

    @property
    def meets_targets(self) -> bool:
        within_floor = self.floor_ratio is None or self.floor_ratio <= TARGET_FLOOR_RATIO
        return within_floor and self.http_p95 <= TARGET_P95_MS


def _api_in_process(path: str):
    """The API view called directly, with the benchmark server's rate limits."""
    from django.conf import settings
    from django.test import RequestFactory, override_settings
    from django.urls import resolve

    rates = {"anon": "1000000/min", "key": "1000000/min", "user": "1000000/min"}
    limits = override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    )

    def view():
        request = RequestFactory().get(path, HTTP_HOST="127.0.0.1")
        with limits:
            response = resolve(request.path).func(request)
            response.render()
        assert response.status_code == 200, response.content[:500]
        return response

    return view


def _floor_in_process():
    from floor import floor_rows

    return floor_rows


def _check_page(status: int, body: bytes, path: str) -> None:
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}: {body[:500]!r}")
    count = len(json.loads(body)["results"])
    if count != 100:
        raise RuntimeError(f"GET {path} gave {count} practices, not 100.")


def _sql(in_process, requests: int) -> tuple[list[float], int]:
    sql_ms, queries = [], []
    for _ in range(requests):
        with sql_timer() as durations:
            in_process()
        sql_ms.append(sum(durations))
        queries.append(len(durations))
    return sql_ms, round(statistics.median(queries))


def compare_with_floor(client: Client, *, requests: int, warmup: int) -> list[Scenario]:
    """The API page and the floor, requests alternating; the ratio in the notes."""
    timings: dict[str, list[float]] = {API_PAGE: [], FLOOR_PAGE: []}
    for number in range(warmup + requests):
        for path in (API_PAGE, FLOOR_PAGE):
            status, body, elapsed = client.get(path)
            _check_page(status, body, path)
            if number >= warmup:
                timings[path].append(elapsed)
    api_sql, api_queries = _sql(_api_in_process(API_PAGE), requests)
    floor_sql, floor_queries = _sql(_floor_in_process(), requests)
    api, floor = timings[API_PAGE], timings[FLOOR_PAGE]
    p50 = percentile(api, 50) / percentile(floor, 50)
    p95 = percentile(api, 95) / percentile(floor, 95)
    verdict = "ok" if max(p50, p95) <= TARGET_FLOOR_RATIO else "MISSED"
    ratio_note = (
        f"API / floor: p50 {p50:.2f}x, p95 {p95:.2f}x "
        f"(target <= {TARGET_FLOOR_RATIO:.0f}x: {verdict})"
    )
    return [
        ApiScenario(
            module=MODULE,
            name="100 newest (API)",
            path=API_PAGE,
            requests=requests,
            http_ms=api,
            sql_ms=api_sql,
            queries=api_queries,
            notes=ratio_note,
            floor_ratio=max(p50, p95),
        ),
        ApiScenario(
            module=MODULE,
            name="100 newest (floor)",
            path=FLOOR_PAGE,
            requests=requests,
            http_ms=floor,
            sql_ms=floor_sql,
            queries=floor_queries,
            notes=".values() + orjson, same rows, same server (bench/floor.py)",
        ),
    ]


def _api_scenario(**kwargs) -> ApiScenario:
    return ApiScenario(**asdict(measure(**kwargs)))


def _deep_cursor_path(client: Client) -> str:
    """The path of page DEEP_PAGES (100 practices each), reached by following ``next``."""
    path = API_PAGE
    for _ in range(DEEP_PAGES - 1):
        status, body, _ms = client.get(path)
        _check_page(status, body, path)
        following = json.loads(body)["next"]
        path = following[following.index("/api/") :]
    return path


def run(server_url: str, db: str) -> list[Scenario]:
    from practices.management.commands.generate_bench_data import COMMON_TERM

    requests = int(os.environ.get("BENCH_REQUESTS", "200"))
    warmup = int(os.environ.get("BENCH_WARMUP", "20"))
    client = Client(server_url)
    try:
        results = compare_with_floor(client, requests=requests, warmup=warmup)
        others = [
            ("100, common term", {"q": COMMON_TERM}),
            ("100, 2 facets", {"stage": "mature", "beneficiary": "smes"}),
            ("100, -transferability", {"ordering": "-transferability"}),
        ]
        paths = [(name, f"{API_PAGE}&{urlencode(params)}") for name, params in others]
        paths.append((f"page {DEEP_PAGES} by cursor", _deep_cursor_path(client)))
        for name, path in paths:
            results.append(
                _api_scenario(
                    module=MODULE,
                    name=name,
                    path=path,
                    client=client,
                    in_process=_api_in_process(path),
                    requests=requests,
                    warmup=warmup,
                    expect=b'"results":[{',
                )
            )
    finally:
        client.close()
    api, floor = results[0], results[1]
    print(
        f"    floor p50/p95 {floor.http_p50:.1f}/{floor.http_p95:.1f} ms, "
        f"API p50/p95 {api.http_p50:.1f}/{api.http_p95:.1f} ms; {api.notes}"
    )
    return results
