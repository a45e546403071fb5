"""What every benchmark module shares: timing HTTP requests and the SQL behind them.

A benchmark module (``bench/search.py``, later ``bench/api.py``...) defines
``run(server_url: str, db: str) -> list[Scenario]``; ``bench/run.py`` calls each one with
the URL of the production-like server it started and the URL of the benchmark database,
with Django already set up on that database (so a module can time its SQL in-process).
"""

from __future__ import annotations

import http.client
import math
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

# The targets of the issue: per request, at 100,000 practices on this 2-core machine.
TARGET_P95_MS = 100.0
TARGET_RATIO = 3.0


@dataclass
class Scenario:
    """One benchmarked request: its timings in milliseconds and the verdict."""

    module: str
    name: str
    path: str
    requests: int
    http_ms: list[float] = field(repr=False)
    sql_ms: list[float] = field(repr=False)
    queries: int = 0
    notes: str = ""

    @property
    def http_p50(self) -> float:
        return percentile(self.http_ms, 50)

    @property
    def http_p95(self) -> float:
        return percentile(self.http_ms, 95)

    @property
    def sql_p50(self) -> float:
        return percentile(self.sql_ms, 50)

    @property
    def sql_p95(self) -> float:
        return percentile(self.sql_ms, 95)

    @property
    def ratio(self) -> float:
        return self.http_p95 / self.sql_p95 if self.sql_p95 else math.inf

    @property
    def meets_targets(self) -> bool:
        return self.http_p95 <= TARGET_P95_MS and self.ratio <= TARGET_RATIO

    def summary(self) -> dict:
        data = asdict(self)
        del data["http_ms"], data["sql_ms"]
        data.update(
            http_p50_ms=round(self.http_p50, 1),
            http_p95_ms=round(self.http_p95, 1),
            sql_p50_ms=round(self.sql_p50, 1),
            sql_p95_ms=round(self.sql_p95, 1),
            ratio=round(self.ratio, 2),
            meets_targets=self.meets_targets,
        )
        return data


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: a value that was measured)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


class Client:
    """Sequential GET requests over one keep-alive loopback connection."""

    def __init__(self, server_url: str, timeout: float = 30.0):
        parts = urlsplit(server_url)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("Benchmarks only send requests to the loopback interface.")
        self.host, self.port, self.timeout = parts.hostname, parts.port or 80, timeout
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def get(self, path: str) -> tuple[int, bytes, float]:
        """Status, body and wall time in milliseconds (until the last byte)."""
        started = time.perf_counter()
        try:
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            body = response.read()
        except (http.client.HTTPException, OSError):
            # A worker may close a kept-alive connection: reconnect once, time it all.
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            body = response.read()
        return response.status, body, (time.perf_counter() - started) * 1000

    def close(self) -> None:
        self.connection.close()


@contextmanager
def sql_timer() -> Iterator[list[float]]:
    """Collects the duration (ms) of every SQL statement Django runs inside the block.

    Measured around the driver call: the server's execution plus the loopback round
    trip and reading the rows, i.e. what the application waits for.
    """
    from django.db import connection

    durations: list[float] = []

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            durations.append((time.perf_counter() - started) * 1000)

    with connection.execute_wrapper(wrapper):
        yield durations


def measure(
    *,
    module: str,
    name: str,
    path: str,
    client: Client,
    in_process: Callable[[], object],
    requests: int,
    warmup: int,
    expect: bytes = b"",
    notes: str = "",
) -> Scenario:
    """Times ``path`` over HTTP and ``in_process`` (the same reads, called directly)."""
    for _ in range(warmup):
        status, body, _ms = client.get(path)
        _check(status, body, path, expect)
        in_process()
    http_ms, sql_ms, queries = [], [], []
    for _ in range(requests):
        status, body, elapsed = client.get(path)
        _check(status, body, path, expect)
        http_ms.append(elapsed)
    for _ in range(requests):
        with sql_timer() as durations:
            in_process()
        sql_ms.append(sum(durations))
        queries.append(len(durations))
    return Scenario(
        module=module,
        name=name,
        path=path,
        requests=requests,
        http_ms=http_ms,
        sql_ms=sql_ms,
        queries=round(statistics.median(queries)),
        notes=notes,
    )


def _check(status: int, body: bytes, path: str, expect: bytes) -> None:
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}:\n{body[:2000].decode(errors='replace')}")
    if expect and expect not in body:
        raise RuntimeError(f"GET {path} did not contain {expect!r}.")
