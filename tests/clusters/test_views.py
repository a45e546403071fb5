import pytest
from django.urls import reverse

from clusters.models import Cluster
from clusters.services import cluster_assess_stage
from netbioclue.vocabulary import Genesis, Stage, WorldRegion
from organisations.models import Activity
from tests.factories import ClusterFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_country_region_city_stage_and_genesis(client):
    ClusterFactory(
        name="Medicon Valley",
        countries=["DK", "SE"],
        region="Capital Region / Skåne",
        city="Copenhagen / Lund",
        stage=Stage.MATURE,
        genesis=Genesis.HYBRID,
    )
    body = client.get(reverse("clusters:list")).content.decode()
    for text in ("Medicon Valley", "Denmark, Sweden", "Capital Region / Skåne", "Mature", "Hybrid"):
        assert text in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=emerging", ["Brno cluster"]),
        ("genesis=spontaneous", ["Cambridge cluster"]),
        ("country=SE", ["Medicon Valley"]),
        ("world_region=us", ["San Diego"]),
        ("q=skane", ["Medicon Valley"]),  # accent-insensitive
    ],
)
def test_filters(client, query, expected):
    ClusterFactory(name="Brno cluster", countries=["CZ"], stage=Stage.EMERGING)
    ClusterFactory(name="Cambridge cluster", countries=["GB"], genesis=Genesis.SPONTANEOUS)
    ClusterFactory(name="Medicon Valley", countries=["DK", "SE"], region="Skåne")
    ClusterFactory(name="San Diego", countries=["US"], world_region=WorldRegion.UNITED_STATES)
    response = client.get(f"{reverse('clusters:list')}?{query}")
    assert response.status_code == 200
    names = [cluster.name for cluster in response.context["clusters"]]
    assert names == expected


def test_an_unknown_filter_value_is_a_400_that_says_why(client):
    ClusterFactory()
    response = client.get(reverse("clusters:list") + "?stage=ancient")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert list(response.context["clusters"]) == []


def test_list_query_budget_is_the_same_for_1_and_25_clusters(client, django_assert_num_queries):
    ClusterFactory()
    # count for the paginator, the page of clusters
    with django_assert_num_queries(2):
        client.get(reverse("clusters:list"))
    ClusterFactory.create_batch(24)
    with django_assert_num_queries(2):
        response = client.get(reverse("clusters:list"))
    assert len(response.context["clusters"]) == 25


def test_detail_shows_the_stage_history_and_the_organisations(client, django_assert_num_queries):
    cluster = ClusterFactory(name="Genopole", countries=["FR"], city="Évry")
    cluster_assess_stage(
        cluster=cluster, year=2003, stage=Stage.DEVELOPING, rationale="Growing fast", by=None
    )
    cluster_assess_stage(
        cluster=cluster, year=2008, stage=Stage.MATURE, rationale="Established", by=None
    )
    OrganisationFactory(name="Essonne Chamber of Commerce", home_cluster=cluster)
    # cluster, assessments (with who assessed), organisations, saved self-assessments,
    # its published practices, indicator definitions, latest indicator values,
    # the recommendations for its stage (their practices only when there are some),
    # the edit history (audit log)
    with django_assert_num_queries(9):
        response = client.get(cluster.get_absolute_url())
    body = response.content.decode()
    assert body.index("2008") < body.index("2003")  # newest first
    assert "Essonne Chamber of Commerce" in body
    assert "Évry" in body


def test_assessing_a_stage_updates_the_current_stage_and_is_logged(db):
    cluster = ClusterFactory(stage="")
    cluster_assess_stage(
        cluster=cluster, year=2005, stage=Stage.EMERGING, rationale="Few firms", by=None
    )
    cluster_assess_stage(
        cluster=cluster, year=2001, stage=Stage.RENEWING, rationale="Older", by=None
    )
    cluster.refresh_from_db()
    assert cluster.stage == Stage.EMERGING  # the latest year wins, not the latest entry
    assert Activity.objects.filter(action="cluster.stage_assessed").count() == 2


def test_a_cluster_needs_a_country(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Cluster.objects.create(name="Nowhere", slug="nowhere", countries=[], genesis="hybrid")
