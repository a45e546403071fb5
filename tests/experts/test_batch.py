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
