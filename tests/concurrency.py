"""Run a function from many threads at once, each with its own database connection.

For tests of what must hold under concurrency (rate limits, one-per-person rules,
idempotent writes): the threads wait at a barrier and start together, so their requests
really overlap in PostgreSQL. Use it from ``transaction=True`` tests (the threads' own
connections cannot see a test transaction's uncommitted rows).
"""

from __future__ import annotations

import threading
import time
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


def wait_for_a_fresh_window(period: int = 60, needed: float = 20.0) -> None:
    """Sleep until at least ``needed`` seconds remain in the current fixed rate window.

    Rate limits count per window of ``period`` seconds (``netbioclue.ratelimit``); a test
    that crosses a window boundary would see the budget twice. Sleeping (at most
    ``needed`` seconds) keeps the clock real, unlike freezing it.
    """
    left = period - time.time() % period
    if left < needed:
        time.sleep(left + 0.05)
