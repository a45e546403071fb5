"""Speed of expert matching: the fast ranking vs the reference SQL vs a naive scorer,
batch assignment, and the request page.

``make bench`` (``BENCH_MODULES=experts`` alone) calls ``run(server_url, db)`` on the
benchmark database: it adds ``BENCH_EXPERTS`` (default 50,000) generated validated
experts once (one ``INSERT … SELECT generate_series``, kept, like the framework's
clusters), then

1. times ``experts.matching.rank`` (top 10 + 5 excluded) for ``BENCH_EXPERT_REQUESTS``
   (default 40) varied requests, p50/p95 in ms (target: p95 ≤ 50 ms at 50,000), after a
   warm-up whose first call reads the experts into the in-memory copy (timed apart);
   checks that its answer is the reference's (``rank_reference``: the same SQL over
   every expert) on a few requests and times that reference;
2. times the naive way (``BENCH_EXPERT_NAIVE`` requests, default 5): read every validated
   expert with its ``ts_rank`` and score them all in Python with the same weights;
3. times ``experts.batch.assign`` for 500 requests over 5,000 experts (the others are
   set aside as "applied" for the run, then restored; target ≤ 10 s);
4. prints precision@1 and @3 of the ranking on the labelled set (``bench/experts_eval.py``);
5. times the coordinator's page of a request with its candidates over HTTP and its SQL
   in-process (target of the other pages: p95 ≤ 100 ms and ≤ 3× its SQL).

The requests are written in transactions that are rolled back. ``python
bench/experts.py [--experts N …]`` runs steps 1–3 on ``DATABASE_URL`` the same way;
``measure(..., commit=False)`` runs everything in one rolled-back transaction (the
small-scale test).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RANK_P95_MS = 50.0
TARGET_BATCH_S = 10.0
MODULE = "experts"
BENCH_EMAIL = "bench-%@bench.invalid"


class _Rollback(Exception):
    pass


GENERATE = """
INSERT INTO experts_expertprofile (
    email, name, headline, bio, organisation_name, country, countries, languages,
    language_levels, growth_forces, tool_types, stages, beneficiaries, formats, capacity,
    links, visibility, status, consent_text, consent_at, active_assignments, evidence_text,
    practice_count, interview_count, is_illustrative, created_at, updated_at)
SELECT
    'bench-' || g || '@bench.invalid',
    'Bench Expert ' || g,
    (%(topics)s::text[])[1 + g %% 11] || ' adviser',
    'Worked on ' || (%(topics)s::text[])[1 + g %% 11] || ' and '
        || (%(topics)s::text[])[1 + (g / 11) %% 11] || ' for clusters.',
    'Bench organisation', (%(countries)s::text[])[1 + g %% 8],
    ARRAY[(%(countries)s::text[])[1 + g %% 8]],
    ARRAY['en', (%(languages)s::text[])[1 + g %% 8]]::varchar[],
    '{}'::jsonb,
    ARRAY[(%(forces)s::text[])[1 + g %% 5]]::varchar[],
    ARRAY[(%(tools)s::text[])[1 + g %% 11], (%(tools)s::text[])[1 + (g / 11) %% 11]]::varchar[],
    ARRAY[(%(stages)s::text[])[1 + g %% 4]]::varchar[],
    ARRAY[(%(beneficiaries)s::text[])[1 + g %% 7]]::varchar[],
    ARRAY[(%(formats)s::text[])[1 + g %% 5]]::varchar[],
    1 + g %% 3, '{}', 'public', 'validated', 'bench', now(), g %% 2, '', g %% 4, g %% 3,
    true, now(), now()
