"""Pages: permission matrix, query budgets (same for 1 and 25 rows), bad input, offer links."""

import pytest
from django.urls import reverse

from experts import services
from experts.models import ExpertStatus, MatchState, Visibility
from tests.experts.factories import ExpertFactory, RequestFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(org, alice, bob, charlie, coordinator, reviewer):
    """A request of ``org`` by bob, a public/partners/hidden expert, an offered expert."""
    public = ExpertFactory(name="Public Person", visibility=Visibility.PUBLIC)
    partners = ExpertFactory(name="Partner Person", visibility=Visibility.PARTNERS)
    hidden = ExpertFactory(name="Hidden Person", visibility=Visibility.HIDDEN)
    applied = ExpertFactory(name="Applied Person", status=ExpertStatus.APPLIED)
    request = RequestFactory(requester=bob, organisation=org)
    services.request_submit(request=request, by=bob)
    services.match_compute(request_id=request.pk, generation=1)
    services.request_propose(request=request, order=[], by=coordinator)
    offered = request.matches.get(state=MatchState.OFFERED).expert
    return {
        "request": request,
        "public": public,
        "partners": partners,
        "hidden": hidden,
        "applied": applied,
        "expert": offered.user,
        "anonymous": None,
        "requester": bob,
        "other_org": charlie,
        "coordinator": coordinator,
        "reviewer": reviewer,
        "stranger": UserFactory(),
    }


def _get(client, world, actor, url):
    if world[actor] is not None:
        client.force_login(world[actor])
    return client.get(url).status_code


# (url name, object key, actor, expected status)
MATRIX = [
    *[("experts:detail", "public", a, 200) for a in
      ("anonymous", "requester", "other_org", "expert", "coordinator", "reviewer", "stranger")],
    *[("experts:detail", "partners", a, s) for a, s in
      (("anonymous", 404), ("stranger", 404), ("reviewer", 404), ("requester", 200),
       ("other_org", 200), ("coordinator", 200))],
    *[("experts:detail", "hidden", a, s) for a, s in
      (("anonymous", 404), ("requester", 404), ("other_org", 404), ("reviewer", 404),
       ("stranger", 404), ("coordinator", 200))],
    *[("experts:detail", "applied", a, s) for a, s in
      (("anonymous", 404), ("requester", 404), ("coordinator", 200))],
    *[("experts:request_detail", "request", a, s) for a, s in
      (("anonymous", 302), ("requester", 200), ("other_org", 404), ("expert", 200),
       ("coordinator", 200), ("reviewer", 404), ("stranger", 404))],
    *[("experts:validation_queue", None, a, s) for a, s in
      (("anonymous", 302), ("requester", 404), ("reviewer", 404), ("coordinator", 200))],
]  # fmt: skip


@pytest.mark.parametrize(("name", "obj", "actor", "expected"), MATRIX)
def test_permission_matrix(client, world, name, obj, actor, expected):
    url = reverse(name, kwargs={"pk": world[obj].pk}) if obj else reverse(name)
    assert _get(client, world, actor, url) == expected


def test_contact_only_after_acceptance(client, world):
    request = world["request"]
    offer = request.matches.get(state=MatchState.OFFERED)
    client.force_login(world["requester"])
    url = reverse("experts:request_detail", kwargs={"pk": request.pk})
    assert offer.expert.email not in client.get(url).content.decode()
    services.offer_accept(match=offer)
    assert offer.expert.email in client.get(url).content.decode()


def test_directory_lists_public_only_and_searches_apart(client, world):
    page = client.get(reverse("experts:index")).content.decode()
    assert "Public Person" in page and "Hidden Person" not in page
    assert "Partner Person" not in page and "Applied Person" not in page
    by_name = client.get(reverse("experts:index"), {"name": "public"}).content.decode()
    assert "Public Person" in by_name
    assert client.get(reverse("experts:index"), {"stage": "nonsense"}).status_code == 400
    assert client.get(reverse("experts:index"), {"q": "a\x00"}).status_code == 400


