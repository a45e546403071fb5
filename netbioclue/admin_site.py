from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    """The admin, open to coordinators as well as Django staff.

    Sign-in goes through the portal's own login page (allauth), so there is one way in.
    """

    site_header = _("NETBIOCLUE administration")
    site_title = _("NETBIOCLUE admin")
    index_title = _("Portal data")

    def has_permission(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_staff or getattr(user, "is_coordinator", False))

    def login(self, request, extra_context=None):
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect_to_login(next_url, reverse("account_login"))