FROM generate_series(%(first)s, %(count)s) AS g
"""


def _requests(count: int):
    from experts.models import ExpertiseRequest, Format
    from netbioclue.vocabulary import Beneficiary, GrowthForce, Stage, ToolType
    from organisations.models import User

    requester = User.objects.filter(email="bench-requester@bench.invalid").first()
    if requester is None:
        requester = User.objects.create_user("bench-requester@bench.invalid", None)
    made = []
    tools, forces = ToolType.values, GrowthForce.values
    for i in range(count):
        request = ExpertiseRequest(
            title=f"Help with {tools[i % len(tools)]} number {i}",
            description=f"We need advice on {tools[(i * 3) % len(tools)]} and funding.",
            requester=requester,
            tool_types=[tools[i % len(tools)]],
            growth_forces=[forces[i % len(forces)]],
            beneficiaries=[Beneficiary.values[i % len(Beneficiary.values)]],
            stage=Stage.values[i % len(Stage.values)],
            format=Format.values[i % len(Format.values)],
            languages=["en"],
            experts_wanted=1 + i % 2,
            status="open",
        )
        request.save()
        made.append(request)
    return made


def naive_rank(request, limit: int = 10) -> list[tuple[float, int]]:
    """Score every validated expert in Python (same weights), keep the best ``limit``."""
    from django.db import connection

    from experts import matching

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT e.id, e.tool_types, e.growth_forces, e.beneficiaries, e.stages,
                      e.formats, e.languages, e.capacity, e.active_assignments,
                      e.practice_count + e.interview_count,
                      ts_rank(e.search_vector, replace(plainto_tsquery(%s::regconfig, %s)::text,
                              ' & ', ' | ')::tsquery, 32)
               FROM experts_expertprofile e WHERE e.status = 'validated'""",
            [matching.SEARCH_CONFIG, matching.request_text(request)],
        )
        rows = cursor.fetchall()
    w = matching.WEIGHTS
    want = {
        "tool_types": set(request.tool_types),
        "growth_forces": set(request.growth_forces),
        "beneficiaries": set(request.beneficiaries),
    }
    languages = set(request.languages)
    scored = []
    for pk, tools, forces, bens, stages, formats, langs, cap, active, evidence, rank in rows:
        if (languages and not languages & set(langs)) or active >= cap:
            continue
        score = (
            w["tool_types"] * len(want["tool_types"] & set(tools)) / max(len(want["tool_types"]), 1)
            + w["growth_forces"]
            * len(want["growth_forces"] & set(forces))
            / max(len(want["growth_forces"]), 1)
            + w["beneficiaries"]
            * len(want["beneficiaries"] & set(bens))
            / max(len(want["beneficiaries"]), 1)
            + w["text"] * min(rank * matching.TEXT_SCALE, 1)
            + w["stage"] * (request.stage in stages)
            + w["format"] * (request.format in formats)
            + w["evidence"] * min(evidence, matching.EVIDENCE_CAP) / matching.EVIDENCE_CAP
            + w["load"] * active / max(cap, 1)
        )
        scored.append((score, pk))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return scored[:limit]


def _timed(fn, items) -> list[float]:
    times = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def generate(count: int) -> int:
    """Adds generated validated experts up to ``count``; returns how many there are."""
    from django.db import connection

    from experts.models import Format
    from netbioclue.vocabulary import Beneficiary, GrowthForce, Stage, ToolType

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM experts_expertprofile WHERE email LIKE %s", [BENCH_EMAIL]
        )
        (present,) = cursor.fetchone()
        if present >= count:
            return present
        cursor.execute(
            GENERATE,
            {
                "first": present + 1,
                "count": count,
                "topics": [t.replace("-", " ") for t in ToolType.values],
                "countries": ["IT", "GB", "FR", "DE", "SE", "DK", "CZ", "HU"],
                "languages": ["it", "en", "fr", "de", "sv", "da", "cs", "hu"],
                "forces": GrowthForce.values,
                "tools": ToolType.values,
                "stages": Stage.values,
                "beneficiaries": Beneficiary.values,
                "formats": Format.values,
            },
        )
        cursor.execute("ANALYZE experts_expertprofile")
    return count


