"""Open data: the whole published catalogue as JSON Lines and CSV, under CC BY 4.0.

``/api/v1/open-data/practices.jsonl`` and ``/api/v1/open-data/practices.csv`` stream
every published practice, newest first, with the columns of the catalogue's own exports
(``practices.selectors.catalogue.export_rows``: one definition of an exported row; no
contact data). Rows come through a server-side cursor in chunks, and the answer is a
``StreamingHttpResponse`` written in blocks of about 64 KB: 100,000 practices never sit in
memory. The query runs before the first byte is sent, and a failure later drops the
connection instead of ending a well-formed partial file (``netbioclue.streaming``).

The licence travels three ways: a ``Link: <…/by/4.0/>; rel="license"`` header on both;
in JSON Lines a first line ``{"metadata": {…}}`` (licence, attribution, columns), every
later line one practice; in CSV, which must stay a plain table, the header alone (and the
getting-started page), never a data row.

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
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from clusters.models import Cluster
from netbioclue.rest.renderers import dumps
from netbioclue.rest.schema import problem_responses
from netbioclue.rest.viewsets import ApiViewMixin
from netbioclue.streaming import aborting, started
from organisations.models import Organisation

# The catalogue page's CSV export writes the same rows: one CSV dialect for both (lists
# joined with "; ", cells that a spreadsheet would run as a formula neutralised).
from practices.exports import csv_chunks as csv_lines
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


def jsonl_lines(rows: Iterable[dict], metadata: dict) -> Iterator[str]:
    yield dumps({"metadata": metadata}).decode() + "\n"
    for row in rows:
        yield dumps(row).decode() + "\n"


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

    def lines(self, rows: Iterator[dict], metadata: dict) -> Iterator[str]:
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
        metadata = {
            "title": "NETBIOCLUE best practices: the published catalogue",
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "attribution": ATTRIBUTION,
            "source": request.build_absolute_uri(),
            "portal": portal,
            "generated_at": timezone.now().isoformat(),
            "last_modified": last_modified.isoformat() if last_modified else None,
            "columns": list(EXPORT_COLUMNS),
        }
        media_type = self.renderer_classes[0].media_type
        response = StreamingHttpResponse(
            aborting(_blocks(self.lines(rows, metadata)), name=self.filename),
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

    def lines(self, rows, metadata):
        return jsonl_lines(rows, metadata)

    @extend_schema(
        summary="Download the catalogue (JSON Lines)",
        description=(
            "Every published practice, newest first, one JSON object per line, streamed. "
            'The first line is `{"metadata": {…}}`: the licence (CC BY 4.0: reuse freely, '
            "crediting the NETBIOCLUE portal), the attribution, the time it was made and "
            "the columns; each later line is one practice with the columns `"
            + "`, `".join(EXPORT_COLUMNS)
            + "` (facets as lists of slugs; no contact data). `Last-Modified` says when the "
            "catalogue last changed: send it back in `If-Modified-Since` for a 304."
        ),
        parameters=[IF_MODIFIED_SINCE, *_RESPONSE_HEADERS],
        responses={
            (200, JSONL_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.STR,
                description="JSON Lines (UTF-8).",
                examples=[
                    OpenApiExample(
                        "Two lines",
                        value=(
                            '{"metadata":{"licence":"CC BY 4.0","licence_url":'
                            f'"{LICENCE_URL}","columns":["slug","url","title"]}}}}\n'
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

    def lines(self, rows, metadata):
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
            "`Link` header, not in the file, which stays a plain table. `Last-Modified` and "
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
