"""The one check every piece of user text passes before it can reach PostgreSQL.

PostgreSQL stores neither NUL (``\\x00``) nor lone UTF-16 surrogates (``\\ud800``…
``\\udfff``, which JSON can carry as ``"\\ud800"`` but UTF-8 cannot encode). Letting
either through turns a person's typo into a ``DataError`` or ``UnicodeEncodeError`` deep
inside a query, i.e. a 500. Forms, filters, serializers, cursors and list fields all
call ``validate_text`` (or ``is_storable``) at the boundary, so the person gets a
specific message and keeps what they typed.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# NUL and lone surrogates; other control characters are stored fine and left alone.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

UNSTORABLE_MESSAGE = _(
    "This text contains a character that cannot be stored (a NUL byte or a lone "
    "surrogate). Remove it and try again."
)


def is_storable(value: str) -> bool:
    """True when PostgreSQL can store ``value`` as text."""
    return _UNSTORABLE.search(value) is None


def validate_text(value: object) -> None:
    """Django/DRF validator: refuse text PostgreSQL cannot store (non-strings pass)."""
    if isinstance(value, str) and not is_storable(value):
        raise ValidationError(UNSTORABLE_MESSAGE, code="unstorable_text")


def validate_text_list(values: object) -> None:
    """``validate_text`` for every item of a list field (``dos``, ``links``…)."""
    if isinstance(values, list | tuple):
        for value in values:
            validate_text(value)


def parse_whole_number(raw: object) -> int | None:
    """``raw`` as a non-negative integer if it is written with ASCII digits only, else None.

    ``str.isdigit()`` is true for "²" and "①", which ``int()`` then refuses (a 500);
    ``int()`` itself reads "١٢" and "１２" as 12. An identifier or a size in a URL is
    ASCII digits, nothing else; at most 18 of them, so it always fits a bigint.
    """
    if not isinstance(raw, str) or not (raw.isascii() and raw.isdecimal()) or len(raw) > 18:
        return None
    return int(raw)


# Maximum lengths of free text, in characters (model fields carry them: forms show a
# ``maxlength``, serializers refuse more, the OpenAPI schema says ``maxLength``). A long
# practice description in the NETBIOCLUE material is ~6,000 characters; a 5 MB one is
# an accident or an attack. ``MAX_LIST_ITEMS`` bounds list fields (do's, links…).
SHORT_TEXT = 5_000
MEDIUM_TEXT = 10_000
LONG_TEXT = 20_000
MAX_LIST_ITEMS = 30
