"""Open data: the whole published catalogue as JSON Lines and CSV, under CC BY 4.0.

``/api/v1/open-data/practices.jsonl`` and ``/api/v1/open-data/practices.csv`` stream
every published practice, newest first, with the columns of the catalogue's own exports
(``practices.selectors.catalogue.export_rows``: one definition of an exported row; no
contact data). Rows come through a server-side cursor in chunks, and the answer is a
``StreamingHttpResponse`` written in blocks of about 64 KB: 100,000 practices never sit in
memory. The query runs before the first byte is sent, and a failure later drops the
connection instead of ending a well-formed partial file (``netbioclue.streaming``).

Both files hold records only (every JSON Lines line and every CSV row after the header is
one practice), so ``pandas``, ``jq`` and spreadsheet programs read them as they are. What
describes them (licence, attribution, each column's title, description and type, drawn
from the practice field registry ``practices.fields``) is in the Frictionless Data Package
descriptor next to them, ``/api/v1/open-data/datapackage.json`` (``resources()`` below;
``netbioclue.opendata`` assembles the package), and the licence also in a
``Link: <…/by/4.0/>; rel="license"`` header on both files.

``Last-Modified`` is the latest change that can alter the files: a published or archived
practice (archiving removes a row), or an organisation or cluster whose name they show.
``If-Modified-Since`` then answers 304. The views are DRF views so that authentication,
rate limits and problem documents work as everywhere in the API.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.db.models import Max
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from clusters.models import Cluster
from netbioclue.registry import FieldSpec, Kind
from netbioclue.rest.renderers import dumps
from netbioclue.rest.schema import problem_responses
from netbioclue.rest.viewsets import ApiViewMixin
from netbioclue.streaming import aborting, started
from organisations.models import Organisation

# The catalogue page's CSV export writes the same rows: one CSV dialect for both (lists
# joined with "; ", cells that a spreadsheet would run as a formula neutralised).
from practices.exports import csv_chunks as csv_lines
from practices.fields import PRACTICE_FIELDS
from practices.models import Practice, Status
from practices.selectors.catalogue import EXPORT_COLUMNS, catalogue_filter, export_rows

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_LINK = f'<{LICENCE_URL}>; rel="license"'
ATTRIBUTION = "NETBIOCLUE portal (best practices for biotechnology cluster development)"
JSONL_MEDIA_TYPE = "application/jsonl"
CSV_MEDIA_TYPE = "text/csv"
CHUNK_ROWS = 2000
BLOCK_BYTES = 64 * 1024
LIST_SEPARATOR = "; "  # CSV: list values (facets) in one cell, as the catalogue's export


def catalogue_last_modified() -> datetime.datetime | None:
    """When the published catalogue (or a name it shows) last changed; three small queries."""
    moments = [
        Practice.objects.filter(status__in=[Status.PUBLISHED, Status.ARCHIVED]).aggregate(
            latest=Max("updated_at")
        )["latest"],
        Organisation.objects.aggregate(latest=Max("updated_at"))["latest"],
        Cluster.objects.aggregate(latest=Max("updated_at"))["latest"],
    ]
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def _blocks(lines: Iterable[str]) -> Iterator[bytes]:
    """Join lines into blocks of about BLOCK_BYTES: fewer, larger writes to the socket."""
    block: list[str] = []
    size = 0
    for line in lines:
        block.append(line)
        size += len(line)
        if size >= BLOCK_BYTES:
            yield "".join(block).encode()
            block, size = [], 0
    if block:
        yield "".join(block).encode()


def jsonl_lines(rows: Iterable[dict]) -> Iterator[str]:
    """One practice per line, nothing else (the description is in datapackage.json)."""
    for row in rows:
        yield dumps(row).decode() + "\n"


# --- the Data Package resources ----------------------------------------------------------------

# Frictionless Table Schema types of the registry's kinds (lists: see _field).
_TYPES = {
    Kind.INTEGER: "integer",
    Kind.DECIMAL: "number",
    Kind.BOOLEAN: "boolean",
    Kind.DATE: "date",
    Kind.DATETIME: "datetime",
}
_LIST_KINDS = (Kind.MULTI_CHOICE, Kind.TEXT_LIST, Kind.URL_LIST, Kind.COUNTRY_LIST)


def _field(spec: FieldSpec, *, lists_as_arrays: bool) -> dict:
    """A Table Schema field descriptor of one exported field, from its registry spec."""
    descriptor: dict = {
        "name": spec.name,
        "title": str(spec.label),
        "type": _TYPES.get(spec.kind, "string"),
    }
    notes = [str(spec.help_text)] if spec.help_text else []
    values = list(spec.vocabulary.values) if spec.vocabulary else None
    if spec.kind == Kind.FOREIGN_KEY:
        notes.append("Its name.")
    elif spec.kind == Kind.COUNTRY:
        notes.append("ISO 3166-1 alpha-2 country code.")
        descriptor["constraints"] = {"pattern": "[A-Z]{2}"}
    if spec.kind in _LIST_KINDS:
        if lists_as_arrays:
            descriptor["type"] = "array"
            notes.append("A list" + (f" of: {', '.join(values)}." if values else "."))
        else:
            notes.append(
                f"Values joined with '{LIST_SEPARATOR}'"
                + (f"; each one of: {', '.join(values)}." if values else ".")
            )
    elif values:
        descriptor["constraints"] = {"enum": values}
    if spec.required:
        descriptor.setdefault("constraints", {})["required"] = True
    descriptor["description"] = " ".join(notes)
    return descriptor


def table_schema(*, lists_as_arrays: bool) -> dict:
    """The Table Schema of an export row: ``EXPORT_COLUMNS``, described by the registry."""
    fields = []
    for spec in PRACTICE_FIELDS.exported():
        fields.append(_field(spec, lists_as_arrays=lists_as_arrays))
        if spec.name == "slug":
            fields.append(
                {
                    "name": "url",
                    "title": "Address",
                    "type": "string",
                    "format": "uri",
                    "description": "The practice's page on the portal.",
                }
            )
    if [field["name"] for field in fields] != list(EXPORT_COLUMNS):
        raise ValueError("The table schema must list the export's columns in their order.")
    return {"fields": fields, "primaryKey": ["slug"]}


def resources(request) -> list[dict]:
    """The Data Package resources of the two catalogue files."""
    description = (
        "Every published practice of the NETBIOCLUE catalogue, newest first; no contact "
        "details. Practices marked illustrative on the portal are plausible examples "
        "written for the demonstration, not documented cases."
    )
    return [
        {
            "name": "practices-jsonl",
            "title": "NETBIOCLUE best practices (JSON Lines)",
            "description": description + " One JSON object per line.",
            "path": request.build_absolute_uri(reverse("open-data-practices-jsonl")),
            "profile": "tabular-data-resource",
            "format": "jsonl",
            "mediatype": JSONL_MEDIA_TYPE,
            "encoding": "utf-8",
            "schema": table_schema(lists_as_arrays=True),
        },
        {
            "name": "practices-csv",
            "title": "NETBIOCLUE best practices (CSV)",
            "description": description + " A header row, then one row per practice.",
            "path": request.build_absolute_uri(reverse("open-data-practices-csv")),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": CSV_MEDIA_TYPE,
            "encoding": "utf-8",
            "schema": table_schema(lists_as_arrays=False),
        },
    ]


class _DownloadRenderer(renderers.BaseRenderer):
    """Names the media type for content negotiation and the schema; the view streams.

    Errors (429, 401) are problem documents, rendered as JSON whatever this says.
    """

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return dumps(data) if data is not None else b""


class JsonLinesRenderer(_DownloadRenderer):
    media_type = JSONL_MEDIA_TYPE
    format = "jsonl"


class CsvRenderer(_DownloadRenderer):
    media_type = CSV_MEDIA_TYPE
    format = "csv"


class AlwaysTheFile(BaseContentNegotiation):
    """A download has one format: ignore ``Accept`` rather than answer 406."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type


