"""The ``/api/v1/`` router: every app registers its viewsets here.

Conventions (details in ``netbioclue.rest``): a viewset per resource, based on
``netbioclue.rest.viewsets.ReadOnlyApiViewSet`` (or ``ApiViewMixin`` + DRF mixins for
writes), lookup by ``slug``, route names ``<basename>-list``/``<basename>-detail``.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from clusters.api import ClusterViewSet
from experts.api import ExpertiseRequestViewSet, ExpertViewSet
from netbioclue.rest.docs import ApiRootView, getting_started_view
from netbioclue.rest.taxonomy import TaxonomyViewSet
from organisations.api import OrganisationViewSet
from practices.api.opendata import PracticesCsvView, PracticesJsonLinesView
from practices.api.views import PracticeViewSet


class Router(DefaultRouter):
    APIRootView = ApiRootView
    include_format_suffixes = False  # one representation (JSON), no /clusters.json


router = Router()
router.register("clusters", ClusterViewSet, basename="cluster")
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
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path(
        "redoc/",
        # The stock template loads web fonts from Google; ours loads nothing from elsewhere.
        SpectacularRedocView.as_view(
            url_name="api-schema", template_name="netbioclue/api/redoc.html"
        ),
        name="api-redoc",
    ),
]
