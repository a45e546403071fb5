"""Organisation admins create and revoke API keys; a key is shown once and stored hashed."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Q

from organisations import demo, services
from organisations.models import Activity, ApiKey, ApiKeyScope
from organisations.permissions import Role
from tests.api.helpers import bearer
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _page(org):
    return f"/dashboard/{org.slug}/api-keys/"


@pytest.fixture
def key(org, alice):
    key, _raw = services.api_key_create(
        organisation=org, name="CRM sync", scope=ApiKeyScope.READ, by=alice
    )
    return key


# --- Permission matrix: admin / editor / member / outsider / anonymous ---------------------------


@pytest.fixture
def people(alice, editor, bob, charlie):
    return {"admin": alice, "editor": editor, "member": bob, "outsider": charlie, "anonymous": None}


@pytest.mark.parametrize(
    ("method", "action", "actor", "expected"),
    [
        ("get", "list", "admin", 200),
        ("get", "list", "editor", 403),
        ("get", "list", "member", 403),
        ("get", "list", "outsider", 404),
        ("get", "list", "anonymous", 302),
        ("post", "list", "admin", 302),  # POST-redirect-GET
        ("post", "list", "member", 403),
        ("post", "list", "outsider", 404),
        ("post", "list", "anonymous", 302),
        ("post", "revoke", "admin", 302),
        ("post", "revoke", "editor", 403),
        ("post", "revoke", "member", 403),
        ("post", "revoke", "outsider", 404),
        ("post", "revoke", "anonymous", 302),
        ("get", "revoke", "admin", 405),
    ],
)
def test_permission_matrix(client, org, key, people, method, action, actor, expected):
    if people[actor] is not None:
        client.force_login(people[actor])
    url = _page(org) if action == "list" else f"{_page(org)}{key.pk}/revoke/"
    data = {"name": "New key", "scope": "read", "confirmed": "yes"} if method == "post" else None
    response = getattr(client, method)(url, data)
    assert response.status_code == expected
    if actor == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    key.refresh_from_db()
    assert key.is_active == (action != "revoke" or expected != 302 or actor == "anonymous")


def test_an_outsider_cannot_revoke_through_their_own_organisation(
    client, org, other_org, key, charlie
):
    client.force_login(charlie)
    response = client.post(f"{_page(other_org)}{key.pk}/revoke/")
    assert response.status_code == 404
    key.refresh_from_db()
    assert key.is_active


# --- Creating: the value is shown once --------------------------------------------------------


def test_a_new_key_is_shown_once_and_stored_only_as_a_hash(client, org, alice):
    client.force_login(alice)
    response = client.post(_page(org), {"name": "Data warehouse", "scope": "write"}, follow=True)
    assert response.redirect_chain == [(_page(org), 302)]
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = ApiKey.objects.get(organisation=org, name="Data warehouse")
    html = response.content.decode()
    raw = html.split('id="new-key" value="')[1].split('"')[0]
    assert raw.startswith("nbc_") and len(raw) > 40
    assert "shown this once" in html

    assert key.key_hash == ApiKey.hash_key(raw) != raw
    assert raw.startswith(key.prefix)
    assert not ApiKey.objects.filter(
        Q(name__contains=raw) | Q(prefix=raw) | Q(key_hash=raw)
    ).exists()
    assert raw not in client.get(_page(org)).content.decode()  # never again

    assert client.get("/api/v1/clusters/", headers=bearer(raw)).status_code == 200


def test_the_list_shows_prefix_name_scope_creator_and_last_use(client, org, alice, key):
    client.get("/api/v1/clusters/", headers=bearer(_raw_of_new_key(org, alice)))
    client.force_login(alice)
    html = client.get(_page(org)).content.decode()
    assert f"<code>{key.prefix}…</code>" in html
    assert "CRM sync" in html
    assert "Read</td>" in html
    assert alice.get_full_name() in html
    assert "never" in html  # the CRM key was not used yet
    assert f"/api-keys/{key.pk}/revoke/" in html


def _raw_of_new_key(org, admin):
    return services.api_key_create(
        organisation=org, name="Used", scope=ApiKeyScope.WRITE, by=admin
    )[1]


def test_a_missing_name_is_refused_and_the_form_keeps_the_scope(client, org, alice):
    client.force_login(alice)
    response = client.post(_page(org), {"name": "  ", "scope": "write"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errorlist"' in html
    assert '<option value="write" selected>' in html
    assert not ApiKey.objects.exists()


def test_an_unknown_scope_is_refused(client, org, alice):
    client.force_login(alice)
    assert client.post(_page(org), {"name": "x", "scope": "admin"}).status_code == 400
    assert not ApiKey.objects.exists()


def test_the_page_query_count_does_not_grow_with_keys(
    client, org, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    services.api_key_create(organisation=org, name="k0", scope="read", by=alice)
    with django_assert_max_num_queries(12) as one:
        client.get(_page(org))
    for n in range(1, 10):
        services.api_key_create(organisation=org, name=f"k{n}", scope="read", by=alice)
    with django_assert_max_num_queries(12) as ten:
        client.get(_page(org))
    assert len(ten.captured_queries) == len(one.captured_queries)


def test_admins_find_the_page_from_the_dashboard_and_people_pages(client, org, alice, bob):
    client.force_login(alice)
    assert _page(org) in client.get("/dashboard/").content.decode()
    assert _page(org) in client.get(f"/dashboard/{org.slug}/people/").content.decode()
    client.force_login(bob)
    assert _page(org) not in client.get("/dashboard/").content.decode()
    assert _page(org) not in client.get(f"/dashboard/{org.slug}/people/").content.decode()


# --- Revoking --------------------------------------------------------------------------------


def test_a_revoked_key_stops_working_at_once(client, org, alice):
    raw = _raw_of_new_key(org, alice)
    key = ApiKey.objects.get(key_hash=ApiKey.hash_key(raw))
    client.force_login(alice)
    response = client.post(f"{_page(org)}{key.pk}/revoke/", {"confirmed": "yes"}, follow=True)
    assert "was revoked" in response.content.decode()
    client.logout()
    assert client.get("/api/v1/clusters/", headers=bearer(raw)).status_code == 401


# --- Services ---------------------------------------------------------------------------------


def test_only_admins_create_keys(org, editor):
    with pytest.raises(PermissionDenied):
        services.api_key_create(organisation=org, name="k", scope="write", by=editor)


def test_creating_and_revoking_are_in_the_activity_log(org, alice):
    key, _raw = services.api_key_create(organisation=org, name="k", scope="write", by=alice)
    services.api_key_revoke(key=key, by=alice)
    services.api_key_revoke(key=key, by=alice)  # again: changes nothing
    actions = list(
        Activity.objects.filter(organisation=org).order_by("id").values_list("action", "data")
    )
    assert actions == [
        ("organisation.api_key_created", {"name": "k", "prefix": key.prefix, "scope": "write"}),
        ("organisation.api_key_revoked", {"name": "k", "prefix": key.prefix, "scope": "write"}),
    ]
    key.refresh_from_db()
    assert key.revoked_by == alice
    assert not key.acting_user.is_active


def test_an_admin_of_another_organisation_cannot_revoke(org, key, charlie):
    with pytest.raises(PermissionDenied):
        services.api_key_revoke(key=key, by=charlie)


def test_each_key_acts_through_its_own_service_account(org, alice):
    first, _ = services.api_key_create(organisation=org, name="a", scope="read", by=alice)
    second, _ = services.api_key_create(organisation=org, name="b", scope="read", by=alice)
    assert first.acting_user != second.acting_user
    assert not first.acting_user.has_usable_password()
    assert first.acting_user.email.endswith(".invalid")
    assert not first.acting_user.memberships.exists()


def test_a_key_with_a_chosen_value_is_refused_in_production(settings, org, alice):
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        services.api_key_install_known(
            organisation=org, name="k", scope="write", raw_key="known", by=alice
        )


def test_a_key_name_is_required(org, alice):
    with pytest.raises(ValidationError):
        services.api_key_create(organisation=org, name="", scope="read", by=alice)


def test_the_demo_seeds_the_erbi_write_key_idempotently(api_client, org):
    admin = MembershipFactory(
        organisation=org, role=Role.ADMIN, user__email="admin@erbi.example"
    ).user
    partners, users = {"erbi": org}, {"admin@erbi.example": admin}
    demo.seed_api_keys(partners, users)
    demo.seed_api_keys(partners, users)
    key = ApiKey.objects.get()
    assert key.scope == ApiKeyScope.WRITE and key.organisation == org
    assert key.key_hash == ApiKey.hash_key("netbioclue-demo-erbi-key")
    response = api_client.get("/api/v1/clusters/", headers=bearer("netbioclue-demo-erbi-key"))
    assert response.status_code == 200