def _set_aside(keep: int, status: str) -> None:
    """Gives every generated expert past the first ``keep`` the ``status``."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """UPDATE experts_expertprofile SET status = %s
               WHERE email LIKE %s AND id > (
                   SELECT id FROM experts_expertprofile WHERE email LIKE %s
                   ORDER BY id OFFSET %s LIMIT 1)""",
            [status, BENCH_EMAIL, BENCH_EMAIL, max(keep - 1, 0)],
        )


def _ranking(requests: int, naive_requests: int) -> dict:
    from experts import matching, shortlist

    items = _requests(requests)
    started = time.perf_counter()
    matching.rank(items[0])  # the first call reads the experts into the copy
    cold_s = time.perf_counter() - started
    for item in items[1:4]:
        matching.rank(item)
    fast_ms = _timed(lambda r: matching.rank(r), items)
    checked = items[:5]
    reference_ms = _timed(lambda r: matching.rank_reference(r), checked)
    identical = sum(
        [(c.expert_id, c.score, c.breakdown, c.reasons) for c in matching.rank(r)]
        == [(c.expert_id, c.score, c.breakdown, c.reasons) for c in matching.rank_reference(r)]
        for r in checked
    )
    naive_items = items[:naive_requests]
    naive_ms = _timed(lambda r: naive_rank(r), naive_items)
    same_best = sum(
        abs(matching.rank(r, excluded_limit=0)[0].score - naive_rank(r)[0][0]) < 0.05
        for r in naive_items
    )
    return {
        "requests": requests,
        "cold_read_s": round(cold_s, 2),
        "rank_p50_ms": round(statistics.median(fast_ms), 1),
        "rank_p95_ms": round(_p95(fast_ms), 1),
        "reference_p95_ms": round(_p95(reference_ms), 1),
        "identical_to_reference": f"{identical}/{len(checked)}",
        "naive_requests": len(naive_items),
        "naive_p50_ms": round(statistics.median(naive_ms), 1),
        "naive_p95_ms": round(_p95(naive_ms), 1),
        "ratio_p95": round(_p95(naive_ms) / max(_p95(fast_ms), 0.001), 1),
        "reference_ratio_p95": round(_p95(reference_ms) / max(_p95(fast_ms), 0.001), 1),
        "same_top1": f"{same_best}/{len(naive_items)}",
        "fallbacks": shortlist.stats["fallbacks"],
    }


def _batch(batch_requests: int) -> dict:
    from experts import batch, matching

    items = _requests(batch_requests)
    matching.rank(items[0])  # the copy re-reads the experts left
    started = time.perf_counter()
    chosen, short = batch.assign(items)
    return {
        "batch_requests": batch_requests,
        "batch_seconds": round(time.perf_counter() - started, 2),
        "batch_pairs": len(chosen),
        "batch_short": sum(short.values()),
    }


def measure(
    *,
    experts: int,
    requests: int,
    naive_requests: int,
    batch_requests: int,
    batch_experts: int,
    commit: bool = True,
) -> dict:
    """Steps 1–3 of the module docstring. ``commit=False``: everything, the experts
    included, in one transaction that is rolled back (small sizes only: the copy then
    re-reads the uncommitted experts at every ranking)."""
    from django.db import transaction

    result: dict = {"experts": experts, "batch_experts": batch_experts}
    if not commit:
        try:
            with transaction.atomic():
                generate(experts)
                result.update(_ranking(requests, naive_requests))
                _set_aside(batch_experts, "applied")
                result.update(_batch(batch_requests))
                raise _Rollback
        except _Rollback:
            pass
        return result
    generate(experts)
    try:
        with transaction.atomic():
            result.update(_ranking(requests, naive_requests))
            raise _Rollback
    except _Rollback:
        pass
    _set_aside(batch_experts, "applied")
    try:
        with transaction.atomic():
            result.update(_batch(batch_requests))
            raise _Rollback
    except _Rollback:
        pass
    finally:
        _set_aside(batch_experts, "validated")
    return result


def lines(r: dict) -> list[str]:
    rank_ok = "ok" if r["rank_p95_ms"] <= TARGET_RANK_P95_MS else "MISSED"
    batch_ok = "ok" if r["batch_seconds"] <= TARGET_BATCH_S else "MISSED"
    return [
        f"Top-10 candidates among {r['experts']:,} experts, {r['requests']} requests:",
        f"  fast ranking  p50 {r['rank_p50_ms']:8.1f} ms  p95 {r['rank_p95_ms']:8.1f} ms"
        f"  (target p95 <= {TARGET_RANK_P95_MS:.0f} ms: {rank_ok}; first call reads the"
        f" copy: {r['cold_read_s']:.2f} s)",
        f"  reference SQL               p95 {r['reference_p95_ms']:8.1f} ms"
        f"  (x{r['reference_ratio_p95']} the fast p95; identical answers on"
        f" {r['identical_to_reference']}; fallbacks {r['fallbacks']})",
        f"  naive Python  p50 {r['naive_p50_ms']:8.1f} ms  p95 {r['naive_p95_ms']:8.1f} ms"
        f"  (x{r['ratio_p95']} the fast p95, {r['naive_requests']} requests;"
        f" same best score on {r['same_top1']})",
        f"Batch assignment of {r['batch_requests']} requests over {r['batch_experts']:,}"
        f" experts: {r['batch_seconds']:.2f} s ({r['batch_pairs']} pairs,"
        f" {r['batch_short']} places unfilled; target <= {TARGET_BATCH_S:.0f} s: {batch_ok})",
    ]


# --- make bench -------------------------------------------------------------------------------


def _request_page():
    """A request with its candidates among the generated experts, and a coordinator's
    session: the page's path, the view called in-process, and the session cookie."""
    from django.conf import settings
    from django.test import Client as DjangoClient

    from experts import services
    from experts.models import ExpertiseRequest, RequestStatus
    from organisations.models import User

    coordinator = User.objects.filter(email="bench-coordinator@bench.invalid").first()
    if coordinator is None:
        coordinator = User.objects.create_user("bench-coordinator@bench.invalid", None)
        coordinator.is_coordinator = True
        coordinator.save(update_fields=["is_coordinator"])
    request = ExpertiseRequest.objects.filter(title="Bench page request").first()
    if request is None:
        request = _requests(1)[0]
        request.title = "Bench page request"
        request.status = RequestStatus.MATCHING
        request.match_generation = 1
        request.save()
    services.match_compute(request_id=request.pk, generation=request.match_generation)
    client = DjangoClient()
    client.force_login(coordinator)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    path = request.get_absolute_url()

    def in_process():
        from django.contrib.messages.storage.fallback import FallbackStorage
        from django.contrib.sessions.backends.cache import SessionStore
        from django.test import RequestFactory
        from django.urls import resolve

        http_request = RequestFactory().get(path)
        http_request.user = User.objects.get(pk=coordinator.pk)
        http_request.session = SessionStore()
        http_request._messages = FallbackStorage(http_request)
        match = resolve(path)
        response = match.func(http_request, *match.args, **match.kwargs)
        assert response.status_code == 200, response.status_code
        return response

    return path, in_process, cookie


