"""What a person types in the catalogue's search box, made safe for ``websearch_to_tsquery``.

PostgreSQL's web-search parser turns every ``-`` that stands before a word into a NOT
and keeps the NOTs waiting for their word on a stack of 32 entries: a query with 33 or
more ``-`` between two words (``---…``, ``- - -…``, ``-(-)-(-)…``) fails with "tsquery
stack too small", which reached people as a 500. Other operator characters are skipped
by the parser and cannot fail it.

``normalise_query`` keeps at most one ``-`` between two words (the others become
spaces), so no string can overflow that stack, and a query means what it did: a word
with one ``-`` before it is excluded, ``fund-raising`` is still a hyphenated word. Only
ASCII letters and digits count as words here, because PostgreSQL may read other letters
as separators (it depends on the database's locale): a run of separators is then never
shorter for this module than for the parser. A NUL or a lone surrogate is refused
earlier (``netbioclue.text.validate_text``). Written by hand: no library parses
PostgreSQL's web-search syntax.
"""

import re

import django_filters
from django import forms

from netbioclue.text import validate_text

# Everything between two ASCII words: where the parser looks for the next operand.
_BETWEEN_WORDS = re.compile(r"[^A-Za-z0-9]+")


def _one_dash(match: re.Match) -> str:
    gap = match.group()
    if gap.count("-") < 2:
        return gap
    last = gap.rindex("-")
    return gap[:last].replace("-", " ") + gap[last:]


def normalise_query(text: str) -> str:
    """``text`` with at most one ``-`` between two words, surrounding space stripped."""
    return _BETWEEN_WORDS.sub(_one_dash, text).strip()


class SearchTextField(forms.CharField):
    """A search box: storable text (``validate_text``), normalised by ``normalise_query``."""

    default_validators = [validate_text]

    def clean(self, value):
        value = super().clean(value)
        return normalise_query(value) if value else value


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField
