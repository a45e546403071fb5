"""Field registries: each entity's fields described once.

A registry lists an entity's fields as ``FieldSpec`` rows: the model attribute, its
label, what kind of value it holds, its vocabulary, its length limit and how each
consumer treats it (editable by partners, a search facet, exported, named in the API,
shown in the audit trail). Forms, FilterSets, facet counts, exports, serializers, the
OpenAPI schema and SQL column lists derive their field lists from the registry instead
of repeating them, so adding a field or a facet is one edit.

Each app keeps its registry in ``<app>/fields.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise


class Kind(StrEnum):
    """What a field holds; consumers pick widgets, parsers and SQL by it."""

    SHORT_TEXT = "short_text"  # one line, max_length required
    TEXT = "text"  # free text, max_length required (no unbounded input)
    CHOICE = "choice"  # one value of ``vocabulary``
    MULTI_CHOICE = "multi_choice"  # a list of values of ``vocabulary``
    TEXT_LIST = "text_list"  # a list of short texts (max_length per item)
    URL_LIST = "url_list"
    EMAIL = "email"
    URL = "url"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    COUNTRY = "country"
    COUNTRY_LIST = "country_list"
    FOREIGN_KEY = "foreign_key"


class Audit(StrEnum):
    """How a change of the field appears in the activity log."""

    VALUE = "value"  # old and new values
    CHANGED = "changed"  # only that it changed (long texts)
    PRIVATE = "private"  # only that it changed, value never logged (contact data)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str | Promise
    kind: Kind
    vocabulary: type[models.TextChoices] | None = None
    max_length: int | None = None
    editable: bool = True
    facet: str | None = None  # query parameter of the facet, when the field is one
    export: bool = True
    api_name: str | None = None  # defaults to ``name``
    audit: Audit = Audit.VALUE
    required: bool = False
    help_text: str | Promise = ""

    @property
    def api(self) -> str:
        return self.api_name or self.name


class Registry:
    """An ordered, read-only collection of ``FieldSpec`` with the lists consumers need."""

    def __init__(self, *specs: FieldSpec) -> None:
        names = [spec.name for spec in specs]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate field in registry: {names}")
        self._specs = {spec.name: spec for spec in specs}

    def __iter__(self) -> Iterator[FieldSpec]:
        return iter(self._specs.values())

    def __getitem__(self, name: str) -> FieldSpec:
        return self._specs[name]

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def names(self, *, editable: bool | None = None, export: bool | None = None) -> tuple[str, ...]:
        return tuple(
            spec.name
            for spec in self
            if (editable is None or spec.editable == editable)
            and (export is None or spec.export == export)
        )

    def facets(self) -> dict[str, FieldSpec]:
        """Facet query parameter -> field, in registry order."""
        return {spec.facet: spec for spec in self if spec.facet}

    def of_kind(self, *kinds: Kind) -> tuple[FieldSpec, ...]:
        return tuple(spec for spec in self if spec.kind in kinds)