def run(server_url: str, db: str):
    from common import Client
    from common import measure as measure_page

    count = int(os.environ.get("BENCH_EXPERTS", "50000"))
    result = measure(
        experts=count,
        requests=int(os.environ.get("BENCH_EXPERT_REQUESTS", "40")),
        naive_requests=int(os.environ.get("BENCH_EXPERT_NAIVE", "5")),
        batch_requests=int(os.environ.get("BENCH_BATCH_REQUESTS", "500")),
        batch_experts=int(os.environ.get("BENCH_BATCH_EXPERTS", "5000")),
    )
    for line in lines(result):
        print(f"    {line}")
    from bench import experts_eval

    for line in experts_eval.lines(experts_eval.evaluate()):
        print(f"    {line}")
    path, in_process, cookie = _request_page()

    class SignedIn(Client):
        def get(self, path: str):
            started = time.perf_counter()
            self.connection.request("GET", path, headers={"Cookie": cookie})
            response = self.connection.getresponse()
            body = response.read()
            return response.status, body, (time.perf_counter() - started) * 1000

    client = SignedIn(server_url)
    try:
        page = measure_page(
            module=MODULE,
            name="request page (coordinator)",
            path=path,
            client=client,
            in_process=in_process,
            requests=int(os.environ.get("BENCH_REQUESTS", "200")),
            warmup=int(os.environ.get("BENCH_WARMUP", "20")),
            expect=b"Bench page request",
            notes=(
                f"{count:,} experts; rank p95 {result['rank_p95_ms']} ms (target 50),"
                f" batch {result['batch_seconds']} s (target 10), naive x{result['ratio_p95']}"
            ),
        )
    finally:
        client.close()
    verdict = "ok" if page.ratio <= 3 else "MISSED"
    print(
        f"    Request page p95 {page.http_p95:.1f} ms = {page.ratio:.2f}x its SQL p95"
        f" {page.sql_p95:.1f} ms (target <= 3x: {verdict})"
    )
    return [page]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experts", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--naive-requests", type=int, default=5)
    parser.add_argument("--batch-requests", type=int, default=500)
    parser.add_argument("--batch-experts", type=int, default=5_000)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netbioclue.settings")
    import django

    django.setup()
    result = measure(
        experts=args.experts,
        requests=args.requests,
        naive_requests=args.naive_requests,
        batch_requests=args.batch_requests,
        batch_experts=args.batch_experts,
    )
    print("\n".join(lines(result)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
