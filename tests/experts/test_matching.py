"""The matching rule, table-driven: hard exclusions with reasons, ordering, breakdowns."""

import datetime

import pytest

from experts import matching
from experts.models import ExpertStatus
from tests.experts.factories import ExpertFactory, RequestFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _by_id(candidates):
    return {c.expert_id: c for c in candidates}


@pytest.mark.parametrize(
    ("expert_kwargs", "request_kwargs", "reason"),
    [
        ({"languages": ["de"]}, {"languages": ["en", "fr"]}, "language"),
        ({"capacity": 1, "active_assignments": 1}, {}, "capacity"),
        (
            {"not_available_until": datetime.date(2030, 1, 1)},
            {"deadline": datetime.date(2029, 6, 1)},
            "availability",
        ),
        ({"country": "FR"}, {"countries_excluded": ["FR"]}, "country_excluded"),
    ],
)
def test_hard_rules_exclude_with_a_reason(expert_kwargs, request_kwargs, reason):
    expert = ExpertFactory(**expert_kwargs)
    request = RequestFactory(**request_kwargs)
    candidate = _by_id(matching.rank(request))[expert.pk]
    assert candidate.excluded
    assert reason in candidate.reasons


def test_conflicts_of_interest_exclude():
    org = OrganisationFactory()
    colleague = ExpertFactory(organisation=org)
    declared = ExpertFactory()
    declared.conflict_organisations.add(org)
    request = RequestFactory(organisation=org)
    self_expert = ExpertFactory(user=request.requester)
    found = _by_id(matching.rank(request))
    assert found[colleague.pk].reasons == ["conflict_organisation"]
    assert found[declared.pk].reasons == ["conflict_declared"]
    assert found[self_expert.pk].reasons == ["conflict_self"]


def test_a_question_nobody_asked_conflicts_with_no_one():
    """A request without a requester (the diagnosis asks the engine itself; a requester
    who erased their account) is not "the requester" of experts who have no account."""
    without_account = ExpertFactory(user=None)
    need = RequestFactory.build(requester=None, organisation=None)
    found = _by_id(matching.rank(need))
    assert "conflict_self" not in found[without_account.pk].reasons
    assert (
        found[without_account.pk].reasons
        == _by_id(matching.rank_reference(need))[without_account.pk].reasons
    )


def test_better_overlap_ranks_first_and_breakdown_adds_up():
    strong = ExpertFactory(
        tool_types=["funding", "incubator"], growth_forces=["financial"], formats=["advice"]
    )
    weak = ExpertFactory(tool_types=["funding"], growth_forces=[], stages=[], formats=[])
    request = RequestFactory(tool_types=["funding", "incubator"])
    ranked = [c for c in matching.rank(request) if not c.excluded]
    assert [c.expert_id for c in ranked] == [strong.pk, weak.pk]
    top = ranked[0]
    assert top.breakdown["tool_types"] == matching.WEIGHTS["tool_types"]
    assert top.score == pytest.approx(sum(top.breakdown.values()), abs=0.01)


def test_text_relevance_counts_and_unrelated_experts_are_not_candidates():
    texty = ExpertFactory(
        tool_types=[], growth_forces=[], beneficiaries=[],
        headline="Technology transfer offices", bio="Licensing university patents.",
    )  # fmt: skip
    unrelated = ExpertFactory(
        tool_types=["branding"], growth_forces=[], beneficiaries=["hospitals"],
        headline="Marketing", bio="Brand work.",
    )  # fmt: skip
    request = RequestFactory(
        tool_types=["tech-transfer"], growth_forces=[], beneficiaries=[],
        title="Licensing patents", description="Our university wants to license patents.",
    )  # fmt: skip
    found = _by_id(matching.rank(request))
    assert found[texty.pk].breakdown["text"] > 0
    assert unrelated.pk not in found


def test_load_lowers_the_score_and_unvalidated_are_ignored():
    idle = ExpertFactory(capacity=4, active_assignments=0)
    busy = ExpertFactory(capacity=4, active_assignments=2)
    pending = ExpertFactory(status=ExpertStatus.APPLIED)
    request = RequestFactory()
    ranked = [c for c in matching.rank(request) if not c.excluded]
    assert [c.expert_id for c in ranked] == [idle.pk, busy.pk]
    assert ranked[1].breakdown["load"] == -5.0
    assert pending.pk not in _by_id(ranked)


def test_transnational_and_preferred_country_bonus():
    abroad = ExpertFactory(country="DK", countries=["DK"])
    home = ExpertFactory(country="CZ", countries=["CZ"])
    request = RequestFactory(
        transnational_preferred=True, cluster_country="CZ", countries_preferred=["DK"]
    )
    found = _by_id(matching.rank(request))
    assert found[abroad.pk].breakdown["transnational"] == matching.WEIGHTS["transnational"]
    assert found[abroad.pk].breakdown["countries"] == matching.WEIGHTS["countries"]
    assert found[home.pk].breakdown["transnational"] == 0


@pytest.mark.parametrize("experts", [1, 25])
def test_ranking_costs_three_queries_whatever_the_roster(experts, django_assert_num_queries):
    for _ in range(experts):
        ExpertFactory()
    request = RequestFactory()
    matching.rank(request)  # a process's first ranking reads the experts in full
    # The experts changed since the copy's last read, the request's lexemes, and the
    # scoring statement over the shortlist.
    with django_assert_num_queries(3):
        matching.rank(request)
