"""The admin of people and organisations (issue 7, points 10, 11 and 12).

Coordinators administer the portal's people but may not grant Django privileges, set
passwords or touch superuser accounts, whatever the POST says; the audit log is
append-only for everyone; memberships and invitations are changed only through the
services (the people page), so the admin shows them read-only; no token or key hash is
shown. The matrix of every admin page is in tests/netbioclue/test_admin_matrix.py.
"""

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from organisations import services
from organisations.models import Activity, ApiKey, Invitation, Membership
from organisations.permissions import Role

pytestmark = pytest.mark.django_db


def _change_url(user) -> str:
    return reverse("admin:organisations_user_change", args=[user.pk])


def _user_form(user, **overrides) -> dict:
    """What the change form posts for ``user`` (the fields a coordinator sees)."""
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "is_active": "on",
    }
    data.update(overrides)
    return data


class TestPrivileges:
    def test_a_coordinator_cannot_make_anyone_superuser(self, client, coordinator, bob):
        group = Group.objects.create(name="Everything")
        permission = Permission.objects.get(codename="change_user")
        client.force_login(coordinator)
        response = client.post(
            _change_url(bob),
            _user_form(
                bob,
                full_name="Bob Renamed",
                is_superuser="on",
                is_staff="on",
                groups=[group.pk],
                user_permissions=[permission.pk],
            ),
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        bob.refresh_from_db()
        assert bob.full_name == "Bob Renamed"  # the rest of the form was saved
        assert not bob.is_superuser
        assert not bob.is_staff
        assert not bob.groups.exists()
        assert not bob.user_permissions.exists()

    def test_a_coordinator_cannot_make_themselves_superuser(self, client, coordinator):
        client.force_login(coordinator)
        client.post(
            _change_url(coordinator),
            _user_form(coordinator, is_coordinator="on", is_superuser="on", is_staff="on"),
        )
        coordinator.refresh_from_db()
        assert not coordinator.is_superuser
        assert not coordinator.is_staff

    def test_a_coordinator_sees_privileges_read_only_and_no_password_link(
        self, client, coordinator, bob
    ):
        client.force_login(coordinator)
        response = client.get(_change_url(bob))
        assert response.status_code == 200
        form_fields = set(response.context["adminform"].form.fields)
        assert form_fields.isdisjoint(
            {"is_superuser", "is_staff", "groups", "user_permissions", "password"}
        )
        password_url = reverse("admin:auth_user_password_change", args=[bob.pk])
        assert password_url not in response.content.decode()

    def test_a_coordinator_cannot_set_anothers_password(self, client, coordinator, bob):
        client.force_login(coordinator)
        url = reverse("admin:auth_user_password_change", args=[bob.pk])
        assert client.get(url).status_code == 403
        response = client.post(
            url,
            {
                "password1": "Taken-over-42!",
                "password2": "Taken-over-42!",
                "usable_password": "true",
            },
        )
        assert response.status_code == 403
        bob.refresh_from_db()
        assert not bob.check_password("Taken-over-42!")
        client.logout()
        assert not client.login(email=bob.email, password="Taken-over-42!")

    def test_a_coordinator_cannot_redirect_anothers_sign_in_address(
        self, client, coordinator, alice
    ):
        # Setting the address would let them reset the account's password by e-mail.
        client.force_login(coordinator)
        response = client.post(
            _change_url(alice), _user_form(alice, email="coordinator-owns@example.org")
        )
        assert response.status_code == 302
        alice.refresh_from_db()
        assert alice.email == "alice@example.org"

    def test_a_coordinator_cannot_change_a_superusers_account(self, client, coordinator, superuser):
        client.force_login(coordinator)
        response = client.post(
            _change_url(superuser), _user_form(superuser, email="coordinator-owns@example.org")
        )
        assert response.status_code == 403
        superuser.refresh_from_db()
        assert superuser.email == "root@example.org"

    def test_a_coordinator_cannot_create_accounts_with_a_password(self, client, coordinator):
        client.force_login(coordinator)
        response = client.post(
            reverse("admin:organisations_user_add"),
            {"email": "puppet@example.org", "password1": "Puppet-42!x", "password2": "Puppet-42!x"},
        )
        assert response.status_code == 403

    def test_a_superuser_still_grants_privileges_and_sets_passwords(self, client, superuser, bob):
        client.force_login(superuser)
        page = client.get(_change_url(bob))
        assert "is_superuser" in page.context["adminform"].form.fields
        url = reverse("admin:auth_user_password_change", args=[bob.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url,
            {
                "password1": "Reset-by-root-42",
                "password2": "Reset-by-root-42",
                "usable_password": "true",
            },
        )
        assert response.status_code == 302
        bob.refresh_from_db()
        assert bob.check_password("Reset-by-root-42")


class TestAuditLog:
    @pytest.fixture
    def entry(self, org, alice):
        services.invitation_create(
            organisation=org, email="new@example.org", role=Role.MEMBER, by=alice
        )
        return Activity.objects.get(action="organisation.member_invited")

    @pytest.mark.parametrize("actor", ["coordinator", "superuser"])
    def test_nobody_deletes_or_changes_an_entry(self, request, client, entry, actor):
        client.force_login(request.getfixturevalue(actor))
        delete_url = reverse("admin:organisations_activity_delete", args=[entry.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
        change_url = reverse("admin:organisations_activity_change", args=[entry.pk])
        assert client.post(change_url, {"action": "changed"}).status_code == 403
        assert client.get(reverse("admin:organisations_activity_add")).status_code == 403
        entry.refresh_from_db()
        assert entry.action == "organisation.member_invited"

    @pytest.mark.parametrize("actor", ["coordinator", "superuser"])
    def test_the_bulk_delete_action_is_not_offered(self, request, client, entry, actor):
        client.force_login(request.getfixturevalue(actor))
        changelist = reverse("admin:organisations_activity_changelist")
        page = client.get(changelist)
        assert page.status_code == 200
        assert "delete_selected" not in page.content.decode()
        client.post(
            changelist,
            {
                "action": "delete_selected",
                helpers.ACTION_CHECKBOX_NAME: [entry.pk],
                "post": "yes",
            },
        )
        assert Activity.objects.filter(pk=entry.pk).exists()


class TestMemberships:
    @pytest.mark.parametrize("actor", ["coordinator", "superuser"])
    def test_the_last_admin_cannot_be_demoted_or_removed_in_the_admin(
        self, request, client, org, alice, actor
    ):
        membership = Membership.objects.get(user=alice)
        client.force_login(request.getfixturevalue(actor))
        change = reverse("admin:organisations_membership_change", args=[membership.pk])
        response = client.post(
            change, {"user": alice.pk, "organisation": org.pk, "role": Role.MEMBER}
        )
        assert response.status_code == 403
        delete = reverse("admin:organisations_membership_delete", args=[membership.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        membership.refresh_from_db()
        assert membership.role == Role.ADMIN

    def test_memberships_are_read_only_on_the_organisation_page(
        self, client, superuser, org, alice
    ):
        client.force_login(superuser)
        response = client.get(reverse("admin:organisations_organisation_change", args=[org.pk]))
        assert response.status_code == 200
        (inline,) = response.context["inline_admin_formsets"]
        assert not inline.has_add_permission
        assert not inline.has_change_permission
        assert not inline.has_delete_permission

    def test_an_organisation_and_its_log_are_not_deleted_in_the_admin(
        self, client, superuser, org, alice
    ):
        client.force_login(superuser)
        url = reverse("admin:organisations_organisation_delete", args=[org.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert Membership.objects.filter(organisation=org).exists()

    def test_deleting_an_account_does_not_drop_the_last_admin(self, client, superuser, alice):
        client.force_login(superuser)
        url = reverse("admin:organisations_user_delete", args=[alice.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert Membership.objects.filter(user=alice, role=Role.ADMIN).exists()


class TestSecrets:
    @pytest.mark.parametrize("actor", ["coordinator", "superuser"])
    def test_no_key_or_token_hash_is_shown(self, request, client, org, alice, actor):
        key, _raw = services.api_key_create(organisation=org, name="Robot", scope="read", by=alice)
        invitation = services.invitation_create(
            organisation=org, email="new@example.org", role=Role.MEMBER, by=alice
        )
        client.force_login(request.getfixturevalue(actor))
        pages = [
            reverse("admin:organisations_apikey_changelist"),
            reverse("admin:organisations_apikey_change", args=[key.pk]),
            reverse("admin:organisations_invitation_changelist"),
            reverse("admin:organisations_invitation_change", args=[invitation.pk]),
        ]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200
            html = response.content.decode()
            assert key.key_hash not in html
            assert invitation.token_hash not in html
            assert "key_hash" not in html
            assert "token_hash" not in html

    def test_keys_are_revoked_not_deleted(self, client, superuser, org, alice):
        key, _raw = services.api_key_create(organisation=org, name="Robot", scope="read", by=alice)
        client.force_login(superuser)
        url = reverse("admin:organisations_apikey_delete", args=[key.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert ApiKey.objects.filter(pk=key.pk).exists()
        assert Invitation.objects.count() == 0
