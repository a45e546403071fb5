"""Roles, the permissions they carry, and resolving them for a person.

Permissions are plain strings resolved once per request from the person's memberships
(pretix's team permissions, simplified to three cumulative roles). Views and services ask
``can(user, organisation, PERMISSION)``; nothing tests ``is_staff`` ad hoc.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from organisations.models import Organisation, User


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Organisation admin")


VIEW_ORGANISATION = "organisation.view"
EDIT_CONTENT = "content.edit"
MANAGE_MEMBERS = "organisation.manage_members"
MANAGE_API_KEYS = "organisation.manage_api_keys"
EDIT_PROFILE = "organisation.edit_profile"

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.MEMBER: frozenset({VIEW_ORGANISATION}),
    Role.EDITOR: frozenset({VIEW_ORGANISATION, EDIT_CONTENT}),
    Role.ADMIN: frozenset(
        {VIEW_ORGANISATION, EDIT_CONTENT, MANAGE_MEMBERS, MANAGE_API_KEYS, EDIT_PROFILE}
    ),
}

_CACHE_ATTR = "_organisation_permissions"


def organisation_permissions(user: User, organisation_id: int) -> frozenset[str]:
    """The permissions ``user`` holds in one organisation, memoised on the user object.

    All memberships are read with one query the first time; the user object lives as
    long as the request, so this resolves once per request.
    """
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cache: dict[int, frozenset[str]] | None = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {
            org_id: ROLE_PERMISSIONS[role]
            for org_id, role in user.memberships.values_list("organisation_id", "role")
        }
        setattr(user, _CACHE_ATTR, cache)
    return cache.get(organisation_id, frozenset())


def forget_permissions(user: User) -> None:
    """Drop the memoised permissions after a membership of ``user`` changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def can(user: User, organisation: Organisation | int, permission: str) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return permission in organisation_permissions(user, organisation_id)


def require(user: User, organisation: Organisation | int, permission: str) -> None:
    if not can(user, organisation, permission):
        raise PermissionDenied(_("You do not have permission to do this for this organisation."))


def is_coordinator(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_coordinator)


def is_reviewer(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_reviewer)


def assume_permissions(user: User, grants: dict[int, frozenset[str]]) -> None:
    """Fix the permissions ``user`` holds for this request, without reading memberships.

    Used for an API key's acting user: it is no member of anything and holds exactly
    what the key's scope grants in the key's organisation (see ``ApiKey``).
    """
    setattr(user, _CACHE_ATTR, dict(grants))


def belongs_to_an_organisation(user: User) -> bool:
    """``user`` is a member (any role) of some partner organisation, or the acting user of
    an organisation's API key. Reads the memberships memoised for the request."""
    if not user.is_authenticated or not user.is_active:
        return False
    organisation_permissions(user, 0)  # memoises every membership of ``user``
    resolved: dict[int, frozenset[str]] = getattr(user, _CACHE_ATTR)
    return any(VIEW_ORGANISATION in granted for granted in resolved.values())


def organisations_with(user: User, permission: str):
    """The ids of the organisations where ``user`` holds ``permission``.

    One rule for people and API keys: when the permissions are already resolved (always
    for an API key's acting user, see ``assume_permissions``) they are read from memory;
    otherwise the answer is a subquery of the person's memberships (no query of its own,
    for use in ``filter(owner_id__in=...)``).
    """
    from organisations.models import Membership

    if not user.is_authenticated or not user.is_active:
        return []
    resolved: dict[int, frozenset[str]] | None = getattr(user, _CACHE_ATTR, None)
    if resolved is not None:
        return [org_id for org_id, granted in resolved.items() if permission in granted]
    roles = [role for role, granted in ROLE_PERMISSIONS.items() if permission in granted]
    return Membership.objects.filter(user=user, role__in=roles).values_list(
        "organisation_id", flat=True
    )
