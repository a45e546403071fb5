from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from organisations import services
from organisations.models import Activity, Invitation, Membership, User
from organisations.permissions import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """``invitation_create`` with its after-commit e-mail actually sent."""

    def invite(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.invitation_create(**kwargs)

    return invite


def _token_from_mail() -> str:
    body = mail.outbox[-1].body
    return body.split("/invitations/")[1].split("/")[0]


class TestInvitations:
    def test_an_admin_invites_and_the_invitee_gets_a_link(self, invite, org, alice):
        invitation = invite(
            organisation=org, email="New.Person@Example.org", role=Role.EDITOR, by=alice
        )
        assert invitation.email == "new.person@example.org"
        assert invitation.is_pending
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["new.person@example.org"]
        assert org.name in mail.outbox[0].subject
        token = _token_from_mail()
        assert Invitation.objects.by_token(token).get() == invitation
        assert invitation.token_hash != token  # only the hash is stored
        assert Activity.objects.filter(action="organisation.member_invited").count() == 1

    def test_a_member_cannot_invite(self, invite, org, bob):
        with pytest.raises(PermissionDenied):
            invite(organisation=org, email="x@example.org", role=Role.MEMBER, by=bob)
        assert not Invitation.objects.exists()

    def test_an_editor_cannot_invite(self, invite, org, editor):
        with pytest.raises(PermissionDenied):
            invite(organisation=org, email="x@example.org", role=Role.MEMBER, by=editor)

    def test_an_admin_of_another_organisation_cannot_invite(self, invite, org, charlie):
        with pytest.raises(PermissionDenied):
            invite(organisation=org, email="x@example.org", role=Role.ADMIN, by=charlie)

    def test_inviting_a_member_again_is_refused(self, invite, org, alice, bob):
        with pytest.raises(ValidationError) as excinfo:
            invite(organisation=org, email="BOB@example.org", role=Role.EDITOR, by=alice)
        assert excinfo.value.code == "already_member"

    def test_a_new_invitation_replaces_the_pending_one(self, invite, org, alice):
        first = invite(organisation=org, email="x@example.org", role=Role.MEMBER, by=alice)
        first_token = _token_from_mail()
        invite(organisation=org, email="X@example.org", role=Role.EDITOR, by=alice)
        first.refresh_from_db()
        assert first.revoked_at is not None
        with pytest.raises(ValidationError):
            services.invitation_accept_with_new_account(
                token=first_token, full_name="X", password="a-long-enough-passphrase"
            )

    def test_the_link_creates_the_account_with_a_verified_address(self, invite, org, alice):
        invite(organisation=org, email="new@example.org", role=Role.EDITOR, by=alice)
        user = services.invitation_accept_with_new_account(
            token=_token_from_mail(), full_name="New Person", password="a-long-enough-passphrase"
        )
        assert user.check_password("a-long-enough-passphrase")
        assert user.emailaddress_set.get().verified
        assert Membership.objects.get(user=user, organisation=org).role == Role.EDITOR

    def test_the_link_attaches_an_existing_account(self, invite, org, alice, charlie):
        invite(organisation=org, email=charlie.email, role=Role.MEMBER, by=alice)
        membership = services.invitation_accept(token=_token_from_mail(), user=charlie)
        assert membership.organisation == org
        assert charlie.memberships.count() == 2

    def test_the_link_cannot_be_used_by_another_account(self, invite, org, alice, charlie):
        invite(organisation=org, email="someone@example.org", role=Role.ADMIN, by=alice)
        with pytest.raises(ValidationError) as excinfo:
            services.invitation_accept(token=_token_from_mail(), user=charlie)
        assert excinfo.value.code == "wrong_account"
        assert not Membership.objects.filter(user=charlie, organisation=org).exists()

    def test_a_used_link_cannot_be_used_twice(self, invite, org, alice):
        invite(organisation=org, email="new@example.org", role=Role.MEMBER, by=alice)
        token = _token_from_mail()
        services.invitation_accept_with_new_account(
            token=token, full_name="N", password="a-long-enough-passphrase"
        )
        with pytest.raises(ValidationError) as excinfo:
            services.invitation_accept(token=token, user=User.objects.get(email="new@example.org"))
        assert excinfo.value.code == "used"

    def test_an_expired_link_is_refused(self, invite, org, alice):
        invitation = invite(organisation=org, email="late@example.org", role=Role.MEMBER, by=alice)
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        with pytest.raises(ValidationError) as excinfo:
            services.invitation_accept_with_new_account(
                token=_token_from_mail(), full_name="L", password="a-long-enough-passphrase"
            )
        assert excinfo.value.code == "expired"

    def test_a_weak_password_is_refused_and_nothing_is_created(self, invite, org, alice):
        invite(organisation=org, email="weak@example.org", role=Role.MEMBER, by=alice)
        with pytest.raises(ValidationError):
            services.invitation_accept_with_new_account(
                token=_token_from_mail(), full_name="W", password="123"
            )
        assert not User.objects.filter(email="weak@example.org").exists()

    def test_only_admins_of_the_organisation_revoke(self, invite, org, alice, bob, charlie):
        invitation = invite(organisation=org, email="x@example.org", role=Role.MEMBER, by=alice)
        for outsider_or_member in (bob, charlie):
            with pytest.raises(PermissionDenied):
                services.invitation_revoke(invitation=invitation, by=outsider_or_member)
        services.invitation_revoke(invitation=invitation, by=alice)
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None


class TestRoles:
    def test_an_admin_changes_a_role(self, org, alice, bob):
        membership = bob.memberships.get()
        services.membership_change_role(membership=membership, role=Role.EDITOR, by=alice)
        membership.refresh_from_db()
        assert membership.role == Role.EDITOR
        activity = Activity.objects.get(action="organisation.member_role_changed")
        assert activity.data == {"email": bob.email, "from": "member", "to": "editor"}

    def test_a_member_cannot_change_roles(self, org, bob, editor):
        with pytest.raises(PermissionDenied):
            services.membership_change_role(
                membership=editor.memberships.get(), role=Role.ADMIN, by=bob
            )

    def test_an_admin_cannot_touch_another_organisations_members(self, org, bob, charlie):
        membership = bob.memberships.get()
        with pytest.raises(PermissionDenied):
            services.membership_change_role(membership=membership, role=Role.ADMIN, by=charlie)
        with pytest.raises(PermissionDenied):
            services.membership_remove(membership=membership, by=charlie)
        assert Membership.objects.filter(pk=membership.pk, role=Role.MEMBER).exists()

    def test_the_last_admin_cannot_be_demoted_or_removed(self, org, alice):
        membership = alice.memberships.get()
        with pytest.raises(ValidationError) as excinfo:
            services.membership_change_role(membership=membership, role=Role.MEMBER, by=alice)
        assert excinfo.value.code == "last_admin"
        with pytest.raises(ValidationError):
            services.membership_remove(membership=membership, by=alice)

    def test_an_admin_can_step_down_when_another_admin_remains(self, org, alice):
        MembershipFactory(organisation=org, role=Role.ADMIN)
        services.membership_change_role(
            membership=alice.memberships.get(), role=Role.EDITOR, by=alice
        )
        assert alice.memberships.get().role == Role.EDITOR

    def test_an_admin_removes_a_member(self, org, alice, bob):
        services.membership_remove(membership=bob.memberships.get(), by=alice)
        assert not bob.memberships.exists()
        assert User.objects.filter(pk=bob.pk).exists()  # the account stays

    def test_a_member_may_leave(self, org, bob):
        services.membership_remove(membership=bob.memberships.get(), by=bob)
        assert not bob.memberships.exists()

    def test_a_member_cannot_remove_a_colleague(self, org, bob, editor):
        with pytest.raises(PermissionDenied):
            services.membership_remove(membership=editor.memberships.get(), by=bob)

    def test_permissions_are_recomputed_after_a_role_change(self, org, alice, bob):
        from organisations import permissions

        assert not permissions.can(bob, org, permissions.EDIT_CONTENT)
        services.membership_change_role(
            membership=bob.memberships.get(), role=Role.EDITOR, by=alice
        )
        assert permissions.can(User.objects.get(pk=bob.pk), org, permissions.EDIT_CONTENT)


def test_an_inactive_user_has_no_permissions(org):
    user = UserFactory(is_active=False)
    MembershipFactory(organisation=org, user=user, role=Role.ADMIN)
    from organisations import permissions

    assert not permissions.can(user, org, permissions.MANAGE_MEMBERS)


def test_a_coordinator_can_revoke_any_organisations_key(org, alice, coordinator, charlie):
    key, _raw = services.api_key_create(organisation=org, name="Sync", scope="read", by=alice)
    with pytest.raises(PermissionDenied):
        services.api_key_revoke(key=key, by=charlie)
    services.api_key_revoke(key=key, by=coordinator)
    key.refresh_from_db()
    assert key.revoked_at is not None
