"""``Idempotency-Key`` on API POSTs (draft-ietf-httpapi-idempotency-key-header).

A client that may have to resend a POST (a timeout, a lost connection) sends a key of
its choice, e.g. a UUID, in ``Idempotency-Key``. The first request with that key runs
and its answer (status, body, ``Location``, ``ETag``) is stored; a request with the same
key and the same body gets the stored answer again, status included, with
``Idempotent-Replayed: true``, and nothing runs twice. The same key with another body (or
another endpoint) is refused with 422 ``idempotency-key-reused``.

- Keys are scoped per caller: per API key, or per signed-in person. Anonymous POSTs
  (refused anyway) ignore the header.
- A key is remembered for 24 hours (``netbioclue.idempotency.KEY_LIFETIME``).
- The body is compared as parsed: JSON by its canonical form (key order and spacing do
  not matter), multipart by its fields and the files' bytes (not its boundary).
- Parallel requests with one key: the claim (``netbioclue.idempotency.claim``) and the
  work share one transaction, so the second waits for the first and then gets its answer.
- Answers 5xx (and crashes) are not stored, so a retry runs again. Authentication,
  permission and rate-limit refusals happen before the key is looked at and are not
  stored either.

``IdempotentPostMixin`` is part of ``netbioclue.rest.viewsets.ApiViewMixin``: every API
POST supports the header. ``IdempotencyKeyHeaderExtension`` documents it in the schema.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions

from netbioclue import idempotency
from netbioclue.models import IdempotencyRecord
from netbioclue.rest.permissions import api_key

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# Headers of the first answer that a replay repeats.
STORED_HEADERS = ("Content-Type", "Location", "ETag", "Content-Language")

HEADER_PARAMETER = OpenApiParameter(
    name=HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Optional. A unique value of your choice (a UUID, at most 255 printable ASCII "
        "characters) that makes this POST safe to retry: the same key with the same body "
        "within 24 hours returns the first answer again (same status, header "
        "`Idempotent-Replayed: true`) without repeating the write; the same key with "
        "another body is refused with 422. Keys are scoped to your API key or account."
    ),
)


class IdempotencyKeyReused(exceptions.APIException):
    status_code = 422  # Unprocessable Content (RFC 9110), as the draft asks
    default_detail = _(
        "This Idempotency-Key was already used for another request (another body or "
        "endpoint). Use a new key for a new request."
    )
    default_code = "idempotency_key_reused"


def _key_from_header(value: str) -> str:
    """The key, from a structured-field string (``"abc"``) or a bare token (``abc``)."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    if not idempotency.valid_key(value):
        raise exceptions.ValidationError(
            {
                HEADER: [
                    _(
                        "Send a key of 1 to 255 printable ASCII characters without spaces, "
                        "for example a UUID."
                    )
                ]
            },
            code="invalid_idempotency_key",
        )
    return value


def _caller_scope(request) -> str | None:
    key = api_key(request)
    if key is not None:
        return f"api:key:{key.pk}"
    if request.user.is_authenticated:
        return f"api:user:{request.user.pk}"
    return None


def _fingerprint(request) -> str:
    """A hash of what was asked: method, path and the parsed body."""
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.get_full_path()}\n".encode())
    data = request.data
    files = getattr(request, "FILES", None) or {}
    if hasattr(data, "lists"):  # form data: fields, then the files' bytes
        fields = sorted((name, values) for name, values in data.lists() if name not in files)
        digest.update(json.dumps(fields, sort_keys=True, default=str).encode())
        for name in sorted(files):
            for upload in files.getlist(name):
                digest.update(f"\n{name}:{upload.name}:{upload.size}:".encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
    else:
        digest.update(json.dumps(data, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _replay(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(bytes(record.response_body or b""), status=record.response_status)
    for name, value in (record.response_headers or {}).items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


class IdempotentPostMixin:
    """Honours ``Idempotency-Key`` on the POSTs of an API view (see the module docstring)."""

    def initial(self, request, *args, **kwargs):
        # Authentication, permissions and throttles first: their refusals store nothing.
        super().initial(request, *args, **kwargs)
        if request.method != "POST" or HEADER not in request.headers:
            return
        scope = _caller_scope(request)
        if scope is None:
            return
        key = _key_from_header(request.headers[HEADER])
        fingerprint = _fingerprint(request)
        handler = getattr(self, "post", None)
        if handler is None:
            return

        def run_once(request, *args, **kwargs):
            with transaction.atomic():
                taken = idempotency.claim(scope=scope, key=key, fingerprint=fingerprint)
                if not taken.new:
                    if taken.record.fingerprint != fingerprint:
                        raise IdempotencyKeyReused
                    return _replay(taken.record)
                try:
                    # A savepoint: a failed write leaves the claim's transaction usable.
                    with transaction.atomic():
                        response = handler(request, *args, **kwargs)
                except Exception as exc:
                    response = self.handle_exception(exc)
                response = self.finalize_response(request, response, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
                if response.status_code >= 500:
                    IdempotencyRecord.objects.filter(pk=taken.record.pk).delete()
                else:
                    IdempotencyRecord.objects.filter(pk=taken.record.pk).update(
                        response_status=response.status_code,
                        response_headers={
                            name: response[name] for name in STORED_HEADERS if name in response
                        },
                        response_body=response.content,
                    )
                return response

        # DRF looks the handler up after initial(): the POST goes through run_once.
        self.post = run_once
