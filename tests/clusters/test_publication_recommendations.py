"""The publication carries each stage's published policy recommendations."""

import pytest
from django.urls import reverse

from clusters.models import PolicyRecommendation
from practices.selectors import publication
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def recommendation(**kwargs):
    return PolicyRecommendation.objects.create(
        **{"title": "Fund proof of concept", "stage": "emerging", "audience": "regional",
           "rationale": "Spin-offs need it first.", "status": "published", **kwargs}
    )  # fmt: skip


def test_each_chapter_prints_its_stages_published_recommendations(client):
    practice = PracticeFactory(published=True, title="Seed fund", stages=["emerging"],
                               dos=["Start small"])  # fmt: skip
    item = recommendation()
    item.practices.add(practice)
    recommendation(title="Pending idea", status="pending")
    recommendation(title="For mature clusters", stage="mature")
    contents = publication.publication_contents()
    by_stage = {c.value: [r.title for r in c.recommendations] for c in contents.chapters}
    assert by_stage["emerging"] == ["Fund proof of concept"]
    assert by_stage["mature"] == ["For mature clusters"]
    body = client.get(reverse("practices:publication")).content.decode()
    assert "Policy recommendations for this stage" in body
    assert "Spin-offs need it first." in body and "Pending idea" not in body
    assert practice.get_absolute_url() in body


def test_publishing_a_recommendation_changes_the_fingerprint():
    PracticeFactory(published=True, dos=["Start small"])
    before = publication.catalogue_state()
    item = recommendation(status="pending")
    assert publication.catalogue_state() == before  # not published: not printed
    item.status = "published"
    item.save()
    after = publication.catalogue_state()
    assert after.fingerprint != before.fingerprint
    item.rationale = "Reworded."
    item.save()
    assert publication.catalogue_state().fingerprint != after.fingerprint
