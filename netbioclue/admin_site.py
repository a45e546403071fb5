from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    """The admin, open to coordinators as well as Django staff.

    Sign-in goes through the portal's own login page (allauth), so there is one way in.
    A signed-in person who may not use the admin gets a 403 page saying so: sending them
    to the login page would bounce them straight back here (they are signed in), a loop.
    """

    site_header = _("NETBIOCLUE administration")
    site_title = _("NETBIOCLUE admin")
    index_title = _("Portal data")

    def has_permission(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_staff or getattr(user, "is_coordinator", False))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            if (
                request.user.is_authenticated
                and not self.has_permission(request)
                and request.path != reverse("admin:logout", current_app=self.name)
            ):
                return self.forbidden(request)
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            return self.forbidden(request)
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect_to_login(next_url, reverse("account_login"))

    def forbidden(self, request) -> TemplateResponse:
        response = TemplateResponse(request, "admin_forbidden.html", status=403)
        add_never_cache_headers(response)
        return response
