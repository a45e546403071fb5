"""``/api/v1/clusters/``: public cluster profiles with the catalogue's filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.filters import ClusterFilter
from clusters.models import Cluster
from clusters.services import cluster_assess_stage
from netbioclue.vocabulary import Genesis, Stage, WorldRegion
from tests.api.helpers import result_slugs
from tests.factories import ClusterFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CLUSTERS = "/api/v1/clusters/"


@pytest.fixture
def genopole(db):
    return ClusterFactory(
        slug="genopole",
        name="Genopole",
        countries=["FR"],
        region="Île-de-France (Essonne)",
        city="Évry",
        genesis=Genesis.POLICY_DRIVEN,
        stage=Stage.MATURE,
    )


@pytest.fixture
def cambridge(db):
    return ClusterFactory(
        slug="greater-cambridge",
        name="Greater Cambridge",
        countries=["GB"],
        region="East of England",
        city="Cambridge",
        genesis=Genesis.SPONTANEOUS,
        stage=Stage.MATURE,
    )


@pytest.fixture
def boston(db):
    return ClusterFactory(
        slug="boston",
        name="Boston–Cambridge",
        countries=["US"],
        region="Massachusetts",
        city="Boston",
        world_region=WorldRegion.UNITED_STATES,
        stage=Stage.MATURE,
    )


def test_an_item_has_its_public_fields_and_absolute_urls(api_client, genopole):
    item = api_client.get(CLUSTERS).json()["results"][0]
    assert item["url"] == "http://testserver/api/v1/clusters/genopole/"
    assert item["html_url"] == "http://testserver/clusters/genopole/"
    assert item["countries"] == ["FR"]
    assert item["city"] == "Évry"
    assert item["genesis"] == "policy-driven"
    assert item["stage"] == "mature"
    assert item["latitude"] == pytest.approx(48.13743)
    assert item["updated_at"].endswith("Z")  # ISO 8601 in UTC, whatever TIME_ZONE says


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["boston", "genopole", "greater-cambridge"]),
        ("q=cambridge", ["boston", "greater-cambridge"]),
        ("q=evry", ["genopole"]),  # accents ignored, as on the portal
        ("country=FR", ["genopole"]),
        ("world_region=us", ["boston"]),
        ("genesis=spontaneous", ["greater-cambridge"]),
        ("stage=emerging", []),
        ("ordering=-name", ["greater-cambridge", "genopole", "boston"]),
    ],
)
def test_filters_and_ordering(api_client, genopole, cambridge, boston, query, expected):
    assert result_slugs(api_client.get(f"{CLUSTERS}?{query}")) == expected


def test_the_api_filters_exactly_like_the_html_filterset(api_client, genopole, cambridge, boston):
    params = {"q": "cambridge", "world_region": "europe"}
    html = ClusterFilter(params, queryset=Cluster.objects.order_by("name"))
    assert html.is_valid()
    assert result_slugs(api_client.get(CLUSTERS, params)) == [c.slug for c in html.qs]


def test_cursor_pages_are_stable_while_clusters_are_added(api_client):
    for name in ("Aarhus", "Biocat", "Dundee", "Genopole", "Lyon"):
        ClusterFactory(name=name, slug=name.lower())
    first = api_client.get(f"{CLUSTERS}?page_size=2").json()
    assert [i["slug"] for i in first["results"]] == ["aarhus", "biocat"]
    assert first["previous"] is None

    ClusterFactory(name="Aachen", slug="aachen")  # sorts before the page we are on
    second = api_client.get(first["next"]).json()
    assert [i["slug"] for i in second["results"]] == ["dundee", "genopole"]
    third = api_client.get(second["next"]).json()
    assert [i["slug"] for i in third["results"]] == ["lyon"]
    assert third["next"] is None

    back = api_client.get(second["previous"]).json()
    assert [i["slug"] for i in back["results"]] == ["aarhus", "biocat"]


def test_pages_carry_link_headers(api_client):
    ClusterFactory.create_batch(3)
    response = api_client.get(f"{CLUSTERS}?page_size=1")
    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'


def test_ordering_by_a_timestamp_pages_through_everything(api_client):
    ClusterFactory.create_batch(5)
    seen, url = [], f"{CLUSTERS}?ordering=-updated_at&page_size=2"
    while url:
        page = api_client.get(url).json()
        seen += [i["slug"] for i in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(Cluster.objects.values_list("slug", flat=True))


def test_the_list_makes_one_query_whatever_the_page_size(api_client, django_assert_num_queries):
    ClusterFactory.create_batch(101)
    for size in (1, 100):
        # 1. the page of clusters (page_size + 1 rows; no COUNT(*))
        # (+1: the rate-limit counter, one upsert; none with Redis.)
        with django_assert_num_queries(2):
            response = api_client.get(f"{CLUSTERS}?page_size={size}")
        assert len(response.json()["results"]) == size


def test_the_list_never_counts(api_client):
    ClusterFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        api_client.get(CLUSTERS)
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert "description" not in queries.captured_queries[0]["sql"]  # lean: .only()


def test_the_detail_has_the_stage_history_and_organisations(api_client, genopole):
    cluster_assess_stage(
        cluster=genopole, year=2008, stage=Stage.MATURE, rationale="Leading.", by=None
    )
    OrganisationFactory(slug="essonne-cci", name="Essonne CCI", home_cluster=genopole)
    body = api_client.get(f"{CLUSTERS}genopole/").json()
    assert body["assessments"] == [
        {
            "year": 2008,
            "stage": "mature",
            "rationale": "Leading.",
            "source": "",
            "assessed_by": None,
        }
    ]
    assert body["organisations"][0]["url"] == "http://testserver/api/v1/organisations/essonne-cci/"
    assert body["organisations"][0]["slug"] == "essonne-cci"
    assert "email" not in str(body)


def test_the_detail_query_budget(api_client, genopole, django_assert_num_queries):
    for year in (2006, 2007, 2008):
        cluster_assess_stage(cluster=genopole, year=year, stage="mature", rationale="r", by=None)
    OrganisationFactory.create_batch(3, home_cluster=genopole)
    # 1. the cluster  2. its assessments (with who recorded them)  3. its organisations
    # 4. its saved self-assessments  5. its approved indicator values (with indicators)
    # (+1: the rate-limit counter, one upsert; none with Redis.)
    with django_assert_num_queries(6):
        assert api_client.get(f"{CLUSTERS}genopole/").status_code == 200


def test_filters_do_not_apply_to_a_detail(api_client, genopole):
    assert api_client.get(f"{CLUSTERS}genopole/?stage=emerging").status_code == 200


def test_cross_origin_reads_are_allowed(api_client, genopole):
    response = api_client.get(CLUSTERS, headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = api_client.options(
        CLUSTERS,
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization, if-none-match",
        },
    )
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_an_ordering_may_name_several_fields_and_reverse_them_all(rf):
    from netbioclue.rest.filters import OrderingFilter

    class View:
        action = "list"
        ordering = ("name",)
        ordering_fields = {"newest": ("-created_at", "name")}

    def ordering(query):
        request = rf.get(f"{CLUSTERS}?ordering={query}")
        request.query_params = request.GET
        return OrderingFilter().get_ordering(request, Cluster.objects.all(), View())

    assert ordering("newest") == ["-created_at", "name"]
    assert ordering("-newest") == ["created_at", "-name"]
