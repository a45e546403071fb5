"""The demo experts and requests (``seed_demo``)."""

import pytest
from django.core.management import call_command

from experts.demo import EXPERT_EMAIL
from experts.models import ExpertiseRequest, ExpertProfile, Format, MatchState, RequestStatus
from netbioclue.vocabulary import Beneficiary, ContentLanguage, GrowthForce, Stage, ToolType

pytestmark = pytest.mark.django_db


def test_demo_experts_cover_the_vocabulary_and_requests_every_state():
    call_command("seed_demo", verbosity=0)
    experts = list(ExpertProfile.objects.filter(is_illustrative=True))
    assert len(experts) >= 60
    for field, vocabulary in (
        ("growth_forces", GrowthForce), ("tool_types", ToolType), ("stages", Stage),
        ("beneficiaries", Beneficiary), ("formats", Format), ("languages", ContentLanguage),
    ):  # fmt: skip
        covered = {value for e in experts for value in getattr(e, field)}
        assert covered >= set(vocabulary.values), field
    states = set(ExpertiseRequest.objects.values_list("status", flat=True))
    assert states == set(RequestStatus.values)
    elena = ExpertProfile.objects.get(email=EXPERT_EMAIL)
    assert elena.user.check_password("netbioclue-demo")
    assert elena.matches.filter(state=MatchState.OFFERED).count() >= 1
    with_evidence = ExpertProfile.objects.filter(
        practice_count__gt=0
    ) | ExpertProfile.objects.filter(interview_count__gt=0)
    assert with_evidence.exists()
