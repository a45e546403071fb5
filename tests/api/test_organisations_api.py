"""``/api/v1/organisations/``: public facts only, never members or e-mail addresses."""

import pytest

from organisations.models import OrganisationKind
from organisations.permissions import Role
from tests.api.helpers import result_slugs
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/api/v1/organisations/"

PUBLIC_FIELDS = {
    "url",
    "html_url",
    "slug",
    "name",
    "short_name",
    "kind",
    "country",
    "city",
    "website",
    "description",
    "is_network_partner",
    "is_network_coordinator",
    "home_cluster",
    "updated_at",
}


@pytest.fixture
def erbi(db):
    cluster = ClusterFactory(slug="greater-cambridge", name="Greater Cambridge")
    organisation = OrganisationFactory(
        slug="erbi", name="East Region Biotech Initiative", country="GB", home_cluster=cluster
    )
    MembershipFactory(organisation=organisation, role=Role.ADMIN, user__email="boss@erbi.example")
    return organisation


@pytest.fixture
def jic(db):
    return OrganisationFactory(
        slug="jic",
        name="South Moravian Innovation Centre",
        country="CZ",
        city="Brno",
        kind=OrganisationKind.INNOVATION_CENTRE,
    )


@pytest.fixture
def company(db):
    return OrganisationFactory(slug="acme", name="Acme Bio", is_network_partner=False)


def test_an_organisation_shows_public_facts_only(api_client, erbi):
    body = api_client.get(f"{ORGANISATIONS}erbi/").json()
    assert set(body) == PUBLIC_FIELDS
    assert body["country"] == "GB"
    assert body["url"] == "http://testserver/api/v1/organisations/erbi/"
    assert body["html_url"] == "http://testserver/partners/erbi/"
    assert body["home_cluster"] == {
        "url": "http://testserver/api/v1/clusters/greater-cambridge/",
        "slug": "greater-cambridge",
        "name": "Greater Cambridge",
    }
    assert "boss@erbi.example" not in api_client.get(ORGANISATIONS).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["acme", "erbi", "jic"]),
        ("network_partner=true", ["erbi", "jic"]),
        ("network_partner=false", ["acme"]),
        ("country=CZ", ["jic"]),
        ("kind=innovation-centre", ["jic"]),
        ("q=brno", ["jic"]),
        ("q=moravian", ["jic"]),
        ("home_cluster=greater-cambridge", ["erbi"]),
        ("ordering=-name", ["jic", "erbi", "acme"]),
    ],
)
def test_filters(api_client, erbi, jic, company, query, expected):
    assert result_slugs(api_client.get(f"{ORGANISATIONS}?{query}")) == expected


@pytest.mark.parametrize(
    "query", ["network_partner=maybe", "kind=castle", "country=XX", "members=all"]
)
def test_bad_filters_are_400(api_client, erbi, query):
    assert api_client.get(f"{ORGANISATIONS}?{query}").status_code == 400


def test_the_list_makes_one_query_whatever_the_page_size(api_client, django_assert_num_queries):
    cluster = ClusterFactory()
    OrganisationFactory.create_batch(101, home_cluster=cluster)
    for size in (1, 100):
        # 1. the page of organisations joined with their home clusters
        # (+1: the rate-limit counter, one upsert; none with Redis.)
        with django_assert_num_queries(2):
            response = api_client.get(f"{ORGANISATIONS}?page_size={size}")
        assert len(response.json()["results"]) == size


def test_the_detail_query_budget(api_client, erbi, django_assert_num_queries):
    # 1. the organisation joined with its home cluster
    # (+1: the rate-limit counter, one upsert; none with Redis.)
    with django_assert_num_queries(2):
        assert api_client.get(f"{ORGANISATIONS}erbi/").status_code == 200


def test_an_unknown_organisation_is_404(api_client):
    assert api_client.get(f"{ORGANISATIONS}nobody/").status_code == 404
