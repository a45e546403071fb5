"""The permission matrix of every practices write endpoint (pretix-style).

Actors: nobody, a write key of another organisation, the organisation's own read key and
write key, a plain member (bob), an editor, and the coordinator (signed in). The API must
allow exactly what the portal allows: keys act as editors of their own organisation, so
they create, edit, submit and upload, never publish; another organisation's records in
progress are not found (404); people without the editor role are refused (403).
"""

import pytest

from organisations.models import ApiKeyScope
from practices.models import Status
from tests.api.helpers import bearer, problem
from tests.api.practice_data import PRACTICES, detail_url, in_state
from tests.practices.factories_workflow import PDF_BYTES, content, upload

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "other_key", "read_key", "write_key", "member", "editor", "coordinator"]

# endpoint -> (state of the practice it acts on, expected status per actor)
MATRIX = {
    "create": (None, [401, 403, 403, 201, 403, 201, 403]),
    "patch": (Status.DRAFT, [401, 404, 403, 200, 403, 200, 200]),
    "put": (Status.DRAFT, [401, 404, 403, 200, 403, 200, 200]),
    "patch_published": (Status.PUBLISHED, [401, 403, 403, 202, 403, 202, 202]),
    "submit": (Status.DRAFT, [401, 404, 403, 200, 403, 200, 403]),
    "attachments": (Status.DRAFT, [401, 404, 403, 201, 403, 201, 201]),
    "publish": (Status.SUBMITTED, [401, 404, 403, 403, 403, 403, 200]),
    "request_changes": (Status.SUBMITTED, [401, 404, 403, 403, 403, 403, 200]),
    "reject": (Status.SUBMITTED, [401, 404, 403, 403, 403, 403, 200]),
    "archive": (Status.PUBLISHED, [401, 403, 403, 403, 403, 403, 200]),
}

CASES = [
    (endpoint, actor, statuses[index])
    for endpoint, (_state, statuses) in MATRIX.items()
    for index, actor in enumerate(ACTORS)
]


@pytest.fixture
def as_actor(api_client, org, other_org, key_for, bob, editor, coordinator):
    def login(actor: str) -> dict:
        """Signs the client in (people) or returns the headers (keys)."""
        if actor == "other_key":
            return bearer(key_for(other_org, ApiKeyScope.WRITE))
        if actor == "read_key":
            return bearer(key_for(org, ApiKeyScope.READ))
        if actor == "write_key":
            return bearer(key_for(org, ApiKeyScope.WRITE))
        people = {"member": bob, "editor": editor, "coordinator": coordinator}
        if actor in people:
            api_client.force_login(people[actor])
        return {}

    return login


def _call(client, endpoint: str, practice, headers: dict):
    if endpoint == "create":
        data = content(owner="erbi-test")
        return client.post(PRACTICES, data, format="json", headers=headers)
    if endpoint in ("patch", "patch_published"):
        return client.patch(
            detail_url(practice),
            {"title": "Changed"},
            format="json",
            headers={**headers, "If-Match": "*"},
        )
    if endpoint == "put":
        return client.put(
            detail_url(practice),
            {"title": "Replaced", "summary": "Replaced."},
            format="json",
            headers={**headers, "If-Match": "*"},
        )
    if endpoint == "attachments":
        return client.post(
            detail_url(practice, "attachments"),
            {"file": upload("plan.pdf", PDF_BYTES)},
            format="multipart",
            headers=headers,
        )
    action = endpoint.replace("_", "-")
    body = {"comment": "Please add figures."} if endpoint in ("request_changes", "reject") else {}
    return client.post(detail_url(practice, action), body, format="json", headers=headers)


@pytest.mark.parametrize(("endpoint", "actor", "expected"), CASES)
def test_permission_matrix(api_client, org, as_actor, endpoint, actor, expected):
    state, _statuses = MATRIX[endpoint]
    practice = in_state(org, state) if state else None
    headers = as_actor(actor)
    response = _call(api_client, endpoint, practice, headers)
    assert response.status_code == expected, response.content
    if expected >= 400:
        problem(response)
    if expected == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")
    if practice is not None and expected >= 400:
        practice.refresh_from_db()
        assert practice.status == state
        assert practice.version == 1
        assert not practice.attachments.exists()


def test_a_revoked_key_is_401_even_for_a_write_it_could_do(api_client, org, key_for):
    from organisations.models import ApiKey

    raw = key_for(org, ApiKeyScope.WRITE)
    ApiKey.objects.update(revoked_at="2026-01-01T00:00:00Z")
    response = api_client.post(PRACTICES, content(), format="json", headers=bearer(raw))
    assert problem(response)["status"] == 401
