"""The human-facing API pages: the getting-started guide, the API root and ReDoc's bundle."""

import functools
import json
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import routers, serializers
from rest_framework.response import Response
from rest_framework.settings import api_settings

from netbioclue.rest.exceptions import PROBLEM_TYPES
from netbioclue.rest.pagination import MAX_PAGE_SIZE
from netbioclue.rest.viewsets import ApiViewMixin

# Development only (organisations.demo installs it; refused in production).
DEMO_API_KEY = "netbioclue-demo-erbi-key"


# The problem types of netbioclue.rest.exceptions, explained (anchors of their `type`).
PROBLEM_EXPLANATIONS = [
    (
        400,
        "invalid-input",
        _(
            "A query parameter or a field is not valid: an unknown parameter, facet value or "
            "sort order, a page_size outside the allowed range, a cursor that was not taken "
            "from a link, or invalid data. See errors."
        ),
    ),
    (400, "malformed-request", _("The body could not be read (for example, broken JSON).")),
    (401, "unauthenticated", _("This needs an API key (or a signed-in session).")),
    (
        401,
        "invalid-credentials",
        _(
            "The API key is malformed, unknown or revoked. Check the Authorization header, or "
            "ask your organisation admin for a new key."
        ),
    ),
    (
        403,
        "forbidden",
        _(
            "You are known but may not do this: for example a read key trying to write, or "
            "an action only the coordinator may take."
        ),
    ),
    (
        404,
        "not-found",
        _(
            "No such address or record, or none that you may see (another organisation's "
            "drafts are not found, rather than forbidden)."
        ),
    ),
    (
        405,
        "method-not-allowed",
        _("This address does not accept that method; the Allow header lists those it does."),
    ),
    (406, "not-acceptable", _("The API answers in JSON only.")),
    (
        422,
        "idempotency-key-reused",
        _(
            "The Idempotency-Key was already used, within 24 hours, for a request with "
            "another body or to another address. Send each new request with a new key."
        ),
    ),
    (
        409,
        "conflict",
        _(
            "The request does not fit the record's current state (for example, submitting a "
            "practice that is already submitted)."
        ),
    ),
    (
        412,
        "precondition-failed",
        _(
            "If-Match does not carry the current ETag: read the record again, reapply your "
            "change and retry."
        ),
    ),
    (
        415,
        "unsupported-media-type",
        _("Send JSON (Content-Type: application/json), or multipart form data for file uploads."),
    ),
    (
        428,
        "precondition-required",
        _("Changes need an If-Match header with the ETag you last read."),
    ),
    (429, "rate-limited", _("Wait for the number of seconds in Retry-After.")),
    (500, "server-error", _("Our fault: the error was logged. Retry later.")),
]


def getting_started_view(request):
    base = request.build_absolute_uri(reverse("api-root"))
    return render(
        request,
        "netbioclue/api/getting_started.html",
        {
            "base": base,
            "rates": api_settings.DEFAULT_THROTTLE_RATES,
            "max_page_size": MAX_PAGE_SIZE,
            "problems": [
                {
                    "status": status,
                    "slug": slug,
                    "title": PROBLEM_TYPES[slug],
                    "explanation": explanation,
                }
                for status, slug, explanation in PROBLEM_EXPLANATIONS
            ],
            "demo_key": DEMO_API_KEY if settings.DEBUG else None,
        },
    )


class ApiRootView(ApiViewMixin, routers.APIRootView):
    """``/api/v1/``: links to every list endpoint and to the documentation."""

    @extend_schema(
        summary="API root",
        description="Links to every list endpoint, the schema and the documentation.",
        responses={200: inline_serializer("ApiRoot", {"endpoints": serializers.DictField()})},
        tags=["meta"],
    )
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        links = {
            "getting_started": request.build_absolute_uri(reverse("api-getting-started")),
            "schema": request.build_absolute_uri(reverse("api-schema")),
            "docs": request.build_absolute_uri(reverse("api-docs")),
            "redoc": request.build_absolute_uri(reverse("api-redoc")),
        }
        return Response({"endpoints": response.data, **links})


# ReDoc draws "API docs by Redocly" with a logo image whose address is another site's,
# and has no option to leave it out (Redocly/redoc#2108). The documentation loads nothing
# from other sites, so the bundle (the sidecar package's copy) is served with that image's
# address, whatever it is, pointed at the portal's own logo. The image is found by its
# alternative text, not by the address, so a new ReDoc release with another address is
# rewritten too; a release without it is served as it is, and the CSP still blocks it.
REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
REDOC_LOGO_IMAGE = re.compile(r'(alt:"redocly logo",[^{}]*?src:)"[^"]*"')


@functools.cache
def _redoc_bundle() -> bytes:
    path = finders.find(REDOC_BUNDLE)
    if path is None:
        raise ImproperlyConfigured(f"{REDOC_BUNDLE} not found (drf_spectacular_sidecar)")
    with open(path, encoding="utf-8") as bundle:
        source = bundle.read()
    logo = json.dumps(static("netbioclue/logo.svg"))
    return REDOC_LOGO_IMAGE.sub(lambda match: match.group(1) + logo, source).encode()


@require_safe
@cache_control(public=True, max_age=86400)
def redoc_bundle_view(request):
    """ReDoc's standalone bundle, fetching nothing from elsewhere (see above)."""
    return HttpResponse(_redoc_bundle(), content_type="text/javascript; charset=utf-8")
