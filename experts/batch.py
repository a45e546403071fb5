"""Batch assignment: many open requests at once, best total score under capacities.

The problem (a bipartite b-matching, as conference systems assign reviewers): choose
pairs (request, expert) to maximise the sum of their matching scores, subject to

- each request gets at most the number of experts it still wants;
- each expert gets at most their free capacity (capacity minus current assignments);
- a pair is allowed only if the expert is an *eligible* candidate of the request, i.e.
  passes every hard rule of ``experts.matching`` (language, capacity, availability,
  conflicts of interest, excluded countries) and has a positive score.

It is solved exactly with HiGHS through ``scipy.optimize``: the constraint matrix of a
bipartite b-matching is totally unimodular, so the linear relaxation has an integral
optimal vertex, which the dual simplex (``linprog(method="highs-ds")``) returns; the
solution is checked to be integral, and ``milp`` solves the integer program in the
(never observed) case it is not. The linear solve is 4-5x faster than ``milp`` at 500
requests. We use a kept solver rather than
a greedy pass because greedy can block a request whose only candidates were taken by a
request with alternatives. The candidates of each request come from the same SQL
ranking as single matching (its best ``CANDIDATES_PER_REQUEST``), so every assignment
carries its breakdown for the coordinator to read before confirming.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array

from experts import matching
from experts.models import ExpertiseRequest, ExpertProfile, Match, MatchState

CANDIDATES_PER_REQUEST = 30


@dataclass
class Pair:
    request_id: int
    expert_id: int
    score: float
    breakdown: dict[str, float]


def still_wanted(request: ExpertiseRequest, busy: dict[int, int]) -> int:
    return max(request.experts_wanted - busy.get(request.pk, 0), 0)


def solve(pairs: list[Pair], wanted: dict[int, int], free: dict[int, int]) -> list[Pair]:
    """The subset of ``pairs`` with the highest total score within the limits."""
    pairs = [p for p in pairs if p.score > 0 and wanted.get(p.request_id) and free.get(p.expert_id)]
    if not pairs:
        return []
    requests = sorted({p.request_id for p in pairs})
    experts = sorted({p.expert_id for p in pairs})
    request_row = {pk: i for i, pk in enumerate(requests)}
    expert_row = {pk: len(requests) + i for i, pk in enumerate(experts)}
    rows, cols = [], []
    for column, pair in enumerate(pairs):
        rows += [request_row[pair.request_id], expert_row[pair.expert_id]]
        cols += [column, column]
    matrix = coo_array(
        (np.ones(len(rows)), (rows, cols)), shape=(len(requests) + len(experts), len(pairs))
    ).tocsr()
    upper = np.array([wanted[pk] for pk in requests] + [free[pk] for pk in experts], dtype=float)
    scores = -np.array([p.score for p in pairs])
    relaxed = linprog(scores, A_ub=matrix, b_ub=upper, bounds=(0, 1), method="highs-ds")
    values = relaxed.x
    if values is None or np.abs(values - np.round(values)).max() > 1e-6:  # pragma: no cover
        result = milp(
            c=scores,
            constraints=LinearConstraint(matrix, lb=np.zeros_like(upper), ub=upper),
            integrality=np.ones(len(pairs)),
            bounds=Bounds(0, 1),
        )
        if result.x is None:  # the problem is always feasible (x = 0)
            return []
        values = result.x
    return [pair for pair, value in zip(pairs, values, strict=True) if value > 0.5]


def candidate_pairs(requests: list[ExpertiseRequest], skip: dict[int, list[int]]) -> list[Pair]:
    ranked = matching.rank_many(requests, limit=CANDIDATES_PER_REQUEST, excluded_limit=0, skip=skip)
    return [
        Pair(request.pk, candidate.expert_id, candidate.score, candidate.breakdown)
        for request in requests
        for candidate in ranked[request.pk]
    ]


def assign(requests: list[ExpertiseRequest]) -> tuple[list[Pair], dict[int, int]]:
    """Solve for ``requests``; returns the chosen pairs and what each request still lacks."""
    ids = [r.pk for r in requests]
    busy: dict[int, int] = {}
    skip: dict[int, list[int]] = {}
    for request_id, expert_id, state in Match.objects.filter(request_id__in=ids).values_list(
        "request_id", "expert_id", "state"
    ):
        if state in (MatchState.OFFERED, MatchState.ACCEPTED):
            busy[request_id] = busy.get(request_id, 0) + 1
        if state not in (MatchState.CANDIDATE, MatchState.EXCLUDED):
            skip.setdefault(request_id, []).append(expert_id)
    wanted = {r.pk: still_wanted(r, busy) for r in requests}
    pairs = candidate_pairs([r for r in requests if wanted[r.pk]], skip)
    free = {
        pk: max(capacity - active, 0)
        for pk, capacity, active in ExpertProfile.objects.filter(
            pk__in={p.expert_id for p in pairs}
        ).values_list("pk", "capacity", "active_assignments")
    }
    chosen = solve(pairs, wanted, free)
    got: dict[int, int] = {}
    for pair in chosen:
        got[pair.request_id] = got.get(pair.request_id, 0) + 1
    short = {pk: n - got.get(pk, 0) for pk, n in wanted.items() if n - got.get(pk, 0) > 0}
    return chosen, short
