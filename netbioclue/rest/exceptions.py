"""One error format for the whole API: ``application/problem+json`` (RFC 9457).

Every 4xx and 5xx answer under ``/api/`` is a problem document::

    {"type": "https://…/api/v1/getting-started/#problem-invalid-input",
     "title": "Invalid input", "status": 400,
     "detail": "stage: Select a valid choice. …", "instance": "/api/v1/clusters/?stage=x",
     "code": "invalid", "errors": {"stage": ["Select a valid choice. …"]}}

``type`` points at the explanation on the getting-started page; ``title`` is fixed per
type, ``detail`` says what happened this time, ``code`` is a stable machine-readable
code and ``errors`` (validation only) maps each field, or query parameter, to its
messages. Nested fields are dotted (``links.2``); errors not tied to one field are
under ``non_field_errors``.

Two layers produce them:

- ``problem_exception_handler`` (DRF's ``EXCEPTION_HANDLER``) turns exceptions raised in
  API views into problems. Besides DRF's own exceptions it understands what services
  raise: Django's ``ValidationError`` (400, per-field errors from its ``error_dict``),
  ``PermissionDenied`` (403), ``Http404`` (404) and ``django.db.DataError`` (400: input
  PostgreSQL refused that no boundary caught; logged, see ``netbioclue.dataerrors``). A
  view may map the ``code`` of a service's ``ValidationError`` to another status with
  ``error_code_status``, e.g.
  ``error_code_status = {"invalid_transition": 409}``.
- ``netbioclue.rest.middleware.ProblemDetailsMiddleware`` rewrites errors that never
  reached a DRF view (unknown URLs under ``/api/``, crashes: 500) into problems.

Raise ``PreconditionFailed`` (412), ``PreconditionRequired`` (428) and ``Conflict`` (409)
from views; ``netbioclue.rest.conditional`` does it for ``If-Match``.
"""

from __future__ import annotations

import contextlib
import http
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, DisallowedHost
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from netbioclue.dataerrors import log_data_error
from netbioclue.rest.renderers import PROBLEM_MEDIA_TYPE, dumps

# slug (the anchor on the getting-started page) -> title, by status or exception class.
PROBLEM_TYPES: dict[str, Any] = {
    "invalid-input": _("Invalid input"),
    "malformed-request": _("Malformed request"),
    "unauthenticated": _("Authentication required"),
    "invalid-credentials": _("Invalid credentials"),
    "forbidden": _("Not allowed"),
    "not-found": _("Not found"),
    "method-not-allowed": _("Method not allowed"),
    "not-acceptable": _("Not acceptable"),
    "conflict": _("Conflict"),
    "precondition-failed": _("The record changed meanwhile"),
    "unsupported-media-type": _("Unsupported media type"),
    "precondition-required": _("Precondition required"),
    "idempotency-key-reused": _("Idempotency key already used"),
    "rate-limited": _("Too many requests"),
    "server-error": _("Server error"),
}

_BY_CLASS: list[tuple[type[exceptions.APIException], str]] = [
    (exceptions.ParseError, "malformed-request"),
    (exceptions.ValidationError, "invalid-input"),
    (exceptions.NotAuthenticated, "unauthenticated"),
    (exceptions.AuthenticationFailed, "invalid-credentials"),
]
_BY_STATUS = {
    400: "invalid-input",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    412: "precondition-failed",
    415: "unsupported-media-type",
    422: "idempotency-key-reused",
    428: "precondition-required",
    429: "rate-limited",
    500: "server-error",
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the current state of the record.")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    """412: the ``If-Match`` ETag is not the record's current one (someone changed it)."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "The record changed since you read it. Fetch it again (its current ETag is in this "
        "response), reapply your change and send it with the new ETag in If-Match."
    )
    default_code = "precondition_failed"

    def __init__(self, detail=None, code=None, *, current_etag: str | None = None):
        super().__init__(detail, code)
        self.current_etag = current_etag


class PreconditionRequired(exceptions.APIException):
    """428: a change was sent without ``If-Match``, which would risk a lost update."""

    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Send the ETag of the record as you last read it in an If-Match header, so that "
        "changes made meanwhile by others are not overwritten."
    )
    default_code = "precondition_required"


def problem_type_slug(status_code: int, exc: Exception | None = None) -> str | None:
    for cls, slug in _BY_CLASS:
        if isinstance(exc, cls) and (exc.status_code == cls.status_code):
            return slug
    return _BY_STATUS.get(status_code)


