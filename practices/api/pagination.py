"""Keyset cursor pagination: the cursor holds the whole sort key, not only its first field.

DRF's ``CursorPagination`` (and ``netbioclue.rest.pagination.CursorPagination`` on top of
it) remembers only the value of the *first* ordering field and skips the items that share
it with an offset, capped at 1,000. The practices sort by values that many records share:
a search rank (every title with the word once ranks alike), a transferability position
(three values over 100,000 practices). Past 1,000 ties the next link would be refused.

Here the position is the value of *every* ordering field, ending with ``id`` (unique),
and the next page starts strictly after that key, written as row-value comparisons::

    (published_at, id) < (t, i)                               -- one direction
    position >= p AND (position > p OR (position = p AND (published_at, id) < (t, i)))

PostgreSQL reads the first form as one range of an index on those columns, so a page
500,000 rows deep costs what the first page costs; with mixed directions the leading
comparison bounds the range. No offset is ever needed, ties cost nothing and records
added meanwhile neither shift nor repeat items. The key is JSON inside the opaque
cursor; each value is checked against its field (or the annotation's output field), and
text for being storable (JSON can carry ``"\u0000"`` and lone surrogates), before it
reaches SQL, so a forged cursor is a 400, never a 500. Ordering fields must be columns
or annotations of the queryset (no ``__`` lookups) and never null.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Field, Model, Q
from django.db.models.fields.tuple_lookups import (
    Tuple,
    TupleExact,
    TupleGreaterThan,
    TupleGreaterThanOrEqual,
    TupleLessThan,
    TupleLessThanOrEqual,
)

from netbioclue.rest.pagination import CursorPagination
from netbioclue.text import is_storable

TIE_BREAKER = "id"

# fetch(key, reverse, offset, limit) -> the items of a page (see paginate_keyset).
PageFetcher = Callable[[list[Any] | None, bool, int, int], list]


def _reverse(ordering) -> tuple[str, ...]:
    return tuple(field[1:] if field.startswith("-") else f"-{field}" for field in ordering)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class KeysetCursorPagination(CursorPagination):
    def get_ordering(self, request, queryset, view):
        ordering = tuple(super().get_ordering(request, queryset, view))
        # The parent appends "pk"; the key reads values by name from dicts too: "id".
        ordering = tuple(
            f"-{TIE_BREAKER}" if field == "-pk" else TIE_BREAKER if field == "pk" else field
            for field in ordering
        )
        return ordering

    def paginate_queryset(self, queryset, request, view=None, *, fetch: PageFetcher | None = None):
        """A page of ``queryset`` in the ordering asked for, read by ``fetch`` if given.

        The queryset gives the ordering and the fields cursor values are checked against
        (columns or annotations); a view whose order SQL reads better in its own way
        (the practices' relevance) passes a ``fetch`` (``paginate_keyset``).
        """
        # DRF's algorithm with the single-field filter replaced by the keyset condition.
        self._queryset = queryset
        ordering = self.get_ordering(request, queryset, view)

        def read(key, reverse, offset, limit):
            order = _reverse(ordering) if reverse else ordering
            rows = queryset.order_by(*order)
            if key is not None:
                rows = rows.filter(self._after(order, key))
            return list(rows[offset : offset + limit])

        return self.paginate_keyset(
            fetch or read, request, ordering=ordering, model=queryset.model, field=self._field
        )

    def paginate_keyset(
        self,
        fetch: PageFetcher,
        request,
        *,
        ordering: Sequence[str],
        model: type[Model],
        field: Callable[[str], Field],
    ) -> list:
        """One page read by ``fetch``: the paginator's cursor handling for any reader.

        ``ordering`` names the key, ending with ``id``; ``field(name)`` gives the field
        each cursor value is checked against. ``fetch(key, reverse, offset, limit)`` returns
        up to ``limit`` items (dicts or objects carrying the key's names) that follow
        strictly after ``key`` (the checked values, in ``ordering``'s order; None: from the
        start), ``offset`` items further, in ``ordering`` or, with ``reverse``, in the
        opposite order.
        """
        self._model = model
        self._field_of = field
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = tuple(ordering)
        self._key: list[Any] | None = None
        self.cursor = self.decode_cursor(request)
        offset, reverse, position = self.cursor if self.cursor else (0, False, None)

        results = fetch(
            self._key if position is not None else None, reverse, offset, self.page_size + 1
        )
        self.page = results[: self.page_size]
        following = (
            self._get_position_from_instance(results[-1], self.ordering)
            if len(results) > len(self.page)
            else None
        )
        if reverse:
            self.page.reverse()
            self.has_next = position is not None or offset > 0
            self.has_previous = following is not None
            self.next_position = position
            self.previous_position = following
        else:
            self.has_next = following is not None
            self.has_previous = position is not None or offset > 0
            self.next_position = following
            self.previous_position = position
        return self.page

    @staticmethod
    def _after(ordering, key: list[Any]) -> Q:
        """Rows strictly after ``key`` in ``ordering``, as row-value comparisons.

        The fields are grouped into runs sorted the same way; each run is one comparison
        ``(a, b) < (x, y)`` (``>`` ascending), the next run deciding only where the first
        is equal. The first run also bounds the range (``<=``), which an index can seek to.
        """
        runs: list[tuple[bool, list[str], list[Any]]] = []
        for field, value in zip(ordering, key, strict=True):
            descending = field.startswith("-")
            if not runs or runs[-1][0] != descending:
                runs.append((descending, [], []))
            runs[-1][1].append(field.lstrip("-"))
            runs[-1][2].append(value)

        def row(names):
            return Tuple(*(F(name) for name in names))

        def beyond(run, inclusive=False):
            descending, names, values = run
            if inclusive:
                lookup = TupleLessThanOrEqual if descending else TupleGreaterThanOrEqual
            else:
                lookup = TupleLessThan if descending else TupleGreaterThan
            return Q(lookup(row(names), values))

        condition = beyond(runs[-1])
        for run in reversed(runs[:-1]):
            condition = beyond(run) | (Q(TupleExact(row(run[1]), run[2])) & condition)
        if len(runs) > 1:
            condition = beyond(runs[0], inclusive=True) & condition
        return condition

    def _get_position_from_instance(self, instance, ordering):
        values = []
        for field in ordering:
            name = field.lstrip("-")
            value = instance[name] if isinstance(instance, dict) else getattr(instance, name)
            values.append(_jsonable(value))
        return json.dumps(values, separators=(",", ":"), ensure_ascii=True)

    def _check_position(self, position: str) -> None:
        # Called by decode_cursor(): parse the key and check every value against its field.
        try:
            raw = json.loads(position)
        except ValueError:
            raise self._invalid_cursor() from None
        if not isinstance(raw, list) or len(raw) != len(self.ordering):
            raise self._invalid_cursor()
        key = []
        for field_name, value in zip(self.ordering, raw, strict=True):
            if value is None or isinstance(value, dict | list):
                raise self._invalid_cursor()
            if isinstance(value, str) and not is_storable(value):  # JSON may hold "\u0000"
                raise self._invalid_cursor()
            field = self._field_of(field_name.lstrip("-"))
            try:
                python = field.to_python(value)
                field.run_validators(python)
            except (DjangoValidationError, ValueError, TypeError, OverflowError):
                raise self._invalid_cursor() from None
            if python is None or (isinstance(python, float) and python != python):  # NaN
                raise self._invalid_cursor()
            key.append(python)
        self._key = key

    def _field(self, name: str):
        if name in ("pk", TIE_BREAKER):
            return self._model._meta.pk
        annotations = self._queryset.query.annotations
        if name in annotations:
            return annotations[name].output_field
        try:
            return self._model._meta.get_field(name)
        except FieldDoesNotExist:
            raise self._invalid_cursor() from None
