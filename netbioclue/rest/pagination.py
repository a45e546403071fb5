"""Cursor pagination for every API list: stable while records are added, no COUNT(*).

Query parameters: ``cursor`` (opaque; take it from ``next``/``previous``) and
``page_size`` (1 to 100, default 20). The answer is ``{"next": url|null, "previous":
url|null, "results": [...]}`` plus a ``Link`` header with the same URLs.

Unlike DRF's class, a bad ``page_size`` or a malformed or tampered ``cursor`` gives 400
with an explanation (DRF silently uses the default size, answers 404, or crashes with
500 when a forged position does not fit the ordering field). Any string is either a
cursor this class wrote or a 400: a position with text PostgreSQL cannot store (a NUL,
a lone surrogate, bytes that are not UTF-8) is refused before it reaches SQL.

The ordering comes from ``netbioclue.rest.filters.OrderingFilter`` (the view's
``ordering_fields`` and ``ordering``). Cursor positions use the *first* ordering field,
so it must be non-null and unique or nearly so (name, slug, a timestamp); a unique
tie-breaker (``pk``) is appended automatically so that pages never overlap.
"""

import binascii
from base64 import b64decode
from urllib import parse

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework import pagination as drf_pagination
from rest_framework.response import Response

from netbioclue.text import is_storable, parse_whole_number

MAX_PAGE_SIZE = 100


class CursorPagination(drf_pagination.CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    page_size_query_description = _("Items per page, 1 to 100 (default 20).")
    cursor_query_description = _(
        "Where the page starts; take it from the `next` or `previous` link of a page."
    )
    max_page_size = MAX_PAGE_SIZE
    ordering = ("pk",)
    template = None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(
                    minimum=1, maximum=self.max_page_size, default=self.page_size
                )
        return parameters

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        size = parse_whole_number(raw) or 0  # ASCII digits only: "²", "١٢" are refused
        if not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                },
                code="invalid_page_size",
            )
        return size

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not any(field.lstrip("-") in ("pk", "id") for field in ordering):
            direction = "-" if ordering[0].startswith("-") else ""
            ordering = (*ordering, f"{direction}pk")
        return ordering

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        # Stricter than DRF, which reads any base64-ish garbage as "the first page".
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:
            return None
        try:
            querystring = b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
            tokens = parse.parse_qs(
                querystring, keep_blank_values=True, strict_parsing=True, errors="strict"
            )
            if set(tokens) - {"o", "r", "p"} or any(len(v) != 1 for v in tokens.values()):
                raise ValueError(querystring)
            if not all(is_storable(v[0]) for v in tokens.values()):
                raise ValueError(querystring)
            offset = int(tokens.get("o", ["0"])[0])
            if not 0 <= offset <= self.offset_cutoff:
                raise ValueError(offset)
            reverse = tokens.get("r", ["0"])[0]
            if reverse not in ("0", "1"):
                raise ValueError(reverse)
            position = tokens.get("p", [None])[0]
        except (ValueError, TypeError, UnicodeError, binascii.Error):
            raise self._invalid_cursor() from None
        if position is not None:
            self._check_position(position)
        return drf_pagination.Cursor(offset=offset, reverse=reverse == "1", position=position)

    def _check_position(self, position: str) -> None:
        # The position is compared with the first ordering field in SQL: a value that
        # does not fit that field must be refused here, not crash the query.
        name = self.ordering[0].lstrip("-")
        try:
            field = self._model._meta.pk if name == "pk" else self._model._meta.get_field(name)
        except FieldDoesNotExist:
            return  # an annotation: nothing to check against
        try:
            value = field.to_python(position)
            field.run_validators(value)
        except (DjangoValidationError, ValueError, TypeError):
            raise self._invalid_cursor() from None

    def _invalid_cursor(self):
        return exceptions.ValidationError(
            {
                self.cursor_query_param: [
                    _(
                        "This cursor is not valid. Use the next or previous link of a page "
                        "as it is, or leave the cursor out to start at the beginning."
                    )
                ]
            },
            code="invalid_cursor",
        )

    def get_paginated_response(self, data):
        response = Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", response.data["next"]), ("prev", response.data["previous"]))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response
