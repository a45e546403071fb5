"""Conditional requests: ``ETag`` + ``If-None-Match`` (304) and ``If-Match`` (412/428).

Reads (``ConditionalGetMixin``, part of every API viewset):

- Every successful GET/HEAD answer carries an ``ETag``. By default it is a hash of the
  rendered body, which is always right whatever the representation contains (related
  records, translated labels, absolute URLs) and costs a hash of the bytes already made.
- A detail view may instead return a version tag from ``get_object_etag(obj)`` (e.g.
  ``"<pk>-<version>"``). Then ``If-None-Match`` is answered with 304
  *before* serializing, and the same tag serves ``If-Match`` for updates. Only do this
  when every field of the representation changes that tag (a denormalised counter that
  changes without a version bump would be served stale: that is why the practices API
  keeps the body hash).
- ``If-None-Match`` matching the tag (weak comparison, or ``*``) gives 304 Not Modified
  with the ``ETag`` and no body. Answers that depend on the caller get
  ``Vary: Authorization`` (session cookies add ``Vary: Cookie`` themselves) and
  ``Cache-Control: private``; all get ``no-cache`` so that clients revalidate.

Writes (``check_if_match``):

- PATCH/PUT (and state changes that must not race) call
  ``check_if_match(request, current_etag)`` after loading the record. A missing
  ``If-Match`` gives **428 Precondition Required** by default (``required=False`` makes it
  optional), because an update without it could silently overwrite someone else's
  change. A tag other than the current one (strong comparison) gives **412 Precondition
  Failed** with the current ``ETag`` in the answer. ``*`` matches any existing record.
- The check is advisory against races between it and the write: the service must still
  lock the row and compare the version it was given (pass ``version`` parsed from the
  tag, or the loaded ``obj.version``); map its stale-version error to 412 with the
  view's ``error_code_status`` (see ``netbioclue.rest.exceptions``).
"""

from __future__ import annotations

import hashlib
from functools import partial

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from rest_framework import mixins
from rest_framework.response import Response

from netbioclue.rest.exceptions import PreconditionFailed, PreconditionRequired

_SAFE = ("GET", "HEAD")
# Headers a 304 must repeat (RFC 9110 §15.4.5).
_NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Vary")


def body_etag(content: bytes) -> str:
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def _opaque(tag: str) -> str:
    return tag.removeprefix("W/")


def none_match(request, etag: str) -> bool:
    """Does ``If-None-Match`` list ``etag`` (weak comparison)? Then answer 304."""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = parse_etags(header)
    return tags == ["*"] or _opaque(etag) in {_opaque(tag) for tag in tags}


def check_if_match(request, current_etag: str, *, required: bool = True) -> None:
    """Raise 428 when ``If-Match`` is missing (if required), 412 when it is stale."""
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        if required:
            raise PreconditionRequired()
        return
    tags = parse_etags(header)
    if tags == ["*"]:
        return
    # Strong comparison: a weak tag never matches (RFC 9110 §13.1.1).
    if current_etag.startswith("W/") or current_etag not in tags:
        raise PreconditionFailed(current_etag=current_etag)


def not_modified(response: HttpResponse, etag: str) -> HttpResponseNotModified:
    answer = HttpResponseNotModified()
    for header in _NOT_MODIFIED_HEADERS:
        if header in response:
            answer[header] = response[header]
    answer["ETag"] = etag
    return answer


def _finish_conditional_get(request, response: Response):
    """Post-render callback: tag the rendered body and answer 304 when it matches."""
    etag = response.get("ETag") or body_etag(response.content)
    response["ETag"] = etag
    if none_match(request, etag):
        return not_modified(response, etag)
    return None


class ConditionalGetMixin:
    """ETag on every GET/HEAD answer; 304 for a matching ``If-None-Match``."""

    def get_object_etag(self, obj) -> str | None:
        """A version tag for ``obj`` (see the module docstring); ``None``: hash the body."""
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Authorization",))
        if request.method in _SAFE and response.status_code in (200, 304):
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, no_cache=True)
            if response.status_code == 200 and isinstance(response, Response):
                response.add_post_render_callback(partial(_finish_conditional_get, request))
        return response

    def check_if_match(self, request, obj, *, required: bool = True) -> None:
        """``check_if_match`` against ``get_object_etag(obj)`` (which must be defined)."""
        etag = self.get_object_etag(obj)
        if etag is None:
            raise NotImplementedError("Define get_object_etag() to use If-Match.")
        check_if_match(request, etag, required=required)


class ConditionalRetrieveMixin(mixins.RetrieveModelMixin):
    """``retrieve`` that answers 304 before serializing when ``get_object_etag`` is set."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        etag = self.get_object_etag(instance)
        if etag is not None and none_match(request, etag):
            # Nothing serialized; Vary and Cache-Control are added by finalize_response.
            answer = HttpResponseNotModified()
            answer["ETag"] = etag
            return answer
        response = Response(self.get_serializer(instance).data)
        if etag is not None:
            response["ETag"] = etag
        return response