@pytest.mark.parametrize("rows", [1, 25])
def test_directory_query_budget(client, django_assert_num_queries, rows):
    for _ in range(rows):
        ExpertFactory()
    # session-less anonymous: count, page, facet counts
    with django_assert_num_queries(3):
        assert client.get(reverse("experts:index")).status_code == 200


@pytest.mark.parametrize("rows", [1, 25])
def test_request_list_and_detail_budget(client, coordinator, django_assert_num_queries, rows):
    requests = [RequestFactory() for _ in range(rows)]
    for _ in range(rows):
        ExpertFactory()
    services.request_submit(request=requests[0], by=requests[0].requester)
    services.match_compute(request_id=requests[0].pk, generation=1)
    client.force_login(coordinator)
    # session, user, count, page
    with django_assert_num_queries(4):
        assert client.get(reverse("experts:request_list")).status_code == 200
    # session, user, request, matches (with experts), accepted contacts
    with django_assert_num_queries(5):
        url = reverse("experts:request_detail", kwargs={"pk": requests[0].pk})
        assert client.get(url).status_code == 200


def test_apply_form_keeps_typed_text_on_error(client, coordinator):
    client.force_login(UserFactory())
    response = client.post(
        reverse("experts:apply"),
        {"name": "Typed Name", "headline": "Typed headline", "languages": "xx:C9"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Typed Name" in body and "Typed headline" in body and "xx:C9" in body


def test_apply_and_validate_through_pages(client, coordinator, django_capture_on_commit_callbacks):
    person = UserFactory()
    client.force_login(person)
    data = {
        "name": "Eva Svoboda",
        "headline": "Technology transfer",
        "languages": "en:C1; cs:native",
        "capacity": "2",
        "visibility": "public",
        "tool_types": ["tech-transfer"],
        "consent": "on",
    }
    response = client.post(reverse("experts:apply"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    expert = person.expert_profile
    client.force_login(coordinator)
    client.post(reverse("experts:decide", kwargs={"pk": expert.pk}), {"decision": "validate"})
    expert.refresh_from_db()
    assert expert.status == ExpertStatus.VALIDATED


def test_export_and_erase(client):
    expert = ExpertFactory()
    client.force_login(expert.user)
    export = client.get(reverse("experts:export"))
    assert export["Content-Type"].startswith("application/json")
    assert export.json()["name"] == expert.name
    client.post(reverse("experts:erase"))
    expert.refresh_from_db()
    assert expert.status == ExpertStatus.ERASED


def test_offer_links_never_500(client, world):
    request = world["request"]
    offer = request.matches.get(state=MatchState.OFFERED)
    token = services.offer_token(offer)
    url = reverse("experts:offer", kwargs={"token": token})
    assert client.get(url).status_code == 200
    bad = reverse("experts:offer", kwargs={"token": token[:-3] + "abc"})
    assert client.get(bad).status_code == 400
    assert client.post(url, {"answer": "decline"}).status_code == 200
    reused = client.post(url, {"answer": "accept"})
    assert reused.status_code == 409
    assert "already answered" in reused.content.decode()


def test_public_requester_needs_a_verified_address(client):
    client.force_login(UserFactory(verified=False))
    assert client.get(reverse("experts:request_create")).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("experts:request_create")).status_code == 200


def test_request_form_keeps_typed_text(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("experts:request_create"), {"title": "My typed title", "description": ""}
    )
    assert response.status_code == 400
    assert "My typed title" in response.content.decode()


def test_how_matching_works(client):
    assert (
        "Tool types in common" in client.get(reverse("experts:how_matching_works")).content.decode()
    )


@pytest.mark.parametrize("rows", [1, 25])
def test_profile_page_budget(client, django_assert_num_queries, rows):
    from tests.factories import PracticeFactory, StakeholderInterviewFactory

    expert = ExpertFactory()
    for _ in range(rows):
        PracticeFactory(published=True, created_by=expert.user)
        StakeholderInterviewFactory(reviewer=expert.user)
    # expert (with organisation), practices authored, practices interviewed on
    with django_assert_num_queries(3):
        response = client.get(reverse("experts:detail", kwargs={"pk": expert.pk}))
    assert response.status_code == 200
    assert len(response.context["authored"]) == min(rows, 20)
