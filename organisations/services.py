"""Writes for organisations: invitations, roles, removals, API keys.

Each service checks the caller's permission and the current state under a row lock,
records the action and queues e-mails after commit. Views, the API and the admin call
these; nothing else writes memberships.
"""

import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from netbioclue import idempotency
from organisations import emails, logos, permissions
from organisations.activity import log_action
from organisations.models import ApiKey, ApiKeyScope, Invitation, Membership, Organisation, User
from organisations.permissions import Role


def _lock_organisation(organisation: Organisation) -> Organisation:
    # Serialises membership changes per organisation, so two admins demoting each
    # other at once cannot leave the organisation without an admin.
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    by: User,
    idempotency_key: str | None = None,
) -> Invitation:
    """Invite ``email`` to join with ``role``; a pending invitation to the same address
    is replaced, so the newest link is the only one that works.

    With ``idempotency_key`` (the form's token) a repeated or parallel submit of the same
    form returns the first invitation and sends no second e-mail.
    """
    permissions.require(by, organisation, permissions.MANAGE_MEMBERS)
    email = User.objects.normalize_email(email).strip().lower()
    if role not in Role.values:
        raise ValidationError(_("Unknown role."), code="invalid_role")
    invitation, _created = idempotency.create_once(
        key=idempotency_key,
        by=by,
        action=f"organisations.invitation_create:{organisation.pk}",
        model=Invitation,
        create=lambda: _invite(organisation=organisation, email=email, role=role, by=by),
    )
    return invitation


def _invite(*, organisation: Organisation, email: str, role: str, by: User) -> Invitation:
    with transaction.atomic():
        _lock_organisation(organisation)
        if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
            raise ValidationError(
                _("%(email)s is already a member of %(organisation)s.")
                % {"email": email, "organisation": organisation.name},
                code="already_member",
            )
        Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
        ).annotate(email_ci=Lower("email")).filter(email_ci=email).update(revoked_at=timezone.now())
        token, token_hash = Invitation.new_token()
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=token_hash,
            invited_by=by,
            expires_at=timezone.now() + Invitation.VALID_FOR,
        )
        log_action(
            action="organisation.member_invited",
            actor=by,
            target=invitation,
            organisation=organisation,
            data={"email": email, "role": role},
        )
        # In the outbox with the invitation: the link (the token's only copy) is mailed
        # once, after commit, and never travels through the broker.
        emails.queue_invitation(invitation, token)
    return invitation


def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    permissions.require(by, invitation.organisation_id, permissions.MANAGE_MEMBERS)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise ValidationError(_("This invitation was already accepted."), code="accepted")
        if invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
            log_action(
                action="organisation.invitation_revoked",
                actor=by,
                target=invitation,
                organisation=invitation.organisation,
                data={"email": invitation.email},
            )


def _pending_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.by_token(token).select_for_update().select_related("organisation")
    ).first()
    if invitation is None or invitation.revoked_at is not None:
        raise ValidationError(
            _("This invitation link is not valid; it may have been replaced or withdrawn."),
            code="invalid",
        )
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.is_expired:
        raise ValidationError(
            _("This invitation has expired; ask your organisation admin for a new one."),
            code="expired",
        )
    return invitation


def _join(invitation: Invitation, user: User) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log_action(
        action="organisation.member_joined",
        actor=user,
        target=membership,
        organisation=invitation.organisation,
        data={"email": user.email, "role": membership.role},
    )
    permissions.forget_permissions(user)
    return membership


def invitation_accept(*, token: str, user: User) -> Membership:
    """Attach an existing, signed-in account to the inviting organisation."""
    with transaction.atomic():
        invitation = _pending_invitation(token)
        if invitation.email.lower() != user.email.lower():
            raise ValidationError(
                _(
                    "This invitation was sent to %(invited)s but you are signed in as "
                    "%(current)s. Sign out and open the link again."
                )
                % {"invited": invitation.email, "current": user.email},
                code="wrong_account",
            )
        return _join(invitation, user)


def invitation_accept_with_new_account(*, token: str, full_name: str, password: str) -> User:
    """Create the invited person's account and membership in one step.

    The address is marked verified: the person proved it by opening the e-mailed link.
    """
    with transaction.atomic():
        invitation = _pending_invitation(token)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("An account for %(email)s already exists; sign in to accept.")
                % {"email": invitation.email},
                code="account_exists",
            )
        user = User(email=invitation.email, full_name=full_name.strip())
        validate_password(password, user)
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        _join(invitation, user)
    return user


