"""Base classes for API views.

``ApiViewMixin`` gives any DRF view the house conventions: timestamps rendered in UTC
(``2008-03-14T09:30:00Z``), ETags and 304s (``ConditionalGetMixin``), ``Idempotency-Key``
on POSTs (``IdempotentPostMixin``), and the ``error_code_status`` hook of the problem
handler. ``ReadOnlyApiViewSet`` is the public
list + detail viewset (cursor pagination, FilterSet and ordering from the settings'
defaults, lookup by ``slug``).
"""

import datetime

from django.utils import timezone
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from netbioclue.rest.conditional import ConditionalGetMixin, ConditionalRetrieveMixin
from netbioclue.rest.idempotency import IdempotentPostMixin


class ApiViewMixin(IdempotentPostMixin, ConditionalGetMixin):
    # Service ValidationError code -> HTTP status (default 400); see rest.exceptions.
    error_code_status: dict[str, int] = {}

    def dispatch(self, request, *args, **kwargs):
        # Serializers read the current time zone; the API speaks UTC whatever the site's.
        with timezone.override(datetime.UTC):
            return super().dispatch(request, *args, **kwargs)


class ReadOnlyApiViewSet(
    ApiViewMixin, ConditionalRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"


def created_response(request, data, location: str) -> Response:
    """201 Created with an absolute ``Location`` (the new record's API URL)."""
    return Response(data, status=201, headers={"Location": request.build_absolute_uri(location)})
