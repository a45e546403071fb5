"""Batch assignment: the solver's optimum, capacities, conflicts, and the confirm step."""

import pytest

from experts import batch, services
from experts.batch import Pair
from experts.models import BatchStatus, MatchState, RequestStatus
from tests.experts.factories import ExpertFactory, RequestFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_solver_beats_greedy_and_respects_limits():
    # Greedy would give expert 1 to request A (10 > 9) and leave B with nothing.
    pairs = [Pair(1, 1, 10, {}), Pair(1, 2, 8, {}), Pair(2, 1, 9, {})]
    chosen = batch.solve(pairs, wanted={1: 1, 2: 1}, free={1: 1, 2: 1})
    assert {(p.request_id, p.expert_id) for p in chosen} == {(1, 2), (2, 1)}
    # capacity 2 lets expert 1 take both
    chosen = batch.solve(pairs, wanted={1: 1, 2: 1}, free={1: 2, 2: 1})
    assert {(p.request_id, p.expert_id) for p in chosen} == {(1, 1), (2, 1)}


def test_batch_page_proposes_then_confirms(client, coordinator):
    org = OrganisationFactory()
    conflicted = ExpertFactory(organisation=org, capacity=5)
    a = ExpertFactory(capacity=1)
    b = ExpertFactory(capacity=1, tool_types=[])
    requests = [RequestFactory(organisation=org, status=RequestStatus.OPEN) for _ in range(2)]
    client.force_login(coordinator)
    client.post("/experts/batch/")
    page = client.get("/experts/batch/")
    assert page.status_code == 200
    proposal = page.context["proposal"]
    pairs = proposal.result["pairs"]
    assert {p["expert"] for p in pairs} == {a.pk, b.pk}
    assert conflicted.pk not in {p["expert"] for p in pairs}
    assert "Tool types in common" in page.content.decode()
    client.post("/experts/batch/", {"confirm": proposal.pk})
    proposal.refresh_from_db()
    assert proposal.status == BatchStatus.CONFIRMED
    for request in requests:
        request.refresh_from_db()
        assert request.status == RequestStatus.PROPOSED
        assert request.matches.filter(state=MatchState.OFFERED).count() == 1


def test_batch_is_coordinator_only(client, bob):
    client.force_login(bob)
    assert client.get("/experts/batch/").status_code == 404
    with pytest.raises(services.PermissionDenied):
        services.batch_propose(by=bob)


@pytest.mark.parametrize("seed", range(5))
def test_solver_reaches_the_integer_optimum_on_random_instances(seed):
    import random

    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    rng = random.Random(seed)
    pairs = [
        Pair(r, e, float(rng.choice([5, 10, 10, 20, 33.3, 40])), {})
        for r in range(40)
        for e in rng.sample(range(25), 6)
    ]
    wanted = {r: rng.randint(1, 3) for r in range(40)}
    free = {e: rng.randint(0, 3) for e in range(25)}
    chosen = batch.solve(pairs, wanted, free)
    for r, n in wanted.items():
        assert sum(p.request_id == r for p in chosen) <= n
    for e, n in free.items():
        assert sum(p.expert_id == e for p in chosen) <= n
    # The integer program solved directly has the same optimum.
    rows, cols = [], []
    for column, p in enumerate(pairs):
        rows += [p.request_id, 40 + p.expert_id]
        cols += [column, column]
    matrix = coo_array((np.ones(len(rows)), (rows, cols)), shape=(65, len(pairs))).tocsr()
    upper = np.array([wanted[r] for r in range(40)] + [free[e] for e in range(25)], float)
    best = milp(
        c=-np.array([p.score for p in pairs]),
        constraints=LinearConstraint(matrix, lb=np.zeros(65), ub=upper),
        integrality=np.ones(len(pairs)),
        bounds=Bounds(0, 1),
    )
    assert sum(p.score for p in chosen) == pytest.approx(-best.fun)
