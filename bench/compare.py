"""Side by side: the same requests against this checkout and a baseline checkout, in one run.

``BENCH_BASELINE=/path/to/an/older/checkout make bench`` starts a second gunicorn (same
settings, same benchmark database) from that checkout and, for every scenario of
``scenarios()``, sends the requests to both servers in alternation (A B, B A, ...), so a
busy machine slows both alike. It prints p50/p95 of each, the change of the p95, and the
throughput of a few pages with 8 and 32 concurrent clients against each server in turn.

The baseline's SQL is not timed (its code is not importable next to this one); the
modules ``search``/``api``/``pages`` time this checkout's SQL.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from common import Client, percentile

MODULE = "compare"
CONCURRENCY = (8, 32)


@dataclass
class Side:
    name: str
    path: str
    base_ms: list[float]
    new_ms: list[float]

    def row(self) -> dict:
        base95, new95 = percentile(self.base_ms, 95), percentile(self.new_ms, 95)
        return {
            "scenario": self.name,
            "path": self.path,
            "baseline_p50_ms": round(percentile(self.base_ms, 50), 1),
            "baseline_p95_ms": round(base95, 1),
            "branch_p50_ms": round(percentile(self.new_ms, 50), 1),
            "branch_p95_ms": round(new95, 1),
            "p95_change": round(new95 / base95, 2) if base95 else None,
        }


def scenarios() -> list[tuple[str, str]]:
    """(name, path): the catalogue's searches, the API's pages, the detail and home pages."""
    import search

    from practices.models import Practice

    paths = [
        (f"search: {name}", "/practices/" + (f"?{urlencode(params)}" if params else ""))
        for name, params, _judged in search.scenarios()
    ]
    api = "/api/v1/practices/?page_size=100"
    paths += [
        ("API: 100 newest", api),
        ("API: 100, common term", f"{api}&{urlencode({'q': search.COMMON_TERM})}"),
        ("API: 100, 2 facets", f"{api}&stage=mature&beneficiary=smes"),
        ("API: 100, -transferability", f"{api}&ordering=-transferability"),
    ]
    slug = (
        Practice.objects.published()
        .filter(slug__startswith="bench-")
        .order_by("-published_at")
        .values_list("slug", flat=True)[1000]
    )
    paths += [
        ("practice detail page", f"/practices/{slug}/"),
        ("home page", "/"),
        ("/healthz (the bare round trip)", "/healthz"),
    ]
    return paths


def _deep_cursor(client: Client, pages: int) -> str:
    path = "/api/v1/practices/?page_size=100"
    for _ in range(pages - 1):
        status, body, _ms = client.get(path)
        assert status == 200, body[:300]
        following = json.loads(body)["next"]
        path = following[following.index("/api/") :]
    return path


def _get(client: Client, path: str) -> float:
    status, body, elapsed = client.get(path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
    return elapsed


def side_by_side(base_url: str, new_url: str, *, requests: int, warmup: int) -> list[Side]:
    base, new = Client(base_url), Client(new_url)
    results = []
    try:
        paths = [(name, path, path) for name, path in scenarios()]
        # A deep cursor is each server's own (the position's encoding may differ).
        deep = int(os.environ.get("BENCH_DEEP_PAGES", "200"))
        paths.append(
            (f"API: page {deep} by cursor", _deep_cursor(base, deep), _deep_cursor(new, deep))
        )
        for name, base_path, new_path in paths:
            for _ in range(warmup):
                _get(base, base_path)
                _get(new, new_path)
            base_ms, new_ms = [], []
            for number in range(requests):
                order = ((base, base_path, base_ms), (new, new_path, new_ms))
                for client, path, timings in order if number % 2 else order[::-1]:
                    timings.append(_get(client, path))
            results.append(Side(name, new_path, base_ms, new_ms))
            row = results[-1].row()
            print(
                f"    {name:<44} baseline "
                f"{row['baseline_p50_ms']:6.1f}/{row['baseline_p95_ms']:6.1f}"
                f"  branch {row['branch_p50_ms']:6.1f}/{row['branch_p95_ms']:6.1f} ms"
                f"  p95 x{row['p95_change']}"
            )
    finally:
        base.close()
        new.close()
    return results


def throughput(url: str, path: str, *, clients: int, seconds: float) -> dict:
    """Requests per second and p95 with ``clients`` concurrent keep-alive clients."""
    timings: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def work():
        client = Client(url)
        mine = []
        try:
            while time.perf_counter() < deadline:
                mine.append(_get(client, path))
        finally:
            client.close()
            with lock:
                timings.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests_per_s": round(len(timings) / elapsed, 1),
        "p95_ms": round(percentile(timings, 95), 1),
    }


def concurrency(base_url: str, new_url: str, *, seconds: float) -> list[dict]:
    import search

    pages = [
        ("selective search page", f"/practices/?q={search.SELECTIVE_TERM}"),
        ("home page", "/"),
        ("practice detail page", scenarios()[-3][1]),
    ]
    rows = []
    for name, path in pages:
        for clients in CONCURRENCY:
            # Baseline and branch in turn, twice each (B A A B), for a drifting load.
            runs = {"baseline": [], "branch": []}
            for side in ("baseline", "branch", "branch", "baseline"):
                url = base_url if side == "baseline" else new_url
                runs[side].append(throughput(url, path, clients=clients, seconds=seconds / 2))
            row = {"page": name, "clients": clients}
            for side, measured in runs.items():
                row[f"{side}_requests_per_s"] = round(
                    sum(m["requests_per_s"] for m in measured) / 2, 1
                )
                row[f"{side}_p95_ms"] = max(m["p95_ms"] for m in measured)
            rows.append(row)
            print(
                f"    {name:<24} {clients:>2} clients: baseline "
                f"{row['baseline_requests_per_s']:6.1f} req/s (p95 {row['baseline_p95_ms']:.0f} ms)"
                f"  branch {row['branch_requests_per_s']:6.1f} req/s "
                f"(p95 {row['branch_p95_ms']:.0f} ms)"
            )
    return rows