IF_MODIFIED_SINCE = OpenApiParameter(
    "If-Modified-Since",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="The `Last-Modified` of your copy (an HTTP date); 304 if nothing changed.",
)
_RESPONSE_HEADERS = [
    OpenApiParameter(
        "Last-Modified",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description="When the catalogue last changed (an HTTP date).",
    ),
    OpenApiParameter(
        "Link",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description=f"The licence: `{LICENCE_LINK}`.",
    ),
]
_NOT_MODIFIED = {304: OpenApiResponse(description="Not modified since `If-Modified-Since`.")}


class _OpenDataView(ApiViewMixin, APIView):
    content_negotiation_class = AlwaysTheFile
    filename = ""

    def lines(self, rows: Iterator[dict]) -> Iterator[str]:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        last_modified = catalogue_last_modified()
        # HTTP dates have whole seconds: compare in whole seconds.
        timestamp = int(last_modified.timestamp()) if last_modified else None
        not_modified = get_conditional_response(request, last_modified=timestamp)
        if not_modified is not None:
            return not_modified
        portal = request.build_absolute_uri(reverse("practices:list"))
        # The first row is read now: a failing query is an error answer, not a cut 200.
        rows = started(export_rows(catalogue_filter({}), base_url=portal, chunk_size=CHUNK_ROWS))
        media_type = self.renderer_classes[0].media_type
        response = StreamingHttpResponse(
            aborting(_blocks(self.lines(rows)), name=self.filename),
            content_type=f"{media_type}; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        response["Link"] = LICENCE_LINK
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        return response


class PracticesJsonLinesView(_OpenDataView):
    renderer_classes = [JsonLinesRenderer]
    filename = "netbioclue-practices.jsonl"

    def lines(self, rows):
        return jsonl_lines(rows)

    @extend_schema(
        summary="Download the catalogue (JSON Lines)",
        description=(
            "Every published practice, newest first, one JSON object per line and nothing "
            "else, streamed: each line is one practice with the columns `"
            + "`, `".join(EXPORT_COLUMNS)
            + "` (facets as lists of slugs; no contact data). The licence (CC BY 4.0: reuse "
            "freely, crediting the NETBIOCLUE portal) and each column's description and type "
            "are in `datapackage.json` (Frictionless Data Package). `Last-Modified` says when the "
            "catalogue last changed: send it back in `If-Modified-Since` for a 304."
        ),
        parameters=[IF_MODIFIED_SINCE, *_RESPONSE_HEADERS],
        responses={
            (200, JSONL_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.STR,
                description="JSON Lines (UTF-8).",
                examples=[
                    OpenApiExample(
                        "A line",
                        value=(
                            '{"slug":"proof-of-concept-fund","url":"https://portal.example/'
                            'practices/proof-of-concept-fund/","title":"Proof-of-concept fund"}\n'
                        ),
                    )
                ],
            ),
            **_NOT_MODIFIED,
            **problem_responses(401, 429),
        },
        tags=["open-data"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PracticesCsvView(_OpenDataView):
    renderer_classes = [CsvRenderer]
    filename = "netbioclue-practices.csv"

    def lines(self, rows):
        return csv_lines(rows)

    @extend_schema(
        summary="Download the catalogue (CSV)",
        description=(
            "Every published practice, newest first, as CSV (UTF-8, comma-separated, a "
            "header row, then one row per practice), streamed. Columns: `"
            + "`, `".join(EXPORT_COLUMNS)
            + f"`. Facets with several values are joined with `{LIST_SEPARATOR.strip()}` "
            "(e.g. `emerging; mature`), as in the catalogue's own CSV export. Licence: "
            "CC BY 4.0 (reuse freely, crediting the NETBIOCLUE portal); it is given in the "
            "`Link` header and in `datapackage.json` (with each column's description and "
            "type), not in the file, which stays a plain table. `Last-Modified` and "
            "`If-Modified-Since` work as for the JSON Lines file."
        ),
        parameters=[IF_MODIFIED_SINCE, *_RESPONSE_HEADERS],
        responses={
            (200, CSV_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.STR,
                description="CSV (UTF-8).",
                examples=[
                    OpenApiExample(
                        "Header and a row",
                        value=(
                            ",".join(EXPORT_COLUMNS) + "\r\n"
                            "proof-of-concept-fund,https://portal.example/practices/"
                            "proof-of-concept-fund/,Proof-of-concept fund,…\r\n"
                        ),
                    )
                ],
            ),
            **_NOT_MODIFIED,
            **problem_responses(401, 429),
        },
        tags=["open-data"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
