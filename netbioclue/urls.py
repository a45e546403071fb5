from django.contrib import admin
from django.urls import include, path

from netbioclue import about, accounts, health, views
from organisations.views import dashboard_view, profile_view

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", dashboard_view, name="dashboard"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/profile/", profile_view, name="account_profile"),
    # Before allauth's own: the same page, answering 429 when sign-in limits stop it.
    path("accounts/login/", accounts.login, name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("netbioclue.api")),
    path("", include("organisations.urls")),
    path("clusters/", include("clusters.urls")),
    path("practices/", include("practices.urls")),
    path("experts/", include("experts.urls")),
    path("events/", include("events.urls")),
    path("about/", include(about)),
    *about.root_urlpatterns,
]

# Uploaded files are never served from MEDIA_URL, not even in development: a draft's
# attachment would be handed to anyone who knows its path. They reach browsers only
# through views that check who is asking (practices:attachment, the publication PDF).
