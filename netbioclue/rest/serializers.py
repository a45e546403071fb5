"""Serializer building blocks shared by every API: lean, absolute URLs, UTC timestamps.

``ApiUrlField`` and ``PageUrlField`` give each item its absolute ``url`` (the API
detail) and ``html_url`` (the portal page) with one ``reverse()`` per request instead
of one per item, which matters on 100-item pages.
"""

from urllib.parse import quote

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

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
