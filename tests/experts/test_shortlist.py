"""The fast ranking (in-memory shortlist + the SQL over it) gives exactly the reference
ranking (the SQL over every expert): same candidates, order, scores, breakdowns, reasons,
on random rosters and requests, and after committed changes of every kind."""

import datetime
import random

import pytest
from django.utils import timezone

from experts import matching, shortlist
from experts.models import ExpertiseRequest, ExpertProfile, ExpertStatus, Format
from netbioclue.vocabulary import Beneficiary, ContentLanguage, GrowthForce, Stage, ToolType
from tests.experts.factories import ExpertFactory, RequestFactory
from tests.factories import OrganisationFactory, UserFactory

WORDS = [
    "seed", "fund", "funding", "incubator", "patent", "patents", "licensing", "biotech",
    "cluster", "training", "talent", "export", "regulatory", "hospital", "investor",
    "university", "transfer", "technology", "marketing", "brand", "network", "mentoring",
    "venture", "capital", "start-up", "tech-transfer", "grants",
]  # fmt: skip
COUNTRIES = ["DE", "FR", "IT", "DK", "SE", "CZ", ""]


def _sample(rng, values, most):
    return rng.sample(list(values), rng.randint(0, most))


def _text(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _roster(rng, size, organisations, users):
    experts = []
    for n in range(size):
        capacity = rng.randint(0, 3)
        experts.append(
            ExpertProfile(
                name=f"Random expert {n}",
                headline=_text(rng, 1, 4) or "adviser",
                bio=_text(rng, 0, 20),
                evidence_text=_text(rng, 0, 12),
                country=rng.choice(COUNTRIES),
                countries=_sample(rng, COUNTRIES[:-1], 3),
                languages=_sample(rng, ContentLanguage.values[:4], 3),
                growth_forces=_sample(rng, GrowthForce.values, 3),
                tool_types=_sample(rng, ToolType.values, 3),
                stages=_sample(rng, Stage.values, 2),
                beneficiaries=_sample(rng, Beneficiary.values, 3),
                formats=_sample(rng, Format.values, 3),
                capacity=capacity,
                active_assignments=rng.randint(0, capacity),
                not_available_until=rng.choice([None, None, datetime.date(2027, 3, 1)]),
                practice_count=rng.randint(0, 4),
                interview_count=rng.randint(0, 4),
                organisation=rng.choice([None, None, *organisations]),
                user=users.pop() if users and rng.random() < 0.3 else None,
                status=rng.choice([ExpertStatus.VALIDATED] * 5 + [ExpertStatus.APPLIED]),
                consent_at=timezone.now(),
            )
        )
    # Exact twins: ties are broken by id in both ways of ranking.
    experts += [
        ExpertProfile(**{**_fields(e), "name": f"{e.name} twin"}) for e in experts[: size // 10]
    ]
    created = ExpertProfile.objects.bulk_create(experts)
    for expert in created:
        if rng.random() < 0.2:
            expert.conflict_organisations.add(rng.choice(organisations))
    return created


def _fields(expert):
    return {
        f.name: getattr(expert, f.name)
        for f in ExpertProfile._meta.concrete_fields
        if f.name not in ("id", "user", "search_vector", "changed_xid")
    }


def _request(rng, organisations, requesters):
    return ExpertiseRequest.objects.create(
        title=_text(rng, 1, 5) or "help",
        description=_text(rng, 0, 30) or "the",
        requester=rng.choice(requesters),
        organisation=rng.choice([None, *organisations]),
        cluster_country=rng.choice(COUNTRIES),
        stage=rng.choice(["", *Stage.values]),
        growth_forces=_sample(rng, GrowthForce.values, 2),
        tool_types=_sample(rng, ToolType.values, 3),
        beneficiaries=_sample(rng, Beneficiary.values, 2),
        languages=_sample(rng, ContentLanguage.values[:4], 2),
        countries_preferred=_sample(rng, COUNTRIES[:-1], 2),
        countries_excluded=_sample(rng, COUNTRIES[:-1], 1),
        transnational_preferred=rng.random() < 0.5,
        format=rng.choice(Format.values),
        deadline=rng.choice([None, datetime.date(2027, 1, 1), datetime.date(2028, 1, 1)]),
    )


def _same(request, **kwargs):
    fast = matching.rank(request, **kwargs)
    reference = matching.rank_reference(request, **kwargs)
    as_rows = [(c.expert_id, c.score, c.breakdown, c.reasons) for c in reference]
    assert [(c.expert_id, c.score, c.breakdown, c.reasons) for c in fast] == as_rows
    return reference


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_ranking_is_the_reference_ranking_on_random_data(seed):
    rng = random.Random(seed)
    organisations = [OrganisationFactory() for _ in range(3)]
    users = [UserFactory() for _ in range(20)]
    requesters = users[:5]
    experts = _roster(rng, 150, organisations, users[5:])
    fallbacks = shortlist.stats["fallbacks"]
    compared = 0
    for _ in range(25):
        request = _request(rng, organisations, requesters)
        for limit, excluded_limit in [(10, 5), (1, 1), (3, 0), (30, 0)]:
            skip = [e.pk for e in rng.sample(experts, 5)] if rng.random() < 0.3 else []
            compared += len(_same(request, limit=limit, excluded_limit=excluded_limit, skip=skip))
    assert compared > 500  # the comparisons were not of empty rankings
    # The shortlist's estimates agreed with the SQL every time (no fallback needed).
    assert shortlist.stats["fallbacks"] == fallbacks


@pytest.mark.django_db
def test_text_estimate_matches_postgresql_ts_rank_closely():
    expert = ExpertFactory(
        headline="Seed fund seed fund", bio="Seed funding, patents and seed capital. " * 3
    )
    request = RequestFactory(title="Seed fund", description="Patents, capital and licensing")
    estimate = shortlist.estimates(request)[expert.pk]
    (candidate,) = [c for c in matching.rank_reference(request) if c.expert_id == expert.pk]
    assert candidate.breakdown["text"] > 0
    assert abs(estimate - sum(candidate.breakdown.values())) < 0.05


@pytest.mark.django_db(transaction=True)
def test_committed_changes_of_every_kind_reach_the_copy():
    shortlist.invalidate()
    organisation = OrganisationFactory()
    experts = [ExpertFactory(tool_types=["funding"]) for _ in range(6)]
    request = RequestFactory(tool_types=["funding"], organisation=organisation)
    reads = shortlist.stats["full_reads"]
    fallbacks = shortlist.stats["fallbacks"]
    _same(request, limit=3, excluded_limit=2)
    # Each kind of change, committed, then ranked again without a full read.
    ExpertProfile.objects.filter(pk=experts[0].pk).update(tool_types=["branding"])
    _same(request, limit=3, excluded_limit=2)
    experts[1].conflict_organisations.add(organisation)
    assert "conflict_declared" in {
        r for c in _same(request, limit=3, excluded_limit=2) for r in c.reasons
    }
    ExpertProfile.objects.filter(pk=experts[2].pk).update(status=ExpertStatus.ERASED)
    _same(request, limit=3, excluded_limit=2)
    ExpertProfile.objects.filter(pk=experts[3].pk).update(bio="Seed funds for clusters.")
    _same(request, limit=3, excluded_limit=2)
    fresh = ExpertFactory(tool_types=["funding"], bio="Seed fund for biotech start-ups.")
    assert fresh.pk in {c.expert_id for c in _same(request, limit=10, excluded_limit=2)}
    assert shortlist.stats["full_reads"] == reads + 1
    assert shortlist.stats["fallbacks"] == fallbacks
    # A deleted profile leaves the copy over-optimistic: the check catches it.
    experts[4].delete()
    _same(request, limit=3, excluded_limit=2)
    _same(request, limit=3, excluded_limit=2)
