"""The Frictionless Data Package of all open data (``/api/v1/open-data/datapackage.json``).

The open-data files hold records only; this descriptor, next to them, carries what
describes them: the licence, the attribution and, for each file, its format and a Table
Schema (each column's title, description and type). Each app describes its own files
(``practices.api.opendata.resources``, ``clusters.opendata.datapackage``); this module
puts them in one package. Written as a dict: the ``frictionless`` library validates it in
the tests, but producing a static document needs no library at run time.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from clusters import opendata as cluster_data
from netbioclue.rest.viewsets import ApiViewMixin
from practices.api import opendata as practice_data


def datapackage(request) -> dict:
    indicators = cluster_data.datapackage(request)
    return {
        "profile": "tabular-data-package",
        "name": "netbioclue-open-data",
        "title": "NETBIOCLUE open data",
        "description": (
            "Open data of the NETBIOCLUE portal: framework indicators of biotechnology "
            "clusters and the published catalogue of best practices for cluster development. "
            f"Licence: {practice_data.LICENCE}; credit the NETBIOCLUE portal."
        ),
        "homepage": request.build_absolute_uri("/"),
        "licenses": [
            {"name": "CC-BY-4.0", "title": practice_data.LICENCE, "path": practice_data.LICENCE_URL}
        ],
        "contributors": [{"title": practice_data.ATTRIBUTION, "role": "author"}],
        "resources": [*indicators["resources"], *practice_data.resources(request)],
    }


class DatapackageView(ApiViewMixin, APIView):
    @extend_schema(
        summary="Data Package descriptor of the open data",
        description=(
            "A Frictionless Data Package (https://datapackage.org) describing every "
            "open-data file: licence, attribution, and for each file its format and the "
            "title, description and type of each column. The files themselves hold records "
            "only."
        ),
        responses={200: OpenApiTypes.OBJECT},
        tags=["open-data"],
    )
    def get(self, request):
        return Response(datapackage(request))
