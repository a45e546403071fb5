"""API keys sent as ``Authorization: Bearer <key>``.

A valid key authenticates as its organisation: ``request.auth`` is the ``ApiKey`` and
``request.user`` is the key's acting user, a service account that for this request
holds exactly the permissions the key's scope grants in the key's organisation (see
``organisations.models.ApiKey``). Services therefore get ``by=request.user`` and check
permissions as they do for people.

A missing header, or another scheme, leaves the request to the next authenticator
(the browser's session). A malformed, unknown or revoked key is refused with 401 and
``WWW-Authenticate: Bearer`` even on public endpoints: a client with a bad key should
learn it at once rather than silently read as anonymous.

One indexed query per request (the key with its organisation and acting user);
``last_used_at`` is written at most once a minute so that reads do not each write.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from organisations.models import ApiKey
from organisations.permissions import assume_permissions

REALM = "NETBIOCLUE API"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Malformed Authorization header; send “Authorization: Bearer <key>”.")
            )
        try:
            raw_key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The API key is not valid.")) from None
        return self.authenticate_key(raw_key)

    def authenticate_key(self, raw_key: str):
        key = (
            ApiKey.objects.select_related("organisation", "acting_user")
            .filter(key_hash=ApiKey.hash_key(raw_key))
            .first()
        )
        if key is None:
            raise exceptions.AuthenticationFailed(_("The API key is not valid."))
        if not key.is_active or not key.acting_user.is_active:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked."))
        self._touch(key)
        user = key.acting_user
        assume_permissions(user, {key.organisation_id: key.granted_permissions})
        return user, key

    @staticmethod
    def _touch(key: ApiKey) -> None:
        now = timezone.now()
        if key.last_used_at is None or now - key.last_used_at >= ApiKey.LAST_USED_RESOLUTION:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
            key.last_used_at = now

    def authenticate_header(self, request):
        return f'Bearer realm="{REALM}"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """Documents the scheme in the OpenAPI schema (``bearerAuth``)."""

    target_class = "netbioclue.rest.authentication.ApiKeyAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API key created by an organisation admin on the dashboard "
                "(Dashboard, API keys), sent as `Authorization: Bearer <key>`. Read keys "
                "raise the rate limit; write keys may also create and edit the "
                "organisation's drafts."
            ),
        }
