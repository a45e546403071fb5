"""Run a function from many threads at once, each with its own database connection.

For tests of what must hold under concurrency (rate limits, one-per-person rules,
idempotent writes): the threads wait at a barrier and start together, so their requests
really overlap in PostgreSQL. Use it from ``transaction=True`` tests (the threads' own
connections cannot see a test transaction's uncommitted rows).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def in_parallel[T](function: Callable[[int], T], count: int) -> list[T]:
    """``[function(0), ..., function(count - 1)]``, called from ``count`` threads at once."""
    barrier = threading.Barrier(count)

    def run(index: int) -> T:
        try:
            barrier.wait(timeout=30)
            return function(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))
