"""The OpenAPI documentation of ``/api/v1/practices/``: summaries, descriptions, examples.

Kept apart from the views so that the views read as code; ``practice_viewset_schema``
decorates ``PracticeViewSet``.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from netbioclue.rest.renderers import PROBLEM_MEDIA_TYPE
from netbioclue.rest.schema import (
    IF_MATCH,
    IF_NONE_MATCH,
    NOT_MODIFIED,
    problem_responses,
    slug_parameter,
)
from practices.api.serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    PracticeCreateSerializer,
    PracticeDetailSerializer,
    PracticeInputSerializer,
    PracticeListSerializer,
    TransitionCommentSerializer,
)

TAG = "practices"
SLUG = slug_parameter("The practice's slug, as in its `url`.")
IF_MATCH_OPTIONAL = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Optional: the `ETag` you last read; 412 if the practice changed since.",
)
ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201, 202, 304],
    description="The tag of this representation: send it in `If-None-Match` or `If-Match`.",
)
LOCATION_HEADER = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    OpenApiParameter.HEADER,
    response=[201],
    description="The address of what was created.",
)

ITEM = {
    "slug": "proof-of-concept-fund-for-academic-spin-outs",
    "url": "https://portal.example/api/v1/practices/proof-of-concept-fund-for-academic-spin-outs/",
    "html_url": "https://portal.example/practices/proof-of-concept-fund-for-academic-spin-outs/",
    "title": "Proof-of-concept fund for academic spin-outs",
    "summary": "A small fund that pays for the first experiments a start-up needs.",
    "owner": {"slug": "erbi", "name": "East Region Biotech Initiative (ERBI)"},
    "country": "GB",
    "region": "East of England",
    "origin_cluster": {"slug": "greater-cambridge", "name": "Greater Cambridge / East of England"},
    "stages": ["emerging", "developing"],
    "growth_forces": ["financial"],
    "tool_types": ["funding"],
    "beneficiaries": ["startups"],
    "business_models": ["product"],
    "evidence_level": "monitored",
    "transferability": "high",
    "interview_count": 3,
    "start_year": 2004,
    "end_year": None,
    "language": "en",
    "published_at": "2008-03-14T09:30:00Z",
    "updated_at": "2026-01-15T10:00:00Z",
    "is_illustrative": True,
}
DETAIL = {
    **ITEM,
    "status": "published",
    "description": "The cluster organisation runs a fund of EUR 500,000 a year.",
    "problem": "Investors do not fund unproven science.",
    "how_it_works": "Researchers apply twice a year; a jury of investors decides.",
    "results": "Twelve companies founded in four years.",
    "budget_range": "250k-1m",
    "staff": "1 FTE fund manager",
    "resources_notes": "",
    "dos": ["Involve investors in the jury", "Pay in tranches"],
    "donts": ["Fund more than two years"],
    "lessons": "Speed of decision matters more than size.",
    "links": ["https://example.org/fund"],
    "attachments": [
        {
            "id": 7,
            "title": "Evaluation 2008",
            "name": "evaluation-2008.pdf",
            "url": "https://portal.example/practices/proof-of-concept-fund-for-academic-spin-outs/attachments/7/",
            "content_type": "application/pdf",
            "size": 182044,
        }
    ],
    "reproducibility": {
        "interview_count": 3,
        "transferability": "high",
        "overall_mean": 4.2,
        "means": {"relevance": 4.7, "feasibility": 4.0, "preconditions": 3.7, "impact": 4.3},
        "stakeholder_types": ["policy-maker", "cluster-manager"],
        "adaptations": ["Needs a regional co-funder."],
    },
    "contact": None,
    "pending_revision": None,
    "actions": [],
}
CREATE_EXAMPLE = {
    "title": "Proof-of-concept fund for academic spin-outs",
    "summary": "A small fund that pays for the first experiments a start-up needs.",
    "description": "The cluster organisation runs a fund of EUR 500,000 a year.",
    "stages": ["emerging", "developing"],
    "growth_forces": ["financial"],
    "tool_types": ["funding"],
    "country": "GB",
    "start_year": 2004,
    "links": ["https://example.org/fund"],
}


def _problem_example(name, status, slug, title, detail, code, errors=None):
    value = {
        "type": f"https://portal.example/api/v1/getting-started/#problem-{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": "/api/v1/practices/proof-of-concept-fund-for-academic-spin-outs/",
        "code": code,
    }
    if errors:
        value["errors"] = errors
    return OpenApiExample(
        name,
        value=value,
        response_only=True,
        status_codes=[str(status)],
        media_type=PROBLEM_MEDIA_TYPE,
    )


INVALID_FIELDS = _problem_example(
    "Invalid fields",
    400,
    "invalid-input",
    "Invalid input",
    "end_year: The end year cannot be before the start year.",
    "invalid",
    {"end_year": ["The end year cannot be before the start year."]},
)
STALE = _problem_example(
    "Changed meanwhile",
    412,
    "precondition-failed",
    "The record changed meanwhile",
    "The record changed since you read it. Fetch it again (its current ETag is in this "
    "response), reapply your change and send it with the new ETag in If-Match.",
    "precondition_failed",
)
WRONG_STATE = _problem_example(
    "Wrong state",
    409,
    "conflict",
    "Conflict",
    "Only drafts and practices with changes requested can be submitted for review; this "
    "practice is submitted.",
    "invalid_transition",
)

WRITE_ERRORS = (400, 401, 403, 404, 409, 429)

LIST_DESCRIPTION = """\
The published catalogue of best practices, filtered exactly like the catalogue page of
the portal (one definition):

