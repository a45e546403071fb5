"""The floor of the API benchmark: the cheapest Django view that returns the same rows.

One query for the same 100 practices as ``GET /api/v1/practices/?page_size=100`` (the
newest published, the same columns), ``.values()`` instead of model instances, ``orjson``
instead of serializers: no authentication, throttling, content negotiation, pagination
links, URLs, nesting or ETag. The API is judged by how close it stays to this.
"""

import orjson
from django.http import HttpResponse

from practices.api.serializers import LIST_VALUES
from practices.models import Practice

PAGE_SIZE = 100


def floor_rows() -> list[dict]:
    return list(
        Practice.objects.published()
        .order_by("-published_at", "-id")
        .values(*LIST_VALUES)[:PAGE_SIZE]
    )


def practices_floor_view(request):
    return HttpResponse(orjson.dumps({"results": floor_rows()}), content_type="application/json")
