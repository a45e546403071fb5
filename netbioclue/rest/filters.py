"""Filtering and ordering of API lists, strict about what the caller sends.

``FilterSetBackend`` applies the view's ``filterset_class``: the same django-filter
FilterSet as the HTML catalogue (one definition), so every facet, ``q=`` and the rest
behave alike in both. Where the HTML page shows a form error, the API answers 400 with
the FilterSet's errors per parameter. A query parameter nobody knows (a typo such as
``stages=``) is refused too, instead of silently returning everything; a view that
reads more parameters lists them in ``extra_query_params``.

``OrderingFilter`` reads ``ordering=`` against the view's ``ordering_fields`` (public
name -> model field, or a tuple of fields each with its own direction, e.g.
``{"newest": ("-published_at",)}``; ``-newest`` reverses them all) and ``ordering`` (the
default), refusing unknown values. The public names, with and without ``-``, appear as an
enum in the schema. A field may be an annotation made in ``get_queryset`` (a search rank,
a computed position): cursor pagination can page on it, as long as it is never null.

Filters apply to lists only; a detail URL is addressed by its slug alone.
"""

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework import filters as drf_filters


def _is_list(view) -> bool:
    return getattr(view, "action", None) in (None, "list")


def known_query_params(view) -> set[str]:
    known = set(getattr(view, "extra_query_params", ()))
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        known |= set(filterset_class.base_filters)
    if getattr(view, "ordering_fields", None):
        known.add(OrderingFilter.ordering_param)
    paginator = getattr(view, "paginator", None)
    if paginator is not None:
        known |= {
            name
            for name in (
                getattr(paginator, "cursor_query_param", None),
                getattr(paginator, "page_size_query_param", None),
            )
            if name
        }
    return known


class FilterSetBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        if not _is_list(view):
            return queryset
        unknown = sorted(set(request.query_params) - known_query_params(view))
        if unknown:
            allowed = ", ".join(sorted(known_query_params(view))) or _("none")
            raise exceptions.ValidationError(
                {
                    name: [
                        _("Unknown query parameter. This endpoint understands: %(allowed)s.")
                        % {"allowed": allowed}
                    ]
                    for name in unknown
                },
                code="unknown_parameter",
            )
        return super().filter_queryset(request, queryset, view)


def _reversed(field: str) -> str:
    return field.removeprefix("-") if field.startswith("-") else f"-{field}"


class OrderingFilter(drf_filters.OrderingFilter):
    ordering_description = _("Sort order; prefix a name with - to reverse it.")

    def get_ordering(self, request, queryset, view):
        fields: dict[str, str] = getattr(view, "ordering_fields", None) or {}
        raw = request.query_params.get(self.ordering_param, "").strip()
        if not raw or not _is_list(view):
            return self.get_default_ordering(view)
        if not fields:
            return self.get_default_ordering(view)
        ordering = []
        for term in (t.strip() for t in raw.split(",")):
            descending = term.startswith("-")
            name = term.removeprefix("-")
            if name not in fields:
                raise exceptions.ValidationError(
                    {
                        self.ordering_param: [
                            _("Unknown sort order %(value)r. Choose from: %(choices)s.")
                            % {"value": term, "choices": ", ".join(self.choices(view))}
                        ]
                    },
                    code="invalid_ordering",
                )
            target = fields[name]
            for field in (target,) if isinstance(target, str) else target:
                ordering.append(_reversed(field) if descending else field)
        return ordering

    @staticmethod
    def choices(view) -> list[str]:
        names = list((getattr(view, "ordering_fields", None) or {}).keys())
        return [value for name in names for value in (name, f"-{name}")]

    def get_schema_operation_parameters(self, view):
        if not getattr(view, "ordering_fields", None):
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(self.ordering_description),
                "schema": {"type": "string", "enum": self.choices(view)},
            }
        ]