- `q`: full-text search in web-search syntax (`"a phrase"`, `-word`, `or`), accents and
  word endings ignored;
- one parameter per facet: `stage`, `growth_force`, `tool_type`, `beneficiary`,
  `business_model`, `evidence_level`, `transferability`, `country`, `language`,
  `origin_cluster` (a cluster slug). Repeat a parameter for alternatives
  (`stage=emerging&stage=mature`: either); different facets must all hold. Labels of the
  values are at `/api/v1/taxonomy/`;
- `ordering`: `-published_at` (newest first, the default), `published_at`, `updated_at`,
  `title`, `-transferability` (high first, then medium, low, not assessed) and
  `relevance` (the default when `q` is given, the portal's order: the 300 most recent
  practices matching in title or summary, by rank, then every other match, newest
  first; without `q` it is newest first).

Pages are cursor-based (`page_size` up to 100; follow `next`): the cursor holds the whole
sort key (e.g. rank, publication time and id), so pages never overlap or skip, even among
practices that rank alike and while practices are published (one exception: with
`relevance`, a practice published while you page can push the oldest ranked match down
among the others, where you may see it a second time). A cursor belongs to the
ordering and filters it was made with. An unknown parameter or value, a bad
`page_size` or a cursor not taken from a link is a 400 problem. Only published practices
appear here; for the whole catalogue at once use `/api/v1/open-data/practices.jsonl`."""

DETAIL_DESCRIPTION = """\
One practice with its full text, documents and the reproducibility results of the
stakeholder interviews. `contact` is given only to members of partner organisations, their
API keys and the coordinator (null for anyone else), as on the portal.

Published practices are public. The owner organisation (its members and API keys) also
opens its drafts, submitted, rejected and archived practices here, and sees the edit of
a published practice that awaits the coordinator (`pending_revision`); anyone else gets
404 for them. `actions` lists what you may do next (e.g. `submit`)."""

UPDATE_DESCRIPTION = """\
Change a practice of your organisation (editors, write keys; the coordinator may correct
any). Send the `ETag` you read in `If-Match`: 428 without it, 412 if the practice changed
since (re-read it and reapply your change). `PATCH` changes the fields sent; `PUT`
replaces the whole content (fields left out become empty).

- Draft or changes requested: the practice is changed at once (200).
- Published: the change becomes a revision that waits for the coordinator's approval
  (202 Accepted); the public keeps the published text, and the answer shows your
  revision in `pending_revision`. Further edits update that revision.
