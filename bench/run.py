"""``make bench``: benchmark the portal against a production-like server and a big database.

1. Prepares the benchmark database on the same PostgreSQL server as ``DATABASE_URL``
   (``BENCH_DATABASE``, default ``nbc_bench``; never the development database): creates
   and migrates it, loads the demo partners and clusters, and fills it with
   ``BENCH_PRACTICES`` synthetic practices (default 100,000) with ``generate_bench_data``
   unless it already holds that many. A database holding fewer bench rows is dropped and
   made again, so every run measures the same physical layout.
2. Starts gunicorn (2 workers, ``DJANGO_DEBUG=false``) on a free loopback port.
3. Runs each benchmark module (``MODULES``): ``BENCH_REQUESTS`` sequential requests per
   scenario (default 200, after ``BENCH_WARMUP`` = 20), then the same view in-process to
   time its SQL.
4. Prints p50/p95 of the request time and of the SQL time per scenario, and writes
   ``bench/results/latest.json``.
5. With ``BENCH_BASELINE=/path/to/another/checkout`` (e.g. ``git worktree add`` of an
   older commit), starts that checkout's gunicorn on the same database too and measures
   both side by side, requests alternating (``bench/compare.py``), with 8 and 32
   concurrent clients as well.

Exit status 0 even when a target is missed (the table says so); 1 when something failed.
"""

from __future__ import annotations

import datetime
import importlib
import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
# bench/<module>.py: run(server_url, db) -> [Scenario]
MODULES = ["search", "api", "pages", "framework", "experts", "events"]
# Names whose file is called otherwise (bench/events_calendar.py: the events benchmark).
FILES = {"events": "events_calendar"}

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netbioclue"


def main() -> int:
    # The apps first: bench/experts.py must not shadow the experts app (modules are
    # imported as bench.<name>; their own "from common import" finds bench/).
    sys.path[:0] = [str(ROOT), str(HERE)]
    practices = int(os.environ.get("BENCH_PRACTICES", "100000"))
    name = os.environ.get("BENCH_DATABASE", "nbc_bench")
    if "bench" not in name:
        print(f"BENCH_DATABASE={name!r}: the benchmark database's name must contain 'bench'.")
        return 1
    server_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    db = _with_database(server_url, name)
    RESULTS.mkdir(exist_ok=True)

    started = time.monotonic()
    generated = _prepare_database(server_url, name, db, practices)

    # The in-process measurements run with the server's settings.
    os.environ.update(_production_env(db))
    os.environ["DJANGO_SETTINGS_MODULE"] = "netbioclue.settings"
    import django

    django.setup()
    results, compared = [], None
    baseline = os.environ.get("BENCH_BASELINE", "").strip()
    with _server(db) as url:
        # BENCH_MODULES=framework runs a subset (checking one module at a small size).
        modules = os.environ.get("BENCH_MODULES", ",".join(MODULES))
        for module in filter(None, modules.split(",")):
            print(f"==> {module}: {url}")
            results += importlib.import_module(f"bench.{FILES.get(module, module)}").run(url, db)
        if baseline:
            compared = _compare(Path(baseline).resolve(), db, url)
    _report(results, practices=_count_practices(db), generated=generated, compared=compared)
    print(f"Benchmark done in {time.monotonic() - started:.0f} s.")
    return 0


def _compare(baseline: Path, db: str, url: str) -> dict:
    import compare

    requests = int(os.environ.get("BENCH_REQUESTS", "200"))
    warmup = int(os.environ.get("BENCH_WARMUP", "20"))
    seconds = float(os.environ.get("BENCH_CONCURRENCY_SECONDS", "20"))
    with _server(db, root=baseline) as base_url:
        print(f"==> side by side: baseline {baseline} at {base_url}, this checkout at {url}")
        sides = compare.side_by_side(base_url, url, requests=requests, warmup=warmup)
        print("==> concurrency (2 gunicorn workers each)")
        clients = compare.concurrency(base_url, url, seconds=seconds)
    return {
        "baseline": str(baseline),
        "baseline_commit": _commit(baseline),
        "commit": _commit(ROOT),
        "scenarios": [side.row() for side in sides],
        "concurrency": clients,
    }


def _commit(root: Path) -> str:
    try:
        return subprocess.run(  # noqa: S603
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return (root / "COMMIT").read_text().strip() if (root / "COMMIT").exists() else "?"


# --- the database -----------------------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _psql(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def _prepare_database(server_url: str, name: str, db: str, practices: int) -> float | None:
    """Creates, migrates and fills the benchmark database; the generation time, if any."""
    maintenance = _with_database(server_url, "postgres")
    with closing(_psql(maintenance)) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            count, bench = _counts(db)
            if count >= practices:
                print(f"==> {name}: {count:,} published practices, no generation needed.")
                _manage(db, "migrate", "--no-input", "-v0")
                return None
            if bench:
                print(f"==> {name}: {count:,} practices, fewer than {practices:,}: remaking it.")
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                exists = None
        if not exists:
            print(f"==> creating the database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')
    _manage(db, "migrate", "--no-input", "-v0")
    _manage(db, "createcachetable")
    _manage(db, "seed_demo")
    missing = practices - _counts(db)[0]
    print(f"==> generating {missing:,} practices (generate_bench_data)")
    started = time.monotonic()
    _manage(db, "generate_bench_data", "--practices", str(missing))
    elapsed = time.monotonic() - started
    print(f"    generated in {elapsed:.0f} s")
    return elapsed


def _counts(db: str) -> tuple[int, int]:
    """Published practices, and how many of them are bench rows."""
    with closing(_psql(db)) as conn:
        table = conn.execute("SELECT to_regclass('practices_practice')").fetchone()[0]
        if table is None:
            return 0, 0
        return conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE slug LIKE 'bench-%%') "
            "FROM practices_practice WHERE status = 'published'"
        ).fetchone()


