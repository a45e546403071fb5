"""Every experts page and endpoint × every kind of caller, in one table.

The callers: anonymous, a member of the requesting organisation (the requester), an
editor and an admin of it, the admin of another partner organisation (outsider), a
signed-in person of no organisation (stranger), the coordinator, the expert (owner of a
hidden profile, offered the request), a read key of the requesting organisation and a
write key of another one. Keys count on API endpoints; on HTML pages a key is ignored
(the caller is anonymous). ``experts.policy`` is what every row exercises.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from experts import services
from experts.models import ExpertStatus, MatchState, RequestStatus, Visibility
from organisations import services as org_services
from organisations.models import ApiKeyScope, Role
from tests.experts.factories import ExpertFactory, RequestFactory
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "member", "editor", "org_admin", "outsider", "stranger",
          "coordinator", "expert", "read_key", "other_write_key")  # fmt: skip


def _key(organisation, scope):
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).user
    _key, raw = org_services.api_key_create(
        organisation=organisation, name="Matrix key", scope=scope, by=admin
    )
    return raw


@pytest.fixture
def world(org, other_org, alice, bob, editor, charlie, coordinator):
    # Unrelated to the request: only "Own Person" is offered it.
    unrelated = {"tool_types": ["branding"], "growth_forces": [], "beneficiaries": [],
                 "headline": "Marketing", "bio": "Brand work."}  # fmt: skip
    public = ExpertFactory(name="Public Person", visibility=Visibility.PUBLIC, **unrelated)
    partners = ExpertFactory(name="Partner Person", visibility=Visibility.PARTNERS, **unrelated)
    hidden = ExpertFactory(name="Hidden Person", visibility=Visibility.HIDDEN, **unrelated)
    applied = ExpertFactory(name="Applied Person", status=ExpertStatus.APPLIED, **unrelated)
    own = ExpertFactory(name="Own Person")
    request = RequestFactory(requester=bob, organisation=org)
    services.request_submit(request=request, by=bob)
    services.match_compute(request_id=request.pk, generation=1)
    services.request_propose(request=request, order=[], by=coordinator)
    offered = request.matches.get(state=MatchState.OFFERED).expert
    assert offered == own
    offered.visibility = Visibility.HIDDEN
    offered.save(update_fields=["visibility"])
    draft = RequestFactory(requester=bob, organisation=org, status=RequestStatus.DRAFT)
    return {
        "objects": {
            "public": public, "partners": partners, "hidden": hidden, "applied": applied,
            "own": offered, "request": request, "draft": draft,
        },
        "people": {
            "member": bob, "editor": editor, "org_admin": alice, "outsider": charlie,
            "stranger": UserFactory(), "coordinator": coordinator, "expert": offered.user,
        },
        "keys": {
            "read_key": _key(org, ApiKeyScope.READ),
            "other_write_key": _key(other_org, ApiKeyScope.WRITE),
        },
    }  # fmt: skip


def _row(kind, method, name, obj, expected):
    """One page or endpoint: ``expected`` maps each actor to a status (``"*"``: default)."""
    return [
        (kind, method, name, obj, actor, expected.get(actor, expected.get("*"))) for actor in ACTORS
    ]


# Shorthands: who is signed in, who is anonymous on HTML pages (keys are ignored there).
ANON = {"anonymous": 302, "read_key": 302, "other_write_key": 302}
REQUEST_SIDE = {"member": 200, "editor": 200, "org_admin": 200}

MATRIX = [
    # --- HTML pages ---------------------------------------------------------------------
    *_row("html", "get", "experts:index", None, {"*": 200}),
    *_row("html", "get", "experts:how_matching_works", None, {"*": 200}),
    *_row("html", "get", "experts:detail", "public", {"*": 200}),
    *_row("html", "get", "experts:detail", "partners", {
        "*": 404, **REQUEST_SIDE, "outsider": 200, "coordinator": 200}),
    *_row("html", "get", "experts:detail", "hidden", {"*": 404, "coordinator": 200}),
    *_row("html", "get", "experts:detail", "applied", {"*": 404, "coordinator": 200}),
    *_row("html", "get", "experts:detail", "own", {"*": 404, "coordinator": 200, "expert": 200}),
    *_row("html", "get", "experts:edit", "own", {
        "*": 404, **ANON, "coordinator": 200, "expert": 200}),
    *_row("html", "get", "experts:apply", None, {"*": 200, **ANON, "expert": 302}),
    *_row("html", "get", "experts:propose", None, {
        "*": 404, **ANON, "org_admin": 200, "outsider": 200}),
    *_row("html", "get", "experts:consent", None, {"*": 404, **ANON}),
    *_row("html", "get", "experts:validation_queue", None, {"*": 404, **ANON, "coordinator": 200}),
    *_row("html", "post", "experts:decide", "applied", {"*": 404, **ANON, "coordinator": 302}),
    *_row("html", "get", "experts:batch", None, {"*": 404, **ANON, "coordinator": 200}),
    *_row("html", "get", "experts:export", None, {"*": 404, **ANON, "expert": 200}),
    *_row("html", "get", "experts:erase", None, {"*": 404, **ANON, "expert": 200}),
    *_row("html", "get", "experts:request_list", None, {"*": 200, **ANON}),
    *_row("html", "get", "experts:request_create", None, {"*": 200, **ANON}),
    *_row("html", "get", "experts:request_detail", "request", {
        "*": 404, **ANON, **REQUEST_SIDE, "coordinator": 200, "expert": 200}),
    *_row("html", "get", "experts:request_edit", "draft", {
        "*": 404, **ANON, **REQUEST_SIDE, "coordinator": 200}),
    *_row("html", "post", "experts:request_action", "release", {
        "*": 404, **ANON, **dict.fromkeys(REQUEST_SIDE, 302), "coordinator": 302,
        "expert": 302}),
    # --- API ----------------------------------------------------------------------------
    *_row("api", "get", "/api/v1/experts/", None, {"*": 200}),
    *_row("api", "get", "/api/v1/experts/{}/", "public", {"*": 200}),
    *_row("api", "get", "/api/v1/experts/{}/", "partners", {
        "*": 404, **REQUEST_SIDE, "outsider": 200, "coordinator": 200, "read_key": 200,
        "other_write_key": 200}),
    *_row("api", "get", "/api/v1/experts/{}/", "hidden", {"*": 404, "coordinator": 200}),
    *_row("api", "get", "/api/v1/expertise-requests/", None, {"*": 200}),
    *_row("api", "get", "/api/v1/expertise-requests/{}/", "request", {
        "*": 404, **REQUEST_SIDE, "coordinator": 200, "expert": 200, "read_key": 200}),
    *_row("api", "get", "/api/v1/expertise-requests/{}/matches/", "request", {
        "*": 404, **dict.fromkeys(REQUEST_SIDE, 403), "read_key": 403, "expert": 403,
        "coordinator": 200}),
]  # fmt: skip


def _call(world, kind, method, name, obj, actor):
    people, keys, objects = world["people"], world["keys"], world["objects"]
    client = APIClient()
    headers = {}
    if actor in people:
        client.force_login(people[actor])
    elif actor in keys and kind == "api":
        headers["Authorization"] = f"Bearer {keys[actor]}"
    if kind == "api":
        url = name.format(objects[obj].pk) if obj else name
    elif name == "experts:request_action":
        url = reverse(name, kwargs={"pk": objects["request"].pk, "action": obj})
    elif obj:
        url = reverse(name, kwargs={"pk": objects[obj].pk})
    else:
        url = reverse(name)
    data = {"decision": "validate"} if name == "experts:decide" else {}
    return getattr(client, method)(url, data, headers=headers).status_code


@pytest.mark.parametrize(("kind", "method", "name", "obj", "actor", "expected"), MATRIX)
def test_permission_matrix(world, kind, method, name, obj, actor, expected):
    assert _call(world, kind, method, name, obj, actor) == expected


def test_the_matrix_covers_every_page_and_actor():
    from experts.urls import urlpatterns

    names = {f"experts:{p.name}" for p in urlpatterns} - {"experts:offer"}  # signed links
    assert names <= {name for _k, _m, name, *_rest in MATRIX}
    assert len(MATRIX) == len(ACTORS) * len({(k, m, n, o) for k, m, n, o, *_r in MATRIX})
