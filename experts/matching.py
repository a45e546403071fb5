"""Scoring experts for a request for expertise: deterministic, explained, computed in SQL.

The rule
--------
An expert's score for a request is the sum, over the dimensions of ``WEIGHTS``, of the
dimension's weight times a value between 0 and 1:

- ``tool_types``, ``growth_forces``, ``beneficiaries``: the share of the request's
  values the expert covers (0 when the request names none);
- ``text``: PostgreSQL full-text relevance of the request's title and description
  (any of its words, ``practices.models.SEARCH_CONFIG``) against the expert's headline
  (A), biography (B) and catalogue evidence (C: titles and summaries of the practices
  they authored and interviewed on), ``ts_rank`` normalised to 0..1 and scaled by
  ``TEXT_SCALE`` then capped at 1;
- ``stage``: 1 when the expert has worked with clusters at the request's stage;
- ``format``: 1 when the expert offers the format asked for;
- ``evidence``: catalogue evidence (practices + interviews), capped at ``EVIDENCE_CAP``;
- ``countries``: 1 when the expert worked in or lives in a preferred country;
- ``transnational``: 1 when transnational help is preferred and the expert lives
  outside the cluster's country;
- ``load`` (fairness, negative weight): the share of the expert's capacity in use.

Hard rules exclude an expert whatever the score, each with a reason (``RULES``): no
acceptable language in common, capacity full, not available by the deadline, a
conflict of interest (the expert belongs to the requester's organisation, or declared
it as a conflict, or is the requester), or residence in an excluded country.

Only validated experts with topical relevance are considered: a tool type in common
or a text match (or, when the request names no tool type, a growth force or
beneficiary in common). ``rank_reference`` is the definition: one SQL statement scores
them all and keeps the best ``limit`` eligible and ``excluded_limit`` excluded
candidates (window function). ``rank`` returns exactly the same answer faster: the
in-memory copy of ``experts.shortlist`` bounds every expert's score and names the few
that can be in the top ``limit``; the same statement scores only those, and the answer
is checked against the bounds (else ``rank_reference`` answers). Ties are broken by
expert id, so the ranking is deterministic.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from experts import shortlist
from experts.models import ExpertiseRequest, ExpertStatus
from practices.models import SEARCH_CONFIG

logger = logging.getLogger(__name__)

# The weights, in one place (the "How matching works" page shows this table).
WEIGHTS: dict[str, float] = {
    "tool_types": 25.0,
    "growth_forces": 15.0,
    "beneficiaries": 10.0,
    "text": 20.0,
    "stage": 10.0,
    "format": 10.0,
    "evidence": 5.0,
    "countries": 5.0,
    "transnational": 5.0,
    "load": -10.0,
}
TEXT_SCALE = 4.0  # ts_rank(…, 32) of a good match is ~0.1–0.3; x4 makes 0.25 a full point
EVIDENCE_CAP = 5  # five practices or interviews earn the whole evidence weight

DIMENSION_LABELS = {
    "tool_types": gettext_lazy("Tool types in common"),
    "growth_forces": gettext_lazy("Growth forces in common"),
    "beneficiaries": gettext_lazy("Beneficiaries in common"),
    "text": gettext_lazy("Text relevance (biography and catalogue evidence)"),
    "stage": gettext_lazy("Experience of the cluster's stage"),
    "format": gettext_lazy("Offers the format asked for"),
    "evidence": gettext_lazy("Evidence in the catalogue (practices, interviews)"),
    "countries": gettext_lazy("Worked in a preferred country"),
    "transnational": gettext_lazy("Transnational (lives outside the cluster's country)"),
    "load": gettext_lazy("Current load (fairness)"),
}

# Hard rule code -> the reason shown to the coordinator.
RULES = {
    "language": gettext_lazy("No acceptable language in common."),
    "capacity": gettext_lazy("Capacity full (as many assignments as the expert takes)."),
    "availability": gettext_lazy("Not available before the deadline."),
    "conflict_organisation": gettext_lazy(
        "Conflict of interest: belongs to the requester's organisation."
    ),
    "conflict_declared": gettext_lazy(
        "Conflict of interest: declared the requester's organisation."
    ),
    "conflict_self": gettext_lazy("Conflict of interest: is the requester."),
    "country_excluded": gettext_lazy("Lives in a country the request excludes."),
}

_COMPONENTS = tuple(WEIGHTS)
_RULE_CODES = tuple(RULES)


@dataclass
class Candidate:
    expert_id: int
    score: float
    breakdown: dict[str, float]
    reasons: list[str] = field(default_factory=list)

    @property
    def excluded(self) -> bool:
        return bool(self.reasons)


def request_text(request: ExpertiseRequest) -> str:
    return f"{request.title}\n{request.description}"


_SQL = """
WITH q AS MATERIALIZED (
    SELECT NULLIF(replace(plainto_tsquery(%(cfg)s::regconfig, %(text)s)::text, ' & ', ' | '), '')
        ::tsquery AS query
),
scored AS MATERIALIZED (
    SELECT e.id,
        ({tool_types})::float / GREATEST(cardinality(%(tool_types)s::varchar[]), 1) AS tool_types,
        ({growth_forces})::float
            / GREATEST(cardinality(%(growth_forces)s::varchar[]), 1) AS growth_forces,
        ({beneficiaries})::float
            / GREATEST(cardinality(%(beneficiaries)s::varchar[]), 1) AS beneficiaries,
        CASE WHEN q.query IS NOT NULL AND e.search_vector @@ q.query
             THEN LEAST(ts_rank(e.search_vector, q.query, 32) * %(text_scale)s, 1)
             ELSE 0 END AS text,
        CASE WHEN %(stage)s <> '' AND %(stage)s = ANY(e.stages) THEN 1 ELSE 0 END AS stage,
        CASE WHEN %(format)s = ANY(e.formats) THEN 1 ELSE 0 END AS format,
        LEAST(e.practice_count + e.interview_count, %(evidence_cap)s)::float
            / %(evidence_cap)s AS evidence,
        CASE WHEN e.countries && %(preferred)s::varchar[] OR e.country = ANY(%(preferred)s)
             THEN 1 ELSE 0 END AS countries,
        CASE WHEN %(transnational)s AND %(cluster_country)s <> ''
                  AND e.country <> '' AND e.country <> %(cluster_country)s
             THEN 1 ELSE 0 END AS transnational,
        e.active_assignments::float / GREATEST(e.capacity, 1) AS load,
        (cardinality(%(languages)s::varchar[]) > 0
            AND NOT e.languages && %(languages)s::varchar[]) AS language,
        (e.active_assignments >= e.capacity) AS capacity,
        (e.not_available_until IS NOT NULL AND e.not_available_until > %(day)s) AS availability,
        (%(organisation)s::bigint IS NOT NULL
            AND e.organisation_id IS NOT DISTINCT FROM %(organisation)s::bigint)
            AS conflict_organisation,
        (%(organisation)s::bigint IS NOT NULL AND EXISTS (
            SELECT 1 FROM experts_expertprofile_conflict_organisations c
            WHERE c.expertprofile_id = e.id AND c.organisation_id = %(organisation)s::bigint))
            AS conflict_declared,
        (%(requester)s::bigint IS NOT NULL AND e.user_id IS NOT DISTINCT FROM %(requester)s::bigint)
            AS conflict_self,
        (e.country <> '' AND e.country = ANY(%(excluded)s)) AS country_excluded
    FROM experts_expertprofile e CROSS JOIN q
    WHERE e.status = %(validated)s
      AND (e.tool_types && %(tool_types)s::varchar[]
           OR (cardinality(%(tool_types)s::varchar[]) = 0
               AND (e.growth_forces && %(growth_forces)s::varchar[]
                    OR e.beneficiaries && %(beneficiaries)s::varchar[]))
           OR (q.query IS NOT NULL AND e.search_vector @@ q.query))
      AND NOT (e.id = ANY(%(skip)s::bigint[])){restrict}
),
ranked AS (
    SELECT s.*, {total} AS score, ({excluded}) AS is_excluded
    FROM scored s
),
numbered AS (
    SELECT r.*, row_number() OVER (PARTITION BY is_excluded ORDER BY score DESC, id) AS rn
    FROM ranked r
)
SELECT id, score, {components}, {rules}
FROM numbered
WHERE (NOT is_excluded AND rn <= %(limit)s) OR (is_excluded AND rn <= %(excluded_limit)s)
ORDER BY is_excluded, score DESC, id
"""

# The array dimensions: how many of the request's values the expert has is a sum of
# one comparison per value (no subquery per row; requests name a handful of values).
_ARRAY_DIMENSIONS = ("tool_types", "growth_forces", "beneficiaries")


def _overlap_sql(name: str, count: int) -> str:
    if count == 0:
        return "0"
    return " + ".join(
        f"(CASE WHEN %({name}_{i})s = ANY(e.{name}) THEN 1 ELSE 0 END)" for i in range(count)
    )


def statement(request: ExpertiseRequest, *, restricted: bool = False) -> str:
    """The ranking SQL for ``request`` (its shape depends on how many values it names);
    ``restricted`` scores only the experts of the ``only`` parameter."""
    total = " + ".join(f"%(w_{name})s * s.{name}" for name in _COMPONENTS)
    return _SQL.format(
        restrict="\n      AND e.id = ANY(%(only)s::bigint[])" if restricted else "",
        total=total,
        excluded=" OR ".join(f"s.{code}" for code in _RULE_CODES),
        components=", ".join(_COMPONENTS),
        rules=", ".join(_RULE_CODES),
        **{name: _overlap_sql(name, len(getattr(request, name))) for name in _ARRAY_DIMENSIONS},
    )


def parameters(
    request: ExpertiseRequest,
    *,
    limit: int,
    excluded_limit: int,
    skip: list[int] | tuple[int, ...] = (),
    only: list[int] | None = None,
) -> dict:
    values = {
        f"{name}_{i}": value
        for name in _ARRAY_DIMENSIONS
        for i, value in enumerate(getattr(request, name))
    }
    return {
        **values,
        "cfg": SEARCH_CONFIG,
        "text": request_text(request),
        "validated": ExpertStatus.VALIDATED.value,
        "tool_types": list(request.tool_types),
        "growth_forces": list(request.growth_forces),
        "beneficiaries": list(request.beneficiaries),
        "stage": request.stage or "",
        "format": request.format,
        "preferred": list(request.countries_preferred),
        "excluded": list(request.countries_excluded),
        "transnational": request.transnational_preferred,
        "cluster_country": str(request.cluster_country or ""),
        "languages": list(request.languages),
        "day": request.reference_day,
        "organisation": request.organisation_id,
        "requester": request.requester_id,
        "text_scale": TEXT_SCALE,
        "evidence_cap": EVIDENCE_CAP,
        "skip": list(skip),
        "only": list(only or ()),
        "limit": limit,
        "excluded_limit": excluded_limit,
        **{f"w_{name}": weight for name, weight in WEIGHTS.items()},
    }


def _run(
    request: ExpertiseRequest,
    *,
    limit: int,
    excluded_limit: int,
    skip: list[int] | tuple[int, ...],
    only: list[int] | None = None,
) -> list[tuple[Candidate, float]]:
    """Run the ranking SQL; each candidate with the unrounded score it was ordered by."""
    with connection.cursor() as cursor:
        cursor.execute(
            statement(request, restricted=only is not None),
            parameters(request, limit=limit, excluded_limit=excluded_limit, skip=skip, only=only),
        )
        rows = cursor.fetchall()
    candidates = []
    width = len(_COMPONENTS)
    for row in rows:
        expert_id, raw, values, flags = row[0], row[1], row[2 : 2 + width], row[2 + width :]
        breakdown = {
            name: round(WEIGHTS[name] * float(value), 2)
            for name, value in zip(_COMPONENTS, values, strict=True)
        }
        reasons = [code for code, flag in zip(_RULE_CODES, flags, strict=True) if flag]
        candidate = Candidate(
            expert_id=expert_id,
            score=round(sum(breakdown.values()), 2),
            breakdown=breakdown,
            reasons=reasons,
        )
        candidates.append((candidate, float(raw)))
    return candidates


def rank_reference(
    request: ExpertiseRequest,
    *,
    limit: int = 10,
    excluded_limit: int = 5,
    skip: list[int] | tuple[int, ...] = (),
) -> list[Candidate]:
    """The definition of the ranking: the SQL statement over every validated expert."""
    return [c for c, _raw in _run(request, limit=limit, excluded_limit=excluded_limit, skip=skip)]


def rank_among(request: ExpertiseRequest, expert_ids: list[int], *, limit: int = 10):
    """The reference ranking restricted to ``expert_ids`` (an evaluation roster inside a
    database that holds other experts)."""
    found = _run(request, limit=limit, excluded_limit=0, skip=(), only=list(expert_ids))
    return [c for c, _raw in found]


def _agrees(
    found: list[tuple[Candidate, float]], bounds: dict, limits: dict, estimates: dict
) -> bool:
    """Whether the shortlist's scores are what the copy predicted (else it was stale):
    as many per group as the copy counts, none below the floor it proved, each score
    within ``EPSILON`` of its estimate."""
    for excluded, (count, floor) in bounds.items():
        wanted = min(count, limits[excluded])
        group = [raw for c, raw in found if c.excluded == excluded]
        if len(group) != wanted:
            return False
        if floor is not None and group and min(group) < floor:
            return False
    return all(
        abs(raw - estimates.get(c.expert_id, float("inf"))) <= shortlist.EPSILON for c, raw in found
    )


def rank(
    request: ExpertiseRequest,
    *,
    limit: int = 10,
    excluded_limit: int = 5,
    skip: list[int] | tuple[int, ...] = (),
) -> list[Candidate]:
    """The best ``limit`` eligible candidates, then the best ``excluded_limit`` excluded
    ones (with their reasons), each with its breakdown: exactly ``rank_reference``'s
    answer, computed by the reference SQL over the shortlist that ``experts.shortlist``
    proves sufficient (two small queries and one restricted statement)."""
    return rank_many(
        [request], limit=limit, excluded_limit=excluded_limit, skip={request.pk: skip}
    )[request.pk]


def rank_many(
    requests: list[ExpertiseRequest], *, limit: int, excluded_limit: int, skip: dict
) -> dict[int, list[Candidate]]:
    """``rank`` for each of ``requests`` (``skip``: request id -> expert ids), sharing
    the shortlist's refresh and the text queries' parsing (batch assignment)."""
    limits = {False: limit, True: excluded_limit}
    lists = shortlist.shortlists(requests, limit=limit, excluded_limit=excluded_limit, skip=skip)
    result = {}
    for request in requests:
        ids, bounds, estimates = lists[request.pk]
        skipped = skip.get(request.pk, ())
        if not ids:
            if all(min(count, limits[group]) <= 0 for group, (count, _f) in bounds.items()):
                result[request.pk] = []
                continue
            found = None
        else:
            found = _run(
                request, limit=limit, excluded_limit=excluded_limit, skip=skipped, only=ids
            )
        if found is None or not _agrees(found, bounds, limits, estimates):
            logger.warning("Expert shortlist disagreed with the SQL for request %s", request.pk)
            shortlist.stats["fallbacks"] += 1
            shortlist.mark_stale()
            result[request.pk] = rank_reference(
                request, limit=limit, excluded_limit=excluded_limit, skip=skipped
            )
        else:
            result[request.pk] = [c for c, _raw in found]
    return result


def explain(breakdown: dict[str, float]) -> list[str]:
    """The breakdown in words, strongest reasons first (what the requester reads)."""
    sentences = []
    for name, points in sorted(breakdown.items(), key=lambda item: -abs(item[1])):
        if not points:
            continue
        sentences.append(
            _("%(dimension)s: %(points)+.1f points")
            % {
                "dimension": DIMENSION_LABELS.get(name, name),
                "points": points,
            }
        )
    return sentences


def reason_labels(codes: list[str]) -> list[str]:
    return [str(RULES.get(code, code)) for code in codes]


def weight_table() -> list[tuple[str, str, float]]:
    return [(name, str(DIMENSION_LABELS[name]), weight) for name, weight in WEIGHTS.items()]