def problem_document(
    request: HttpRequest | None,
    status_code: int,
    *,
    detail: str | None = None,
    code: str | None = None,
    slug: str | None = None,
    errors: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The body of a problem answer; ``slug`` defaults to the one for ``status_code``."""
    slug = slug or problem_type_slug(status_code)
    if slug in PROBLEM_TYPES:
        problem_type = _problem_type_uri(request, slug)
        title = str(PROBLEM_TYPES[slug])
    else:
        problem_type = "about:blank"
        title = _status_phrase(status_code)
    document: dict[str, Any] = {"type": problem_type, "title": title, "status": status_code}
    if detail:
        document["detail"] = str(detail)
    if request is not None:
        document["instance"] = request.get_full_path()
    if code:
        document["code"] = code
    if errors is not None:
        document["errors"] = errors
    return document


def problem_http_response(
    request: HttpRequest | None, status_code: int, *, detail: str | None = None, **kwargs
) -> HttpResponse:
    """A plain Django response carrying a problem (for code outside DRF views)."""
    body = problem_document(request, status_code, detail=detail, **kwargs)
    return HttpResponse(dumps(body), status=status_code, content_type=PROBLEM_MEDIA_TYPE)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's ``EXCEPTION_HANDLER``: every handled exception becomes a problem document.

    Anything else returns ``None``: DRF re-raises it, Django logs it and answers 500, and
    ``ProblemDetailsMiddleware`` turns that answer into a problem too.
    """
    request = context.get("request")
    view = context.get("view")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, DataError) and request is not None:
        # Input a boundary let through and PostgreSQL refused (netbioclue.dataerrors).
        log_data_error(request, exc)
        exc = exceptions.ValidationError(
            {
                api_settings.NON_FIELD_ERRORS_KEY: [
                    _(
                        "The request contains a value the database cannot store (for "
                        "example a NUL character or a number out of range)."
                    )
                ]
            },
            code="unstorable_input",
        )
    elif isinstance(exc, DjangoValidationError):
        code = _single_code(exc)
        detail = as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:  # Django's "__all__" is DRF's non_field_errors
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        exc = exceptions.ValidationError(detail, code=code)
        mapped = getattr(view, "error_code_status", {}).get(code)
        if mapped:
            exc.status_code = mapped
    if not isinstance(exc, exceptions.APIException):
        return None

    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if getattr(exc, "current_etag", None):
        headers["ETag"] = exc.current_etag

    errors = None
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(exc.detail)
        detail = _summary(errors)
        code = _single_code_of_detail(exc.detail) or "invalid"
    else:
        detail = _text(exc.detail)
        code = _single_code_of_detail(exc.detail) or exc.default_code

    set_rollback()
    body = problem_document(
        request,
        exc.status_code,
        detail=detail,
        code=code,
        slug=problem_type_slug(exc.status_code, exc),
        errors=errors,
    )
    return Response(body, status=exc.status_code, headers=headers, content_type=PROBLEM_MEDIA_TYPE)


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as ``{"field": [...], "links.2": [...]}``."""
    key = prefix or api_settings.NON_FIELD_ERRORS_KEY
    flat: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for name, value in detail.items():
            for field, messages in flatten_errors(
                value, f"{prefix}.{name}" if prefix else str(name)
            ).items():
                flat.setdefault(field, []).extend(messages)
    elif isinstance(detail, list | tuple):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list | tuple):
                nested = flatten_errors(item, f"{prefix}.{index}" if prefix else str(index))
                for field, messages in nested.items():
                    flat.setdefault(field, []).extend(messages)
            else:
                flat.setdefault(key, []).append(str(item))
    else:
        flat.setdefault(key, []).append(str(detail))
    return flat


def _summary(errors: dict[str, list[str]]) -> str:
    if not errors:
        return str(_("The request is not valid."))
    field, messages = next(iter(errors.items()))
    first = messages[0] if field == api_settings.NON_FIELD_ERRORS_KEY else f"{field}: {messages[0]}"
    others = sum(len(m) for m in errors.values()) - 1
    if others:
        first += " " + str(_("(and %(count)d more; see errors)") % {"count": others})
    return first


def _text(detail: Any) -> str:
    if isinstance(detail, dict | list):
        return _summary(flatten_errors(detail))
    return str(detail)


def _single_code(exc: DjangoValidationError) -> str | None:
    codes = {error.code for error in exc.error_list} if not hasattr(exc, "error_dict") else None
    if codes is None:
        codes = {e.code for errors in exc.error_dict.values() for e in errors}
    return codes.pop() if len(codes) == 1 else None


def _single_code_of_detail(detail: Any) -> str | None:
    codes: set[str] = set()

    def walk(item):
        if isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list | tuple):
            for value in item:
                walk(value)
        elif getattr(item, "code", None):
            codes.add(item.code)

    walk(detail)
    return codes.pop() if len(codes) == 1 else None


def _problem_type_uri(request: HttpRequest | None, slug: str) -> str:
    try:
        page = reverse("api-getting-started")
    except NoReverseMatch:  # pragma: no cover - the page is always routed
        return "about:blank"
    if request is not None:
        # A problem about a bad Host header stays relative.
        with contextlib.suppress(DisallowedHost):
            page = request.build_absolute_uri(page)
    return f"{page}#problem-{slug}"


def _status_phrase(status_code: int) -> str:
    try:
        return http.HTTPStatus(status_code).phrase
    except ValueError:
        return "Error"