- Submitted (under review), rejected or archived: 409."""


def _detail_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(PracticeDetailSerializer, description=description)


practice_viewset_schema = extend_schema_view(
    list=extend_schema(
        summary="List and search practices",
        description=LIST_DESCRIPTION,
        parameters=[IF_NONE_MATCH, ETAG_HEADER],
        responses={
            200: PracticeListSerializer(many=True),
            **NOT_MODIFIED,
            **problem_responses(400, 401, 429),
        },
        examples=[
            OpenApiExample(
                "A page of practices",
                value={
                    "next": "https://portal.example/api/v1/practices/?cursor=cD0lNUIlMjIy",
                    "previous": None,
                    "results": [ITEM],
                },
                response_only=True,
                status_codes=["200"],
            )
        ],
        tags=[TAG],
    ),
    retrieve=extend_schema(
        summary="Get a practice",
        description=DETAIL_DESCRIPTION,
        parameters=[SLUG, IF_NONE_MATCH, ETAG_HEADER],
        responses={
            200: PracticeDetailSerializer,
            **NOT_MODIFIED,
            **problem_responses(401, 404, 429),
        },
        examples=[
            OpenApiExample("A practice", value=DETAIL, response_only=True, status_codes=["200"])
        ],
        tags=[TAG],
    ),
    create=extend_schema(
        summary="Create a draft",
        description=(
            "A new draft practice of your organisation (editors, and API keys of scope "
            "`write`). It stays private until you submit it and the coordinator publishes "
            "it. The slug is made from the title and never changes. Answers 201 with the "
            "practice, its `ETag` and its address in `Location`. A person who edits for "
            "several organisations names one in `owner`."
        ),
        request=PracticeCreateSerializer,
        parameters=[ETAG_HEADER, LOCATION_HEADER],
        responses={
            201: _detail_response("The new draft."),
            **problem_responses(*WRITE_ERRORS),
        },
        examples=[
            OpenApiExample("A new draft", value=CREATE_EXAMPLE, request_only=True),
            INVALID_FIELDS,
        ],
        tags=[TAG],
    ),
    update=extend_schema(
        summary="Replace a practice's content",
        description=UPDATE_DESCRIPTION,
        request=PracticeInputSerializer,
        parameters=[SLUG, IF_MATCH, ETAG_HEADER],
        responses={
            200: _detail_response("Saved."),
            202: _detail_response("Saved as a revision awaiting the coordinator's approval."),
            **problem_responses(*WRITE_ERRORS, 412, 428),
        },
        examples=[INVALID_FIELDS, STALE],
        tags=[TAG],
    ),
    partial_update=extend_schema(
        summary="Change some fields of a practice",
        description=UPDATE_DESCRIPTION,
        request=PracticeInputSerializer,
        parameters=[SLUG, IF_MATCH, ETAG_HEADER],
        responses={
            200: _detail_response("Saved."),
            202: _detail_response("Saved as a revision awaiting the coordinator's approval."),
            **problem_responses(*WRITE_ERRORS, 412, 428),
        },
        examples=[
            OpenApiExample(
                "Change the summary",
                value={"summary": "A fund for the first experiments of academic spin-outs."},
                request_only=True,
            ),
            INVALID_FIELDS,
            STALE,
        ],
        tags=[TAG],
    ),
    submit=extend_schema(
        summary="Submit a draft for review",
        description=(
            "Draft or changes requested → submitted: the coordinator is told and reviews "
            "it; it cannot be edited meanwhile. Editors of the owner organisation and its "
            "write keys only. 409 from any other state. `If-Match` is optional here."
        ),
        request=None,
        parameters=[SLUG, IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={
            200: _detail_response("Submitted."),
            **problem_responses(*WRITE_ERRORS, 412),
        },
        examples=[WRONG_STATE],
        tags=[TAG],
    ),
    publish=extend_schema(
        summary="Publish a submitted practice (coordinator)",
        description=(
            "Submitted → published. Only the coordinator, signed in on the portal: API keys "
            "and partners get 403."
        ),
        request=None,
        parameters=[SLUG, IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: _detail_response("Published."), **problem_responses(*WRITE_ERRORS, 412)},
        tags=[TAG],
    ),
    request_changes=extend_schema(
        summary="Hand a submitted practice back (coordinator)",
        description=(
            "Submitted → changes requested, with a comment saying what to change; the "
            "authors are told. Coordinator only."
        ),
        request=TransitionCommentSerializer,
        parameters=[SLUG, IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={
            200: _detail_response("Handed back."),
            **problem_responses(*WRITE_ERRORS, 412),
        },
        tags=[TAG],
    ),
    reject=extend_schema(
        summary="Reject a submitted practice (coordinator)",
        description="Submitted → rejected (final), with the reason. Coordinator only.",
        request=TransitionCommentSerializer,
        parameters=[SLUG, IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: _detail_response("Rejected."), **problem_responses(*WRITE_ERRORS, 412)},
        tags=[TAG],
    ),
    archive=extend_schema(
        summary="Archive a published practice (coordinator)",
        description=(
            "Published → archived: it leaves the catalogue and a pending revision is "
            "withdrawn. Coordinator only."
        ),
        request=None,
        parameters=[SLUG, IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: _detail_response("Archived."), **problem_responses(*WRITE_ERRORS, 412)},
        tags=[TAG],
    ),
    withdraw=extend_schema(
        summary="Withdraw a submitted practice to draft",
        description=(
            "Submitted → draft, before the coordinator has decided, to edit it and submit "
            "it again. Editors of the owner organisation and its write keys."
        ),
        request=None,
        parameters=[SLUG, IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: _detail_response("Withdrawn."), **problem_responses(*WRITE_ERRORS, 412)},
        tags=[TAG],
    ),
    attachments=extend_schema(
        summary="Upload a document",
        description=(
            "Attach a PDF, PNG or JPEG file (at most 10 MB, 20 per practice) as "
            "`multipart/form-data`, with an optional `title`. The file's bytes decide its "
            "type, and its name must match it. Editors of the owner organisation and its "
            "write keys, while the practice is a draft or has changes requested (409 "
            "otherwise). Answers 201 with the document and its download address in "
            "`Location`."
        ),
        request={"multipart/form-data": AttachmentUploadSerializer},
        parameters=[SLUG, LOCATION_HEADER],
        responses={201: AttachmentSerializer, **problem_responses(*WRITE_ERRORS)},
        examples=[
            _problem_example(
                "Not a PDF, PNG or JPEG",
                400,
                "invalid-input",
                "Invalid input",
                "file: “notes.pdf” is not a PDF, PNG or JPEG file: its content is not one of "
                "these types, whatever its name says.",
                "unrecognised_type",
                {
                    "file": [
                        "“notes.pdf” is not a PDF, PNG or JPEG file: its content is not one "
                        "of these types, whatever its name says."
                    ]
                },
            )
        ],
        tags=[TAG],
    ),
)