def _forget(*users: User) -> None:
    # Permissions are memoised per user object for the request; the acting user may be
    # the one whose role just changed.
    for user in users:
        permissions.forget_permissions(user)


def _ensure_an_admin_remains(organisation: Organisation, without: Membership) -> None:
    others = (
        Membership.objects.filter(organisation=organisation, role=Role.ADMIN)
        .exclude(pk=without.pk)
        .exists()
    )
    if not others:
        raise ValidationError(
            _("%(organisation)s needs at least one organisation admin.")
            % {"organisation": organisation.name},
            code="last_admin",
        )


def membership_change_role(*, membership: Membership, role: str, by: User) -> Membership:
    permissions.require(by, membership.organisation_id, permissions.MANAGE_MEMBERS)
    if role not in Role.values:
        raise ValidationError(_("Unknown role."), code="invalid_role")
    with transaction.atomic():
        organisation = _lock_organisation(membership.organisation)
        membership = Membership.objects.select_related("user").get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == Role.ADMIN:
            _ensure_an_admin_remains(organisation, without=membership)
        previous, membership.role = membership.role, role
        membership.save(update_fields=["role"])
        log_action(
            action="organisation.member_role_changed",
            actor=by,
            target=membership,
            organisation=organisation,
            data={"email": membership.user.email, "from": previous, "to": role},
        )
    _forget(membership.user, by)
    return membership


def membership_check_removable(*, membership: Membership) -> None:
    """Raise the ValidationError ``membership_remove`` would raise, without removing anyone
    (so a page asks to confirm only what can happen; the removal checks again under lock)."""
    if membership.role == Role.ADMIN:
        _ensure_an_admin_remains(membership.organisation, without=membership)


