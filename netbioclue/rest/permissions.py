"""Who may call what.

``ApiAccess`` is the default permission class: anyone may read (GET, HEAD, OPTIONS);
writing needs a signed-in person (session, with CSRF) or an API key of scope ``write``.
That is only the door: *what* a caller may change is decided by the services, which
check ``organisations.permissions.can(by, organisation, EDIT_CONTENT)`` exactly as for
the web UI. For an API key, ``request.user`` is the key's acting user holding the key's
scope in the key's organisation only, so the same check covers keys:

    from netbioclue.rest.permissions import can_write_for, writable_organisation_ids

    can_write_for(request, practice.owner)      # the check for one record
    Practice.objects.filter(owner_id__in=writable_organisation_ids(request))  # scoping

A read-only key trying to write gets 403; see ``netbioclue.rest`` for the 401/403/404
policy.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions as drf_permissions

from organisations import permissions
from organisations.models import ApiKey, Organisation


def api_key(request) -> ApiKey | None:
    """The API key the request authenticated with, if any."""
    return request.auth if isinstance(request.auth, ApiKey) else None


def can_write_for(request, organisation: Organisation | int) -> bool:
    """May this caller (person or key) create and edit content for ``organisation``?"""
    return permissions.can(request.user, organisation, permissions.EDIT_CONTENT)


def writable_organisation_ids(request) -> list[int]:
    """Organisations whose content this caller may edit (a key: its own, if ``write``)."""
    # One rule for people and keys: a key's acting user holds the key's grants only.
    return list(permissions.organisations_with(request.user, permissions.EDIT_CONTENT))


class ApiAccess(drf_permissions.BasePermission):
    """Reads are public; writes need a person or a ``write`` key."""

    message = _("Sign in or send an API key of scope “write” to change data.")

    def has_permission(self, request, view):
        if request.method in drf_permissions.SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False  # DRF answers 401 with WWW-Authenticate
        key = api_key(request)
        if key is not None and not key.can_write:
            self.message = _(
                "This API key is read-only; ask your organisation admin for a key of scope “write”."
            )
            return False
        return True
