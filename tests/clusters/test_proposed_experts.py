"""The diagnosis proposes experts through the experts app's matching engine."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from clusters import diagnosis
from experts.models import ExpertStatus, Visibility
from netbioclue.vocabulary import GrowthForce
from tests.clusters.answers import BRNO_2008
from tests.experts.factories import ExpertFactory

pytestmark = pytest.mark.django_db

URL = reverse("clusters:assess_result") + "?" + urlencode(BRNO_2008)


def weakest_force() -> str:
    return diagnosis.diagnose(diagnosis.clean_answers(BRNO_2008)).weakest[0]


def strong_force() -> str:
    weakest = diagnosis.diagnose(diagnosis.clean_answers(BRNO_2008)).weakest
    return next(force for force in GrowthForce.values if force not in weakest)


def test_the_result_proposes_visible_experts_for_the_stage_and_weakest_forces(client):
    force = weakest_force()
    match = ExpertFactory(name="Ada Match", growth_forces=[force], stages=["emerging"])
    # Imported experts have no account: they are proposed too (no false conflict).
    imported = ExpertFactory(name="Ivo Imported", user=None, email="ivo@example.org",
                             growth_forces=[force], stages=["emerging"])  # fmt: skip
    ExpertFactory(name="Hugo Hidden", growth_forces=[force], visibility=Visibility.HIDDEN)
    ExpertFactory(name="Pia Pending", growth_forces=[force], status=ExpertStatus.APPLIED)
    ExpertFactory(name="Otto Other", growth_forces=[strong_force()], tool_types=[])
    body = client.get(URL).content.decode()
    assert "Experts who could help" in body
    assert match.get_absolute_url() in body and imported.get_absolute_url() in body
    assert "Growth forces in common" in body  # the engine's reasons, in words
    for hidden in ("Hugo Hidden", "Pia Pending", "Otto Other"):
        assert hidden not in body
    # Stage experience ranks Ada above an expert without it.
    late = ExpertFactory(name="Zed Mature", growth_forces=[force], stages=["mature"])
    body = client.get(URL).content.decode()
    assert body.index("Ada Match") < body.index("Zed Mature") or late.name not in body


def test_at_most_three_experts_best_first(client):
    force = weakest_force()
    ExpertFactory.create_batch(5, growth_forces=[force], stages=["emerging"])
    response = client.get(URL)
    assert len(response.context["experts"]) == 3


def test_without_a_matching_expert_the_result_says_so(client):
    body = client.get(URL).content.decode()
    assert "No validated expert matches" in body
