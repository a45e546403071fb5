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

from collections.abc import Iterator, Sequence
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
    """One field of an entity, described once.

    ``facet`` is the query parameter of the search facet (None: not a facet) and
    ``facet_label`` what the facet panel calls it (defaults to ``label``). ``listed``
    fields are in every list row (API list items, search results); ``export`` fields
    in the CSV/JSON exports (a subset of the listed ones where both apply). ``api_name``
    may be dotted (``contact.email``) for a value the API nests in an object.
    """

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
    listed: bool = False
    facet_label: str | Promise = ""
    ordinal: bool = False  # the vocabulary's order means something (low -> high): keep it

    @property
    def api(self) -> str:
        return self.api_name or self.name

    @property
    def is_list(self) -> bool:
        """Whether the value is a list (arrays of choices, texts, URLs, countries)."""
        return self.kind in LIST_KINDS

    @property
    def facet_title(self) -> str | Promise:
        return self.facet_label or self.label


LIST_KINDS = frozenset({Kind.MULTI_CHOICE, Kind.TEXT_LIST, Kind.URL_LIST, Kind.COUNTRY_LIST})


class Registry:
    """An ordered, read-only collection of ``FieldSpec`` with the lists consumers need.

    The specs' order is the record's (forms, revisions, the audit trail). Lists and
    facet panels may read in another order: ``list_order`` (names of the ``listed``
    fields) and ``facet_order`` (facet parameters) give it; each must name exactly the
    fields it orders, so a new listed field or facet cannot be forgotten there.
    """

    def __init__(
        self,
        *specs: FieldSpec,
        list_order: Sequence[str] | None = None,
        facet_order: Sequence[str] | None = None,
    ) -> None:
        names = [spec.name for spec in specs]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate field in registry: {names}")
        self._specs = {spec.name: spec for spec in specs}
        listed = [spec.name for spec in specs if spec.listed]
        self._list_order = tuple(list_order) if list_order is not None else tuple(listed)
        if sorted(self._list_order) != sorted(listed):
            raise ValueError(f"list_order must name the listed fields exactly: {listed}")
        facets = {spec.facet: spec for spec in specs if spec.facet}
        self._facet_order = tuple(facet_order) if facet_order is not None else tuple(facets)
        if sorted(self._facet_order) != sorted(facets):
            raise ValueError(f"facet_order must name the facets exactly: {list(facets)}")
        self._facets = {parameter: facets[parameter] for parameter in self._facet_order}

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
        """Facet query parameter -> field, in ``facet_order`` (else registry order)."""
        return dict(self._facets)

    def listed(self) -> tuple[FieldSpec, ...]:
        """The fields of a list row, in ``list_order`` (else registry order)."""
        return tuple(self._specs[name] for name in self._list_order)

    def exported(self) -> tuple[FieldSpec, ...]:
        """The exported fields: the listed ones first (in list order), then the others."""
        listed = [spec for spec in self.listed() if spec.export]
        return (*listed, *(spec for spec in self if spec.export and not spec.listed))

    def with_specs(self, *specs: FieldSpec) -> Registry:
        """A copy where ``specs`` replace the fields of the same name (in place) or are
        added at the end; a new facet or listed field comes last in its order.

        For tests that prove a consumer derives its lists from the registry.
        """
        changed = {spec.name: spec for spec in specs}
        merged = [changed.pop(spec.name, spec) for spec in self]
        merged += changed.values()
        by_name = {spec.name: spec for spec in merged}
        listed = [name for name in self._list_order if by_name[name].listed]
        listed += [spec.name for spec in merged if spec.listed and spec.name not in listed]
        facets = [spec.facet for spec in merged if spec.facet]
        facet_order = [parameter for parameter in self._facet_order if parameter in facets]
        facet_order += [parameter for parameter in facets if parameter not in facet_order]
        return Registry(*merged, list_order=listed, facet_order=facet_order)

    def of_kind(self, *kinds: Kind) -> tuple[FieldSpec, ...]:
        return tuple(spec for spec in self if spec.kind in kinds)
