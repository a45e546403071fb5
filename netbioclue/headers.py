"""Response headers Django does not set itself.

``Permissions-Policy`` turns off browser features the portal never uses (camera,
geolocation...), for its pages and anything they might embed, so that injected content
could not use them either. Django has no setting for it; the policy is
``settings.PERMISSIONS_POLICY``, a mapping of feature to allowed origins (an empty list:
nobody), e.g. ``{"camera": [], "fullscreen": ["self"]}``.
"""

from django.conf import settings


def _header(policy: dict[str, list[str]]) -> str:
    def allowlist(origins: list[str]) -> str:
        return "(" + " ".join("self" if o == "self" else f'"{o}"' for o in origins) + ")"

    return ", ".join(f"{feature}={allowlist(origins)}" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", None)
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = _header(policy)
        return response
