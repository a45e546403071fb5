"""JSON request bodies with bounded size and nesting: what the API accepts before parsing.

Python's ``json`` module recurses once per level: a body of 100,000 ``[`` raised
``RecursionError``, a 500. DRF also reads a JSON body without Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE`` check, so any size was read into memory. ``JSONParser``
(the API's default) refuses, with a 400 problem that says why:

- a body over ``API_JSON_MAX_BYTES`` (settings; 1 MiB: a practice at every maximum
  length is ~150 KB). Only that many bytes (plus one) are read;
- a document nested deeper than ``API_JSON_MAX_DEPTH`` (settings; 20: the API's
  documents are two levels deep), measured on the text before ``json`` sees it;
- text that is not UTF-8, and NaN/Infinity (DRF's strict JSON).

The depth is counted by hand (no kept library bounds ``json``'s recursion): strings are
cut out with one regular expression, then the brackets left are counted.
"""

import re
from itertools import accumulate

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers
from rest_framework.utils import json

# A JSON string (escapes included); possessive, so a long string cannot backtrack.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = str.maketrans({"[": "1", "{": "1", "]": "0", "}": "0"})


def nesting_depth(text: str) -> int:
    """How deep the arrays and objects of the JSON ``text`` nest (0 for a scalar)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if brackets.count("[") + brackets.count("{") <= 1:
        return min(len(brackets), 1)
    steps = (1 if step == "1" else -1 for step in brackets.translate(_STEP))
    return max(accumulate(steps), default=0)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        max_bytes = settings.API_JSON_MAX_BYTES
        max_depth = settings.API_JSON_MAX_DEPTH
        raw = stream.read(max_bytes + 1) if stream is not None else b""
        if len(raw) > max_bytes:
            raise exceptions.ParseError(
                _("The request body is larger than %(max)d KB; send less at a time.")
                % {"max": max_bytes // 1024},
                code="too_large",
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise exceptions.ParseError(
                _("The request body is not UTF-8 text."), code="parse_error"
            ) from None
        if nesting_depth(text) > max_depth:
            raise exceptions.ParseError(
                _(
                    "The JSON is nested more than %(max)d levels deep; the API's documents "
                    "are never that deep."
                )
                % {"max": max_depth},
                code="too_deep",
            )
        try:
            return json.loads(text)  # DRF's: NaN and Infinity are refused
        except ValueError as error:
            raise exceptions.ParseError(
                _("JSON parse error - %(error)s") % {"error": error}, code="parse_error"
            ) from None
