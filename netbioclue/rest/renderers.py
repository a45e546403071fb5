"""JSON rendering with orjson: several times faster than ``json.dumps`` on large pages.

The output matches DRF's renderer for what serializers produce (strings, numbers,
lists, dicts, ``None``); ``Decimal`` becomes a number as in DRF, lazy translations and
other objects become strings.
"""

from decimal import Decimal

import orjson
from django.utils.functional import Promise
from rest_framework import renderers

PROBLEM_MEDIA_TYPE = "application/problem+json"


def _default(obj):
    if isinstance(obj, Decimal):
        return float(obj)
    if isinstance(obj, Promise):
        return str(obj)
    if hasattr(obj, "tolist"):  # numpy-like arrays
        return obj.tolist()
    if hasattr(obj, "__iter__"):
        return list(obj)
    return str(obj)


def dumps(data) -> bytes:
    return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)


class JSONRenderer(renderers.JSONRenderer):
    """``application/json`` through orjson (compact; no indentation)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return dumps(data)
