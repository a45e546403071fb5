"""API keys authenticate as their organisation, with exactly their scope."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from netbioclue.rest.authentication import ApiKeyAuthentication
from netbioclue.rest.permissions import can_write_for, writable_organisation_ids
from netbioclue.rest.viewsets import ApiViewMixin
from organisations import permissions, services
from organisations.models import ApiKey, ApiKeyScope
from tests.api.helpers import bearer, problem

pytestmark = pytest.mark.django_db

CLUSTERS = "/api/v1/clusters/"


def _authenticate(raw_key):
    request = APIRequestFactory().get(CLUSTERS, headers=bearer(raw_key))
    return ApiKeyAuthentication().authenticate(request)


def test_a_key_authenticates_as_its_acting_user_with_the_key_as_auth(org, write_key):
    user, key = _authenticate(write_key)
    assert isinstance(key, ApiKey)
    assert key.organisation == org
    assert user == key.acting_user
    assert user.is_authenticated
    assert not user.memberships.exists()  # a service account, no member of anything


def test_a_write_key_may_edit_for_its_organisation_only(org, other_org, write_key):
    user, _key = _authenticate(write_key)
    assert permissions.can(user, org, permissions.EDIT_CONTENT)
    assert not permissions.can(user, other_org, permissions.VIEW_ORGANISATION)
    assert not permissions.can(user, org, permissions.MANAGE_MEMBERS)
    assert not permissions.can(user, org, permissions.MANAGE_API_KEYS)
    assert not permissions.is_coordinator(user)  # so it can never publish
    assert not permissions.is_reviewer(user)


def test_a_read_key_may_view_but_not_edit(org, read_key):
    user, _key = _authenticate(read_key)
    assert permissions.can(user, org, permissions.VIEW_ORGANISATION)
    assert not permissions.can(user, org, permissions.EDIT_CONTENT)


def test_writable_organisations_follow_the_key_or_the_persons_roles(
    org, other_org, write_key, read_key, editor, bob
):
    factory = APIRequestFactory()

    def request_with(raw_key=None, user=None):
        request = factory.get(CLUSTERS, headers=bearer(raw_key) if raw_key else {})
        if user is not None:
            force_authenticate(request, user=user)
        view = APIView()
        return view.initialize_request(request)

    assert writable_organisation_ids(request_with(write_key)) == [org.pk]
    assert writable_organisation_ids(request_with(read_key)) == []
    assert writable_organisation_ids(request_with(user=editor)) == [org.pk]
    assert writable_organisation_ids(request_with(user=bob)) == []
    assert writable_organisation_ids(request_with()) == []
    assert can_write_for(request_with(write_key), org)
    assert not can_write_for(request_with(write_key), other_org)
    assert not can_write_for(request_with(read_key), org)


def test_a_valid_key_reads_the_api(api_client, write_key):
    response = api_client.get(CLUSTERS, headers=bearer(write_key))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer nbc_00000000_not-a-real-key",
        "Bearer",
        "Bearer two words",
        "bearer nbc_00000000_not-a-real-key",
    ],
)
def test_a_bad_key_is_refused_with_401_and_www_authenticate(api_client, authorization):
    response = api_client.get(CLUSTERS, headers={"Authorization": authorization})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = problem(response)
    assert body["status"] == 401
    assert body["type"].endswith("#problem-invalid-credentials")


def test_a_revoked_key_is_refused(api_client, org, alice, key_for):
    raw = key_for(org)
    key = ApiKey.objects.get(key_hash=ApiKey.hash_key(raw))
    services.api_key_revoke(key=key, by=alice)
    response = api_client.get(CLUSTERS, headers=bearer(raw))
    assert response.status_code == 401
    assert "revoked" in problem(response)["detail"]


def test_another_scheme_is_left_to_the_session_and_reads_anonymously(api_client):
    response = api_client.get(CLUSTERS, headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert response.status_code == 200


def test_last_use_is_recorded_at_most_once_a_minute(
    api_client, write_key, django_assert_num_queries
):
    key = ApiKey.objects.get(key_hash=ApiKey.hash_key(write_key))
    assert key.last_used_at is None

    api_client.get(CLUSTERS, headers=bearer(write_key))
    key.refresh_from_db()
    first = key.last_used_at
    assert first is not None

    # Within the minute: the key lookup and the list, no write.
    # (+1: the rate-limit counter, one upsert; none with Redis.)
    with django_assert_num_queries(3):
        api_client.get(CLUSTERS, headers=bearer(write_key))
    key.refresh_from_db()
    assert key.last_used_at == first

    ApiKey.objects.filter(pk=key.pk).update(last_used_at=first - timedelta(minutes=2))
    api_client.get(CLUSTERS, headers=bearer(write_key))
    key.refresh_from_db()
    assert key.last_used_at > first - timedelta(seconds=1)
    assert key.last_used_at <= timezone.now()


# --- The door for writes (ApiAccess): method x caller -------------------------------------------


class _Echo(ApiViewMixin, APIView):
    """A stand-in write endpoint: the real ones (practices) sit behind the same door."""

    def get(self, request):
        return Response({"ok": True})

    def post(self, request):
        return Response({"ok": True}, status=201)


@pytest.fixture
def callers(write_key, read_key, editor, bob):
    return {
        "anonymous": {},
        "write key": {"key": write_key},
        "read key": {"key": read_key},
        "editor (session)": {"user": editor},
        "member (session)": {"user": bob},
    }


@pytest.mark.parametrize(
    ("method", "caller", "expected"),
    [
        ("get", "anonymous", 200),
        ("get", "read key", 200),
        ("get", "write key", 200),
        ("post", "anonymous", 401),
        ("post", "read key", 403),
        ("post", "write key", 201),
        # A person passes the door; the services then check their role per organisation.
        ("post", "editor (session)", 201),
        ("post", "member (session)", 201),
    ],
)
def test_the_write_door_matrix(callers, method, caller, expected):
    who = callers[caller]
    factory = APIRequestFactory()
    headers = bearer(who["key"]) if "key" in who else {}
    request = getattr(factory, method)("/api/v1/echo/", data={}, format="json", headers=headers)
    if "user" in who:
        force_authenticate(request, user=who["user"])
    response = _Echo.as_view()(request)
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("caller", "expected"),
    [("anonymous", 401), ("read key", 403), ("write key", 405), ("editor (session)", 405)],
)
def test_writing_to_a_read_only_endpoint(api_client, callers, caller, expected):
    who = callers[caller]
    if "user" in who:
        api_client.force_login(who["user"])
    headers = bearer(who["key"]) if "key" in who else {}
    response = api_client.post(reverse("cluster-list"), {}, format="json", headers=headers)
    assert response.status_code == expected
    assert problem(response)["status"] == expected


def test_a_read_only_key_is_told_why(api_client, read_key):
    response = api_client.post(CLUSTERS, {}, format="json", headers=bearer(read_key))
    assert "read-only" in problem(response)["detail"]


def test_session_writes_need_the_csrf_token(org, editor):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(CLUSTERS, {}, format="json")
    assert response.status_code == 403
    assert "CSRF" in problem(response)["detail"]


def test_scope_values_are_constrained_in_the_database(org, alice):
    from django.db import IntegrityError, transaction

    key, _raw = services.api_key_create(
        organisation=org, name="k", scope=ApiKeyScope.READ, by=alice
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiKey.objects.filter(pk=key.pk).update(scope="admin")
