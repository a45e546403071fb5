"""Speed of expert matching: SQL ranking vs a naive Python scorer, and batch assignment.

``python bench/experts.py [--experts 50000] [--requests 40] [--batch-requests 500]
[--batch-experts 5000]`` (``DATABASE_URL`` as usual). Inside one transaction that is
rolled back at the end (nothing stays in the database):

1. generates ``--experts`` validated experts with one ``INSERT … SELECT
   generate_series`` (vocabulary values, languages, texts varied by row number), then
   ``ANALYZE``;
2. times ``experts.matching.rank`` (top 10 + 5 excluded, one SQL statement) for
   ``--requests`` varied requests: p50/p95 in ms (target: p95 ≤ 50 ms at 50,000);
3. times the naive way for the same requests: read every validated expert (with its
   ``ts_rank``) and score them all in Python with the same weights; prints the ratio;
4. times ``experts.batch.assign`` for ``--batch-requests`` requests over the first
   ``--batch-experts`` experts (target ≤ 10 s for 500 over 5,000).

The naive scorer ignores nothing the SQL does except the GIN-indexed candidate
filter, so the ratio measures what computing candidates in SQL buys.
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
FROM generate_series(1, %(count)s) AS g
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


def run(*, experts: int, requests: int, batch_requests: int, batch_experts: int) -> dict:
    from django.db import connection, transaction

    from experts import batch, matching
    from experts.models import ExpertProfile, Format
    from netbioclue.vocabulary import Beneficiary, GrowthForce, Stage, ToolType

    result: dict = {}
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    GENERATE,
                    {
                        "count": experts,
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
            items = _requests(requests)
            for item in items[:3]:  # warm-up
                matching.rank(item)
            sql_ms = _timed(lambda r: matching.rank(r), items)
            naive_ms = _timed(lambda r: naive_rank(r), items)
            # Same best score? (many generated experts tie, so ids may differ)
            same = sum(
                abs(matching.rank(r, excluded_limit=0)[0].score - naive_rank(r)[0][0]) < 0.05
                for r in items[:10]
            )
            # Batch: restrict the pool to the first batch_experts experts.
            keep = list(
                ExpertProfile.objects.order_by("pk").values_list("pk", flat=True)[:batch_experts]
            )
            ExpertProfile.objects.exclude(pk__in=keep).update(status="rejected")
            batch_items = _requests(batch_requests)
            started = time.perf_counter()
            chosen, short = batch.assign(batch_items)
            batch_s = time.perf_counter() - started
            result = {
                "experts": experts,
                "requests": requests,
                "rank_p50_ms": round(statistics.median(sql_ms), 1),
                "rank_p95_ms": round(_p95(sql_ms), 1),
                "naive_p50_ms": round(statistics.median(naive_ms), 1),
                "naive_p95_ms": round(_p95(naive_ms), 1),
                "ratio_p95": round(_p95(naive_ms) / max(_p95(sql_ms), 0.001), 1),
                "same_top1_of_10": same,
                "batch_requests": batch_requests,
                "batch_experts": len(keep),
                "batch_seconds": round(batch_s, 2),
                "batch_pairs": len(chosen),
                "batch_short": sum(short.values()),
            }
            raise _Rollback
    except _Rollback:
        pass
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experts", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--batch-requests", type=int, default=500)
    parser.add_argument("--batch-experts", type=int, default=5_000)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netbioclue.settings")
    import django

    django.setup()
    r = run(
        experts=args.experts,
        requests=args.requests,
        batch_requests=args.batch_requests,
        batch_experts=args.batch_experts,
    )
    rank_ok = "ok" if r["rank_p95_ms"] <= TARGET_RANK_P95_MS else "MISSED"
    batch_ok = "ok" if r["batch_seconds"] <= TARGET_BATCH_S else "MISSED"
    lines = [
        f"Top-10 candidates among {r['experts']:,} experts, {r['requests']} requests:",
        f"  SQL ranking   p50 {r['rank_p50_ms']:8.1f} ms  p95 {r['rank_p95_ms']:8.1f} ms"
        f"  (target p95 <= {TARGET_RANK_P95_MS:.0f} ms: {rank_ok})",
        f"  naive Python  p50 {r['naive_p50_ms']:8.1f} ms  p95 {r['naive_p95_ms']:8.1f} ms"
        f"  (x{r['ratio_p95']} at p95; same best score on {r['same_top1_of_10']}/10)",
        f"Batch assignment of {r['batch_requests']} requests over {r['batch_experts']:,}"
        f" experts: {r['batch_seconds']:.2f} s ({r['batch_pairs']} pairs,"
        f" {r['batch_short']} places unfilled; target <= {TARGET_BATCH_S:.0f} s: {batch_ok})",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