def _count_practices(db: str) -> int:
    return _counts(db)[0]


def _manage(db: str, *args: str, env: dict | None = None, root: Path = ROOT) -> None:
    """A management command on the benchmark database (development mode unless ``env``)."""
    environment = {**os.environ, "DATABASE_URL": db, "DJANGO_DEBUG": "true", **(env or {})}
    command = [sys.executable, str(root / "manage.py"), *args]
    subprocess.run(command, cwd=root, env=environment, check=True)  # noqa: S603


# --- the server -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _production_env(db: str, root: Path = ROOT) -> dict[str, str]:
    """What production mode requires, with throwaway values (loopback only)."""
    return {
        # The product's settings plus bench-only routes (bench/api.py's floor view).
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": db,
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": "benchmark-only-not-a-secret-" + "x" * 32,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "EMAIL_URL": "consolemail://",
        # No broker here: production requires the choice of in-process tasks be explicit.
        "TASKS_IN_PROCESS": "true",
        # Plain HTTP on loopback: production redirects to HTTPS by default, which a TLS
        # proxy would terminate in front of it.
        "SECURE_SSL_REDIRECT": "false",
        # One client sends every request: the per-address limits stay counted (their
        # cost is measured) but never refuse.
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_KEY": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        "CATALOGUE_EXPORT_THROTTLE": "1000000/min",
        "STATIC_ROOT": str(root / ".local" / "bench-static"),
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def _server(db: str, root: Path = ROOT):
    """gunicorn as in production (DEBUG off, 2 sync workers), on a free loopback port,
    serving the checkout at ``root``."""
    port = _free_port()
    env = {**os.environ, **_production_env(db, root)}
    env.pop("PYTHONPATH", None)
    _manage(db, "collectstatic", "--no-input", "-v0", env=env, root=root)
    log = (RESULTS / ("server.log" if root == ROOT else "baseline-server.log")).open("w")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "netbioclue.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--workers=2",
        "--worker-class=sync",
        "--timeout=120",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=log)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (see {RESULTS / 'server.log'}).")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s.")


# --- the report -------------------------------------------------------------------------------


def _report(results, *, practices: int, generated: float | None, compared=None) -> None:
    from common import TARGET_P95_MS, TARGET_RATIO
    from django.db import connection

    header = (
        f"{'scenario':<34} {'p50 ms':>7} {'p95 ms':>7} {'SQL p50':>8} {'SQL p95':>8} "
        f"{'ratio':>6} {'queries':>7}  target"
    )
    print()
    print(
        f"{practices:,} published practices; {results[0].requests if results else 0} "
        f"requests per scenario; targets: p95 <= {TARGET_P95_MS:.0f} ms and "
        f"<= {TARGET_RATIO:.0f}x the SQL p95"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        label = f"{result.module}: {result.name}"
        print(
            f"{label:<34} {result.http_p50:7.1f} {result.http_p95:7.1f} "
            f"{result.sql_p50:8.1f} {result.sql_p95:8.1f} {result.ratio:6.2f} "
            f"{result.queries:7d}  {'ok' if result.meets_targets else 'MISSED'}"
        )
    for result in results:
        if result.notes:
            print(f"  {result.name}: {result.notes}")
    if compared:
        print()
        print(
            f"Side by side (requests alternating): baseline {compared['baseline_commit']} "
            f"vs this checkout {compared['commit']}; load average {os.getloadavg()[0]:.1f}"
        )
        columns = ("base p50", "base p95", "new p50", "new p95")
        line = f"{'scenario':<44} " + " ".join(f"{c:>8}" for c in columns) + f" {'p95 x':>6}"
        print(line)
        print("-" * len(line))
        for row in compared["scenarios"]:
            print(
                f"{row['scenario']:<44} {row['baseline_p50_ms']:8.1f} "
                f"{row['baseline_p95_ms']:8.1f} {row['branch_p50_ms']:8.1f} "
                f"{row['branch_p95_ms']:8.1f} {row['p95_change']:6.2f}"
            )
        for row in compared["concurrency"]:
            print(
                f"{row['page']:<24} {row['clients']:>2} clients: baseline "
                f"{row['baseline_requests_per_s']:6.1f} req/s, this checkout "
                f"{row['branch_requests_per_s']:6.1f} req/s "
                f"(x{row['branch_requests_per_s'] / max(row['baseline_requests_per_s'], 0.1):.2f})"
            )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (pg_version,) = cursor.fetchone()
    report = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "practices": practices,
        "generation_seconds": round(generated, 1) if generated else None,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "postgresql": pg_version,
            "load_average": os.getloadavg(),
        },
        "targets": {"p95_ms": TARGET_P95_MS, "ratio": TARGET_RATIO},
        "results": [result.summary() for result in results],
        "side_by_side": compared,
    }
    path = RESULTS / "latest.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Written to {path.relative_to(ROOT)}.")


if __name__ == "__main__":
    sys.exit(main())
