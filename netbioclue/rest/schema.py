"""OpenAPI pieces every endpoint reuses: the problem document, error answers, headers.

@extend_schema(
    summary="…", description="…",
    parameters=[IF_NONE_MATCH],
    responses={200: MySerializer, **NOT_MODIFIED, **problem_responses(400, 429)},
)
"""

from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import permissions, serializers

from netbioclue.rest.permissions import ApiAccess
from netbioclue.rest.renderers import PROBLEM_MEDIA_TYPE
from netbioclue.rest.serializers import StrictSerializer


class AutoSchema(openapi.AutoSchema):
    """Documents operations that anonymous callers may use (``AllowAny`` views and reads
    of ``ApiAccess`` views) with ``security: []``, so that Swagger UI and ReDoc show no
    padlock on them (a key sent along is still honoured); and documents
    ``Idempotency-Key`` (and its 422) on every POST (``rest.idempotency``)."""

    def get_auth(self):
        auths = super().get_auth()
        perms = [type(permission) for permission in self.view.get_permissions()]
        if ApiAccess in perms and self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def get_override_parameters(self):
        from netbioclue.rest.idempotency import HEADER_PARAMETER

        parameters = list(super().get_override_parameters())
        if self.method == "POST":
            parameters.append(HEADER_PARAMETER)
        return parameters

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None and {} in operation.get("security", []):
            # Open to anyone: an empty requirement list, not "no key or a key" (which
            # the documentation viewers draw as a padlock).
            operation["security"] = []
        if operation is not None and method == "POST":
            problem = self.resolve_serializer(ProblemSerializer, "response")
            operation.setdefault("responses", {}).setdefault(
                "422",
                {
                    "description": _DESCRIPTIONS[422],
                    "content": {PROBLEM_MEDIA_TYPE: {"schema": problem.ref}},
                },
            )
        return operation


class ProblemSerializer(StrictSerializer):
    """An error, as RFC 9457 ``application/problem+json``."""

    type = serializers.URLField(help_text="Where this kind of problem is explained.")
    title = serializers.CharField(help_text="Short summary of the kind of problem.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(
        required=False, help_text="What went wrong this time, for a person to read."
    )
    instance = serializers.CharField(required=False, help_text="The request path and query.")
    code = serializers.CharField(required=False, help_text="A stable machine-readable code.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Validation only: messages per field or query parameter.",
    )


_DESCRIPTIONS = {
    400: "Invalid input: a bad query parameter (unknown facet value, `page_size`, cursor, "
    "ordering) or invalid data. `errors` lists the messages per parameter or field.",
    401: "The API key is malformed, unknown or revoked (`WWW-Authenticate: Bearer`), or "
    "this operation needs credentials.",
    403: "Authenticated, but not allowed to do this (e.g. a read-only key writing).",
    404: "No such record, or none visible to you.",
    409: "The request conflicts with the record's current state.",
    412: "`If-Match` does not carry the record's current ETag: it changed meanwhile.",
    422: "The `Idempotency-Key` was already used for another request (another body or "
    "endpoint) within 24 hours: send a new key.",
    428: "This change needs an `If-Match` header with the ETag you last read.",
    429: "Too many requests; retry after the seconds given in `Retry-After`.",
}

_EXAMPLES = {
    400: OpenApiExample(
        "Unknown facet value",
        value={
            "type": "https://portal.example/api/v1/getting-started/#problem-invalid-input",
            "title": "Invalid input",
            "status": 400,
            "detail": "stage: Select a valid choice. sleepy is not one of the available choices.",
            "instance": "/api/v1/clusters/?stage=sleepy",
            "code": "invalid_choice",
            "errors": {
                "stage": ["Select a valid choice. sleepy is not one of the available choices."]
            },
        },
        response_only=True,
        status_codes=["400"],
        media_type=PROBLEM_MEDIA_TYPE,
    ),
    429: OpenApiExample(
        "Rate limited",
        value={
            "type": "https://portal.example/api/v1/getting-started/#problem-rate-limited",
            "title": "Too many requests",
            "status": 429,
            "detail": "Request was throttled. Expected available in 42 seconds.",
            "instance": "/api/v1/clusters/",
            "code": "throttled",
        },
        response_only=True,
        status_codes=["429"],
        media_type=PROBLEM_MEDIA_TYPE,
    ),
}


def problem_responses(*status_codes: int) -> dict:
    """``responses`` entries documenting problem answers for ``status_codes``."""
    return {
        (code, PROBLEM_MEDIA_TYPE): OpenApiResponse(
            ProblemSerializer,
            description=_DESCRIPTIONS.get(code, ""),
            examples=[_EXAMPLES[code]] if code in _EXAMPLES else [],
        )
        for code in status_codes
    }


NOT_MODIFIED = {
    304: OpenApiResponse(
        description="Not modified: the `If-None-Match` ETag is still current (no body)."
    )
}

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="The `ETag` of a previous answer; 304 without a body if nothing changed.",
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The `ETag` of the record as you last read it (412 if it changed since).",
)


def slug_parameter(description: str) -> OpenApiParameter:
    return OpenApiParameter(
        "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description=description
    )


LIST_ERRORS = problem_responses(400, 401, 429)
DETAIL_ERRORS = problem_responses(401, 404, 429)
