"""The ``/api/v1/`` router: every app registers its viewsets here.

Conventions (details in ``netbioclue.rest``): a viewset per resource, based on
``netbioclue.rest.viewsets.ReadOnlyApiViewSet`` (or ``ApiViewMixin`` + DRF mixins for
writes), lookup by ``slug``, route names ``<basename>-list``/``<basename>-detail``.
"""

from django.conf import settings
from django.urls import include, path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from clusters.api import ClusterViewSet, IndicatorViewSet, SelfAssessmentView
from clusters.opendata import IndicatorsCsvView
from events.api import EventsCsvView, EventsJsonLinesView, EventViewSet
from experts.api import ExpertiseRequestViewSet, ExpertViewSet
from netbioclue.opendata import DatapackageView
from netbioclue.rest.docs import ApiRootView, getting_started_view, redoc_bundle_view
from netbioclue.rest.taxonomy import TaxonomyViewSet
from organisations.api import OrganisationViewSet
from practices.api.opendata import PracticesCsvView, PracticesJsonLinesView
from practices.api.views import PracticeViewSet


class Router(DefaultRouter):
    APIRootView = ApiRootView
    include_format_suffixes = False  # one representation (JSON), no /clusters.json


router = Router()
router.register("clusters", ClusterViewSet, basename="cluster")
router.register("events", EventViewSet, basename="event")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("experts", ExpertViewSet, basename="expert")
router.register("expertise-requests", ExpertiseRequestViewSet, basename="expertise-request")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("practices", PracticeViewSet, basename="practice")
router.register("taxonomy", TaxonomyViewSet, basename="taxonomy")

urlpatterns = [
    path("", include(router.urls)),
    path("getting-started/", getting_started_view, name="api-getting-started"),
    path(
        "open-data/practices.jsonl",
        PracticesJsonLinesView.as_view(),
        name="open-data-practices-jsonl",
    ),
    path("open-data/practices.csv", PracticesCsvView.as_view(), name="open-data-practices-csv"),
    path("open-data/events.jsonl", EventsJsonLinesView.as_view(), name="open-data-events-jsonl"),
    path("open-data/events.csv", EventsCsvView.as_view(), name="open-data-events-csv"),
    path("open-data/indicators.csv", IndicatorsCsvView.as_view(), name="open-data-indicators-csv"),
    path("open-data/datapackage.json", DatapackageView.as_view(), name="open-data-datapackage"),
    path("self-assessment/", SelfAssessmentView.as_view(), name="self-assessment"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        # The split view serves Swagger UI's start-up script as a file (docs/?script=): the
        # Content-Security-Policy runs no inline script.
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="netbioclue/api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path(
        "redoc/",
        # The stock template loads web fonts from Google and starts ReDoc with an inline
        # script; ours loads nothing from elsewhere and runs no inline script.
        # ReDoc styles itself with <style> elements it creates at run time (styled-
        # components) and searches in a worker it starts from a blob: this page alone
        # allows inline styles and blob: workers, never inline scripts.
        csp_override(
            {
                **settings.SECURE_CSP,
                "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
                "worker-src": [CSP.SELF, "blob:"],
            }
        )(
            SpectacularRedocView.as_view(
                url_name="api-schema", template_name="netbioclue/api/redoc.html"
            )
        ),
        name="api-redoc",
    ),
    path("redoc/redoc.standalone.js", redoc_bundle_view, name="api-redoc-bundle"),
]
