import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from clusters.models import PolicyRecommendation, RecommendationStatus
from clusters.services import (
    recommendation_propose,
    recommendation_publish,
    recommendation_reject,
)
from tests.clusters.answers import BRNO_2008
from tests.factories import PASSWORD, ClusterFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def propose(by, **changes):
    data = {"title": "Fund proof of concept", "stage": "emerging", "audience": "national",
            "rationale": "Investors come later."}  # fmt: skip
    return recommendation_propose(**{**data, **changes}, by=by)


def test_an_editor_proposes_and_the_coordinator_publishes(editor, coordinator):
    practice = PracticeFactory(status="published", published_at=timezone.now())
    draft = PracticeFactory(status="draft")
    recommendation = propose(editor, practice_ids=[practice.pk, draft.pk])
    assert recommendation.status == RecommendationStatus.PENDING
    assert list(recommendation.practices.all()) == [practice]  # published practices only
    assert not PolicyRecommendation.objects.published().exists()
    recommendation_publish(recommendation=recommendation, by=coordinator)
    assert PolicyRecommendation.objects.published().get() == recommendation
    with pytest.raises(ValidationError, match="already published"):
        recommendation_reject(recommendation=recommendation, by=coordinator)


@pytest.mark.parametrize("actor", ["bob", "anonymous"])
def test_members_and_visitors_cannot_propose(request, actor):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if actor == "anonymous" else request.getfixturevalue(actor)
    with pytest.raises(PermissionDenied):
        propose(user)


def test_only_the_coordinator_publishes(editor, alice):
    with pytest.raises(PermissionDenied):
        recommendation_publish(recommendation=propose(editor), by=alice)


def test_bad_values_are_refused(editor):
    with pytest.raises(ValidationError):
        propose(editor, stage="ancient")
    with pytest.raises(ValidationError):
        propose(editor, title="")
    assert not PolicyRecommendation.objects.exists()


def test_published_recommendations_show_on_results_profiles_and_their_page(
    client, editor, coordinator, django_assert_num_queries
):
    recommendation_publish(recommendation=propose(editor), by=coordinator)
    propose(editor, title="Still pending")
    result = client.get(reverse("clusters:assess_result"), BRNO_2008).content.decode()
    assert "Fund proof of concept" in result and "Still pending" not in result
    cluster = ClusterFactory(stage="emerging")
    assert "Fund proof of concept" in client.get(cluster.get_absolute_url()).content.decode()
    # 1. recommendations 2. their practices
    with django_assert_num_queries(2):
        page = client.get(reverse("clusters:recommendations") + "?stage=emerging")
    assert "Fund proof of concept" in page.content.decode()
    assert (
        "Fund proof"
        not in client.get(reverse("clusters:recommendations") + "?audience=eu").content.decode()
    )
    assert client.get(reverse("clusters:recommendations") + "?stage=ancient").status_code == 400


@pytest.mark.parametrize(
    ("actor", "expected"), [("bob", 404), ("charlie", 200), ("editor", 200), ("coordinator", 200)]
)
def test_the_proposal_form_permission_matrix(request, client, actor, expected):
    client.login(email=request.getfixturevalue(actor).email, password=PASSWORD)
    assert client.get(reverse("clusters:recommendation_propose")).status_code == expected


def test_the_proposal_form_keeps_what_was_typed(client, editor):
    client.login(email=editor.email, password=PASSWORD)
    practice = PracticeFactory(status="published", published_at=timezone.now())
    url = reverse("clusters:recommendation_propose")
    response = client.post(url, {"title": "", "stage": "mature", "audience": "eu",
                                 "rationale": "Because it works"})  # fmt: skip
    assert response.status_code == 400 and "Because it works" in response.content.decode()
    data = {"title": "Share platforms", "stage": "mature", "audience": "eu", "rationale": "R",
            "practices": f"/practices/{practice.slug}/"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(PolicyRecommendation.objects.get().practices.all()) == [practice]
