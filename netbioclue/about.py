"""The pages a public EU portal must have: contact, privacy notice, legal notice and
accessibility statement; plus ``robots.txt`` and ``sitemap.xml`` (``netbioclue.sitemaps``).

Who runs the portal is configuration, not code (``PORTAL_OPERATOR``,
``PORTAL_OPERATOR_ADDRESS``, ``CONTACT_EMAIL``; see ``.env.example``): the pages name the
operator the deployment declares and never invent one. Retention periods are read from
the settings that enforce them, so the privacy notice cannot drift from what the tasks do.
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from netbioclue.sitemaps import SITEMAPS

app_name = "about"

# When the accessibility statement was last reviewed against the portal (the Directive
# asks for the date); change it whenever the statement is reviewed.
ACCESSIBILITY_REVIEWED_ON = datetime.date(2026, 11, 30)


def _operator() -> dict:
    return {
        "name": settings.PORTAL_OPERATOR,
        "address": settings.PORTAL_OPERATOR_ADDRESS,
        "email": settings.CONTACT_EMAIL,
    }


@require_safe
def contact_view(request):
    return render(request, "netbioclue/about/contact.html", {"operator": _operator()})


@require_safe
def privacy_view(request):
    context = {
        "operator": _operator(),
        "registration_days": settings.EVENTS_ERASE_REGISTRATIONS_AFTER.days,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
    }
    return render(request, "netbioclue/about/privacy.html", context)


@require_safe
def legal_notice_view(request):
    return render(request, "netbioclue/about/legal_notice.html", {"operator": _operator()})


@require_safe
def accessibility_view(request):
    context = {"operator": _operator(), "reviewed_on": ACCESSIBILITY_REVIEWED_ON}
    return render(request, "netbioclue/about/accessibility.html", context)


# Crawlers may read every public page; the rest is personal, transactional or endless
# (search result combinations, exports, the API beyond its guide).
ROBOTS_DISALLOW = (
    "/accounts/",
    "/admin/",
    "/dashboard/",
    "/api/",
    "/practices/export.",
    "/practices/moderation/",
    "/practices/new/",
    "/events/feed.",
)


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt_view(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}" for prefix in ROBOTS_DISALLOW]
    lines += [
        f"Allow: {reverse('api-getting-started')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("contact/", contact_view, name="contact"),
    path("privacy/", privacy_view, name="privacy"),
    path("legal-notice/", legal_notice_view, name="legal_notice"),
    path("accessibility/", accessibility_view, name="accessibility"),
]

# Top-level routes (no namespace): /robots.txt and /sitemap.xml.
root_urlpatterns = [
    path("robots.txt", robots_txt_view, name="robots_txt"),
    path(
        "sitemap.xml",
        cache_control(public=True, max_age=3600)(require_safe(sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
