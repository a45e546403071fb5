"""Open data: every approved indicator value as CSV, described by a Frictionless
``datapackage.json``, under CC BY 4.0 (the practices' licence).

``/api/v1/open-data/indicators.csv`` streams one row per cluster, indicator and year
(read in chunks through a server-side cursor). ``datapackage()`` describes it for the
Data Package descriptor ``/api/v1/open-data/datapackage.json`` (served by
``netbioclue.opendata`` with the other open data): a dict written by hand, because it is a
static document (the ``frictionless`` library only validates it, in the tests). Its table
schema lists the same ``COLUMNS`` the CSV writes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from clusters.exports import safe_cell
from clusters.models import IndicatorValue
from netbioclue.rest.viewsets import ApiViewMixin
from practices.api.opendata import (
    ATTRIBUTION,
    LICENCE,
    LICENCE_LINK,
    LICENCE_URL,
    AlwaysTheFile,
    CsvRenderer,
)

CHUNK_ROWS = 2000

# (name, Frictionless type, description)
COLUMNS = (
    ("cluster", "string", "The cluster's slug (as in /api/v1/clusters/<slug>/)."),
    ("cluster_name", "string", "The cluster's name."),
    ("world_region", "string", "europe, us, china, india or other."),
    ("indicator", "string", "The indicator's slug (as in /api/v1/indicators/<slug>/)."),
    ("growth_force", "string", "The growth force the indicator measures."),
    ("unit", "string", "The unit of the value."),
    ("year", "year", "The year the value describes."),
    ("value", "number", "The value."),
    ("source", "string", "Where the figure comes from."),
    ("recorded_on", "date", "When it was recorded in the portal's data."),
    ("illustrative", "boolean", "True for invented demo figures."),
)


def _rows() -> Iterator[list]:
    values = (
        IndicatorValue.objects.approved()
        .order_by("cluster__slug", "indicator__position", "year")
        .values_list(
            "cluster__slug",
            "cluster__name",
            "cluster__world_region",
            "indicator__slug",
            "indicator__growth_force",
            "indicator__unit",
            "year",
            "value",
            "source",
            "recorded_on",
            "is_illustrative",
        )
    )
    for row in values.iterator(chunk_size=CHUNK_ROWS):
        yield [safe_cell(cell) for cell in row]


def _csv_blocks() -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _type, _desc in COLUMNS])
    for count, row in enumerate(_rows(), start=1):
        row[9] = row[9].isoformat()
        row[10] = "true" if row[10] else "false"
        writer.writerow(row)
        if count % 1000 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


class IndicatorsCsvView(ApiViewMixin, APIView):
    renderer_classes = [CsvRenderer]
    content_negotiation_class = AlwaysTheFile

    @extend_schema(
        summary="Download every indicator value (CSV)",
        description="One row per cluster, indicator and year; see `datapackage.json`.",
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request):
        response = StreamingHttpResponse(_csv_blocks(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="netbioclue-indicators.csv"'
        response["Link"] = LICENCE_LINK
        return response


def datapackage(request) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "netbioclue-cluster-indicators",
        "title": "NETBIOCLUE cluster indicators",
        "description": (
            "Yearly framework indicators of biotechnology clusters in Europe and the "
            "comparator clusters in the United States, China and India. Rows marked "
            "illustrative are invented demo figures."
        ),
        "licenses": [{"name": "CC-BY-4.0", "title": LICENCE, "path": LICENCE_URL}],
        "contributors": [{"title": ATTRIBUTION, "role": "author"}],
        "resources": [
            {
                "name": "indicator-values",
                "path": request.build_absolute_uri(reverse("open-data-indicators-csv")),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "description": description}
                        for name, kind, description in COLUMNS
                    ],
                    "primaryKey": ["cluster", "indicator", "year"],
                },
            }
        ],
    }
