"""Serializer building blocks shared by every API: lean, absolute URLs, UTC timestamps,
strict text.

``ApiUrlField`` and ``PageUrlField`` give each item its absolute ``url`` (the API
detail) and ``html_url`` (the portal page) with one ``reverse()`` per request instead
of one per item, which matters on 100-item pages.

``StrictSerializer`` and ``StrictModelSerializer`` are the bases of every serializer
that reads input. DRF's ``CharField`` turns any number into text: ``{"title": 12}``
was stored as "12" and ``{"title": 1e309}`` as "inf". Here a text field (``CharField``
and its subclasses: e-mail, URL, slug…, declared or made from a model field, also as
the items of a ``ListField``) takes a JSON string and nothing else; anything else is a
400 naming the field. DRF's ``CharField`` already refuses NUL and lone surrogates
(``netbioclue.text`` explains why they must never reach PostgreSQL).
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

_PLACEHOLDER = "__lookup__"


@extend_schema_field(OpenApiTypes.URI)
class _ReversedUrlField(serializers.Field):
    def __init__(
        self,
        view_name: str,
        *,
        lookup_field: str = "slug",
        lookup_url_kwarg: str | None = None,
        **kwargs,
    ):
        self.view_name = view_name
        self.lookup_field = lookup_field
        self.lookup_url_kwarg = lookup_url_kwarg or lookup_field
        self._template: str | None = None
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def _url_template(self) -> str:
        if self._template is None:
            path = reverse(self.view_name, kwargs={self.lookup_url_kwarg: _PLACEHOLDER})
            request = self.context.get("request")
            self._template = request.build_absolute_uri(path) if request is not None else path
        return self._template

    def to_representation(self, obj):
        value = getattr(obj, self.lookup_field)
        return self._url_template().replace(_PLACEHOLDER, quote(str(value), safe=""))


class ApiUrlField(_ReversedUrlField):
    """Absolute URL of the item in the API (DRF route name, e.g. ``cluster-detail``)."""


class PageUrlField(_ReversedUrlField):
    """Absolute URL of the item's page on the portal (e.g. ``clusters:detail``)."""


NOT_TEXT_MESSAGE = _("Send text (a JSON string), not %(kind)s.")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return str(_("true or false"))
    if isinstance(value, int | float):
        return str(_("a number"))
    if isinstance(value, Mapping):
        return str(_("an object"))
    if isinstance(value, list | tuple):
        return str(_("a list"))
    return str(_("a value of another type"))


def _not_text(field: serializers.Field, value: Any) -> Any:
    """The errors of ``value`` for ``field`` if it is not text where text is due, or None."""
    if value is empty or value is None:
        return None
    if isinstance(field, serializers.CharField):
        if isinstance(value, str) or (hasattr(value, "read") and hasattr(value, "name")):
            return None
        return [NOT_TEXT_MESSAGE % {"kind": _kind(value)}]
    if isinstance(field, serializers.ListField) and isinstance(value, list | tuple):
        errors = {
            index: problem
            for index, item in enumerate(value)
            if (problem := _not_text(field.child, item)) is not None
        }
        return errors or None
    return None


class StrictTextMixin:
    """Refuse non-string values for text fields before DRF converts them (module docstring)."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {}
            for field in self._writable_fields:  # type: ignore[attr-defined]
                if field.source == "*":
                    continue
                problem = _not_text(field, data.get(field.field_name, empty))
                if problem is not None:
                    errors[field.field_name] = problem
            if errors:
                raise serializers.ValidationError(errors, code="not_text")
        return super().to_internal_value(data)  # type: ignore[misc]


class StrictSerializer(StrictTextMixin, serializers.Serializer):
    """The base of input serializers: text fields take strings only."""


class StrictModelSerializer(StrictTextMixin, serializers.ModelSerializer):
    """The base of model serializers that read input: text fields take strings only."""