def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove a person from an organisation; anyone may also leave by themselves."""
    if membership.user_id != by.pk:
        permissions.require(by, membership.organisation_id, permissions.MANAGE_MEMBERS)
    with transaction.atomic():
        organisation = _lock_organisation(membership.organisation)
        membership = Membership.objects.select_related("user").get(pk=membership.pk)
        if membership.role == Role.ADMIN:
            _ensure_an_admin_remains(organisation, without=membership)
        log_action(
            action="organisation.member_removed",
            actor=by,
            target=organisation,
            organisation=organisation,
            data={"email": membership.user.email, "role": membership.role},
        )
        membership.delete()
    _forget(membership.user, by)


# --- API keys ---------------------------------------------------------------------------------
# A key acts through a service account of its own (``ApiKey.acting_user``): no password, no
# membership, an address under the reserved ``.invalid`` domain that can never receive mail.
_SERVICE_ACCOUNT_DOMAIN = "api-keys.netbioclue.invalid"


def _validated_key_fields(name: str, scope: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the key a name, e.g. the program that uses it.")})
    if len(name) > ApiKey._meta.get_field("name").max_length:
        raise ValidationError({"name": _("The name is too long (100 characters at most).")})
    if scope not in ApiKeyScope.values:
        raise ValidationError({"scope": _("Unknown scope.")}, code="invalid_scope")
    return name


def _create_key(
    *, organisation: Organisation, name: str, scope: str, raw_key: str, by: User | None
) -> ApiKey:
    acting_user = User.objects.create_user(
        f"key-{uuid.uuid4().hex}@{_SERVICE_ACCOUNT_DOMAIN}",
        password=None,  # unusable: nobody signs in as a key
        full_name=(
            _("API key “%(name)s” of %(organisation)s")
            % {"name": name, "organisation": organisation.display_name}
        )[: User._meta.get_field("full_name").max_length],
    )
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name,
        scope=scope,
        prefix=raw_key[: ApiKey.PREFIX_LENGTH],
        key_hash=ApiKey.hash_key(raw_key),
        acting_user=acting_user,
        created_by=by,
    )
    log_action(
        action="organisation.api_key_created",
        actor=by,
        target=key,
        organisation=organisation,
        data={"name": name, "prefix": key.prefix, "scope": scope},
    )
    return key


def api_key_create(
    *,
    organisation: Organisation,
    name: str,
    scope: str,
    by: User,
    idempotency_key: str | None = None,
) -> tuple[ApiKey, str | None]:
    """A new key and its value. The value is returned this once and never stored.

    With ``idempotency_key`` (the form's token), a repeated or parallel submit of the same
    form returns the key the first one created and ``None`` for the value, which only the
    first answer ever carries.
    """
    permissions.require(by, organisation, permissions.MANAGE_API_KEYS)
    name = _validated_key_fields(name, scope)
    raw_key = ApiKey.new_raw_key()

    def create() -> ApiKey:
        with transaction.atomic():
            return _create_key(
                organisation=organisation, name=name, scope=scope, raw_key=raw_key, by=by
            )

    key, created = idempotency.create_once(
        key=idempotency_key,
        by=by,
        action=f"organisations.api_key_create:{organisation.pk}",
        model=ApiKey,
        create=create,
    )
    return key, raw_key if created else None


def api_key_install_known(
    *, organisation: Organisation, name: str, scope: str, raw_key: str, by: User | None
) -> ApiKey:
    """Install a key with a value chosen in advance (the demo key of ``seed_demo``).

    A published value is no secret, so this refuses to run in production. Running it
    again keeps one active key with that value.
    """
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Keys with a chosen value are for development only.")
    name = _validated_key_fields(name, scope)
    with transaction.atomic():
        key = ApiKey.objects.filter(key_hash=ApiKey.hash_key(raw_key)).first()
        if key is None:
            return _create_key(
                organisation=organisation, name=name, scope=scope, raw_key=raw_key, by=by
            )
        key.organisation, key.name, key.scope = organisation, name, scope
        key.revoked_at = key.revoked_by = None
        key.save(update_fields=["organisation", "name", "scope", "revoked_at", "revoked_by"])
        key.acting_user.is_active = True
        key.acting_user.save(update_fields=["is_active"])
    return key


def api_key_revoke(*, key: ApiKey, by: User) -> ApiKey:
    """Revoke a key at once; revoking a revoked key changes nothing.

    The organisation's admins may revoke its keys, and so may coordinators (a leaked key
    must be stoppable by the portal's moderators too).
    """
    if not permissions.is_coordinator(by):
        permissions.require(by, key.organisation_id, permissions.MANAGE_API_KEYS)
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().select_related("organisation").get(pk=key.pk)
        if key.revoked_at is not None:
            return key
        key.revoked_at = timezone.now()
        key.revoked_by = by
        key.save(update_fields=["revoked_at", "revoked_by"])
        # Belt and braces: the service account is disabled as well.
        User.objects.filter(pk=key.acting_user_id).update(is_active=False)
        log_action(
            action="organisation.api_key_revoked",
            actor=by,
            target=key,
            organisation=key.organisation,
            data={"name": key.name, "prefix": key.prefix, "scope": key.scope},
        )
    return key


def user_update_profile(*, user: User, full_name: str) -> User:
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError({"full_name": _("Enter your name.")})
    if user.full_name != full_name:
        previous, user.full_name = user.full_name, full_name
        user.save(update_fields=["full_name"])
        log_action(
            action="account.profile_updated",
            actor=user,
            target=user,
            data={"from": previous, "to": full_name},
        )
    return user


def organisation_update_profile(
    *,
    organisation: Organisation,
    description: str,
    website: str,
    logo=None,
    remove_logo: bool = False,
    by: User,
) -> Organisation:
    """The partner page's text, website and logo (organisation admins, coordinators).

    A new logo is judged by its bytes and re-encoded (``organisations.logos``); the file
    it replaces is deleted once the change is committed.
    """
    if not (
        permissions.is_coordinator(by)
        or permissions.can(by, organisation, permissions.EDIT_PROFILE)
    ):
        raise PermissionDenied(_("Only an organisation admin edits the organisation's page."))
    new_logo = None
    if logo is not None:
        try:
            new_logo = logos.checked_logo(logo, name=organisation.slug)
        except ValidationError as error:
            raise ValidationError({"logo": error.messages}) from None
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        old_logo = organisation.logo.name if organisation.logo else ""
        changed = []
        if organisation.description != description.strip():
            organisation.description = description.strip()
            changed.append("description")
        if organisation.website != website:
            organisation.website = website
            changed.append("website")
        if new_logo is not None:
            organisation.logo.save(new_logo.name, new_logo, save=False)
            changed.append("logo")
        elif remove_logo and old_logo:
            organisation.logo = ""
            changed.append("logo")
        if changed:
            organisation.full_clean(validate_unique=False, validate_constraints=False)
            organisation.save(update_fields=[*changed, "updated_at"])
            log_action(
                action="organisation.profile_updated",
                actor=by,
                target=organisation,
                organisation=organisation,
                data={"fields": changed},
            )
            if "logo" in changed and old_logo:
                storage = organisation.logo.storage
                transaction.on_commit(lambda: storage.delete(old_logo))
    return organisation
