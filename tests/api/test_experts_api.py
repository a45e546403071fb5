"""``/api/v1/experts/`` and ``/api/v1/expertise-requests/``: who sees what, writes, budgets."""

import pytest

from experts import services
from experts.models import MatchState, RequestStatus, Visibility
from organisations.models import ApiKeyScope
from tests.api.helpers import bearer, problem
from tests.experts.factories import ExpertFactory, RequestFactory

pytestmark = pytest.mark.django_db

EXPERTS = "/api/v1/experts/"
REQUESTS = "/api/v1/expertise-requests/"


@pytest.fixture
def directory():
    return {
        "public": ExpertFactory(name="Public Person", visibility=Visibility.PUBLIC),
        "partners": ExpertFactory(name="Partner Person", visibility=Visibility.PARTNERS),
        "hidden": ExpertFactory(name="Hidden Person", visibility=Visibility.HIDDEN),
    }


def _names(response):
    return {row["name"] for row in response.json()["results"]}


def test_anonymous_sees_public_fields_of_public_profiles(api_client, directory):
    response = api_client.get(EXPERTS)
    assert response.status_code == 200
    assert _names(response) == {"Public Person"}
    row = response.json()["results"][0]
    assert "capacity" not in row and "email" not in row
    hidden = api_client.get(f"{EXPERTS}{directory['hidden'].pk}/")
    assert hidden.status_code == 404
    assert problem(hidden)["status"] == 404


def test_partner_keys_see_partners_only_profiles_and_fields(api_client, directory, read_key):
    response = api_client.get(EXPERTS, headers=bearer(read_key))
    assert _names(response) == {"Public Person", "Partner Person"}
    assert "capacity" in response.json()["results"][0]
    assert "email" not in response.json()["results"][0]


def test_expertise_and_name_search_and_bad_facets(api_client, directory):
    assert _names(api_client.get(EXPERTS, {"name": "public"})) == {"Public Person"}
    assert api_client.get(EXPERTS, {"stage": "sleepy"}).status_code == 400
    assert api_client.get(EXPERTS, {"q": "x\x00"}).status_code == 400


@pytest.mark.parametrize("rows", [1, 25])
def test_expert_list_budget(api_client, django_assert_num_queries, rows):
    for _ in range(rows):
        ExpertFactory()
    # the page (with organisations joined); +1: the rate-limit counter, one upsert
    # (none with Redis)
    with django_assert_num_queries(2):
        assert api_client.get(EXPERTS).status_code == 200


def test_a_write_key_creates_and_follows_its_own_requests(
    api_client, org, other_org, write_key, key_for, django_capture_on_commit_callbacks
):
    ExpertFactory()
    body = {
        "title": "Seed fund advice",
        "description": "We want to set up a seed fund.",
        "format": "advice",
        "tool_types": ["funding"],
        "languages": ["en"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        created = api_client.post(f"{REQUESTS}?submit=true", body, headers=bearer(write_key))
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["status"] == RequestStatus.MATCHING and data["organisation"] == org.slug
    url = f"{REQUESTS}{data['id']}/"
    assert api_client.get(url, headers=bearer(write_key)).status_code == 200
    other = key_for(other_org, ApiKeyScope.WRITE)
    assert api_client.get(url, headers=bearer(other)).status_code == 404
    assert api_client.get(url).status_code == 404
    assert api_client.get(REQUESTS, headers=bearer(other)).json()["results"] == []
    # matches: 403 until released, then with breakdowns
    matches = api_client.get(f"{url}matches/", headers=bearer(write_key))
    assert matches.status_code == 403
    read = key_for(org, ApiKeyScope.READ)
    assert api_client.post(REQUESTS, body, headers=bearer(read)).status_code == 403


def test_matches_after_release_show_breakdown_and_contact_only_after_acceptance(
    api_client, org, write_key, coordinator
):
    expert = ExpertFactory()
    request = RequestFactory(organisation=org)
    services.request_submit(request=request, by=request.requester)
    services.match_compute(request_id=request.pk, generation=1)
    services.request_release(request=request, by=coordinator)
    url = f"{REQUESTS}{request.pk}/matches/"
    rows = api_client.get(url, headers=bearer(write_key)).json()
    assert rows[0]["breakdown"]["tool_types"] == 25.0
    assert rows[0]["contact_email"] is None and rows[0]["explanation"]
    services.request_propose(request=request, order=[], by=coordinator)
    services.offer_accept(match=request.matches.get(state=MatchState.OFFERED))
    rows = api_client.get(url, headers=bearer(write_key)).json()
    assert rows[0]["contact_email"] == expert.email


def test_patch_needs_if_match(api_client, org, write_key):
    request = RequestFactory(organisation=org)
    url = f"{REQUESTS}{request.pk}/"
    first = api_client.get(url, headers=bearer(write_key))
    assert api_client.patch(url, {"title": "New"}, headers=bearer(write_key)).status_code == 428
    stale = api_client.patch(
        url, {"title": "New"}, headers={**bearer(write_key), "If-Match": '"0-0"'}
    )
    assert stale.status_code == 412
    request.refresh_from_db()
    tag = f'"{request.pk}-{int(request.updated_at.timestamp() * 1_000_000)}"'
    assert first["ETag"]
    ok = api_client.patch(url, {"title": "New"}, headers={**bearer(write_key), "If-Match": tag})
    assert ok.status_code == 200 and ok.json()["title"] == "New"


@pytest.mark.parametrize("rows", [1, 25])
def test_request_list_budget(api_client, org, write_key, django_assert_num_queries, rows):
    for _ in range(rows):
        RequestFactory(organisation=org)
    # key lookup, key last-used stamp, page (organisation/cluster/requester joined),
    # +1: the rate-limit counter, one upsert (none with Redis)
    with django_assert_num_queries(4):
        assert api_client.get(REQUESTS, headers=bearer(write_key)).status_code == 200


def test_an_empty_cluster_slug_is_refused(api_client, write_key):
    body = {"title": "T", "description": "D", "format": "advice", "cluster": ""}
    response = api_client.post(REQUESTS, body, headers=bearer(write_key), format="json")
    assert response.status_code == 400
    assert "cluster" in problem(response)["errors"]
