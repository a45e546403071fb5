"""The connections one process holds are bounded by the pool, whatever the load.

Before the pool, each request thread of a threaded server kept its own persistent
connection (CONN_MAX_AGE): a few thousand requests left 43-80 idle backends per server
and PostgreSQL refused new clients. Here 20 threads send 200 requests to pytest-django's
live server (a threaded WSGI server, like runserver) while another connection, outside
the pool, counts the backends on the test database in ``pg_stat_activity``.
"""

import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.db import connection

BOUND = 4  # smaller than the 20 threads, so the bound is what limits them
THREADS = 20
REQUESTS = 200


@pytest.fixture
def small_pool(transactional_db):
    """The pool rebuilt with ``max_size=BOUND`` (a pool reads its options once, when
    created), then rebuilt again with the configured options."""
    options = connection.settings_dict["OPTIONS"]
    saved = options.get("pool")
    assert isinstance(saved, dict), "the database has no connection pool configured"
    connection.close()
    connection.close_pool()
    options["pool"] = {**saved, "min_size": 1, "max_size": BOUND}
    yield
    connection.close()
    connection.close_pool()
    options["pool"] = saved


def _backends(monitor: psycopg.Connection, database: str) -> int:
    # Every client connected to the test database except the monitor itself (autovacuum
    # workers on that database are backends too, but not clients).
    row = monitor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
        " AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
        [database],
    ).fetchone()
    return row[0]


def test_many_threads_share_a_bounded_number_of_connections(small_pool, live_server):
    database = connection.settings_dict["NAME"]
    params = {**connection.get_connection_params(), "autocommit": True}
    params.pop("cursor_factory", None)
    params.pop("context", None)
    peak = 0
    done = threading.Event()

    with psycopg.connect(**params) as monitor:

        def watch():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _backends(monitor, database))
                done.wait(0.01)

        # Clients already there (e.g. left by earlier tests in this process, outside the
        # pool under test) are not the pool's.
        baseline = _backends(monitor, database)
        watcher = threading.Thread(target=watch)
        watcher.start()

        def fetch(_):
            # /healthz queries the database on every request and is never cached.
            with urllib.request.urlopen(f"{live_server.url}/healthz", timeout=60) as response:  # noqa: S310
                return response.status

        try:
            with ThreadPoolExecutor(max_workers=THREADS) as executor:
                statuses = list(executor.map(fetch, range(REQUESTS)))
        finally:
            done.set()
            watcher.join()
        after = _backends(monitor, database)

    assert statuses == [200] * REQUESTS
    assert peak > baseline, "the monitor saw no new backend: is it watching the right database?"
    assert peak - baseline <= BOUND, f"{peak - baseline} backends for a pool of {BOUND}"
    assert after - baseline <= BOUND
