"""The fields of a practice, described once (``netbioclue.registry``).

``PRACTICE_FIELDS`` lists every field the portal shows or takes of a practice, in the
record's order (the edit form's content, revisions and the audit trail read in this
order). Everything else derives from it:

- the edit form's fields, widgets and sections (``practices.forms``), the content a
  revision carries and the audit diff (``practices.services.workflow``);
- the catalogue's facet filters (``practices.filters``), facet counts and the SQL column
  lists of the search (``practices.selectors.catalogue``);
- the export columns (CSV/JSON, ``practices.exports``, the open-data API);
- the API serializers' fields, hence the OpenAPI schema (``practices.api.serializers``);
- the labels of the history and of the pending revision (``practices.selectors.workspace``).

Labels, lengths and help texts come from the model field (``Practice._meta``) unless a
spec gives its own, so a ``max_length`` set on the model reaches every form, serializer
and schema. To add a field: add it to the model (and a migration) and one ``FieldSpec``
here, and place it in ``FORM_SECTIONS`` if it is editable.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from netbioclue.registry import Audit, FieldSpec, Kind, Registry
from netbioclue.vocabulary import (
    Beneficiary,
    BusinessModel,
    ContentLanguage,
    EvidenceLevel,
    GrowthForce,
    Stage,
    ToolType,
    Transferability,
)
from practices.models import BudgetRange, Practice, Status
from practices.policy import CONTACT_AUDIENCE

# Facets' own names (singular, as the facet panel and the filter form say them).
_FACET_LABELS = {
    "stage": _("Life-cycle stage"),
    "growth_force": _("Growth force"),
    "tool_type": _("Tool type"),
    "beneficiary": _("Beneficiary"),
    "business_model": _("Business model"),
    "evidence_level": _("Evidence level"),
    "transferability": _("Transferability"),
    "country": _("Country"),
    "language": _("Language"),
    "origin_cluster": _("Origin cluster"),
}


def _spec(name: str, kind: Kind, **kwargs: Any) -> FieldSpec:
    """A spec whose label, help text and length limit default to the model field's."""
    field = Practice._meta.get_field(name)
    kwargs.setdefault("label", capfirst(field.verbose_name))
    kwargs.setdefault("help_text", getattr(field, "help_text", "") or "")
    if kwargs.get("facet"):
        kwargs.setdefault("facet_label", _FACET_LABELS[kwargs["facet"]])
    return FieldSpec(name=name, kind=kind, **kwargs)


def _content(name: str, kind: Kind, **kwargs: Any) -> FieldSpec:
    """An editable content field (partners edit it; revisions carry it)."""
    return _spec(name, kind, editable=True, **kwargs)


def _fixed(name: str, kind: Kind, **kwargs: Any) -> FieldSpec:
    """A field the portal keeps (not edited by partners)."""
    return _spec(name, kind, editable=False, **kwargs)


def _facet_array(name: str, vocabulary, facet: str, **kwargs: Any) -> FieldSpec:
    return _content(
        name, Kind.MULTI_CHOICE, vocabulary=vocabulary, facet=facet, listed=True, **kwargs
    )


PRACTICE_FIELDS = Registry(
    _fixed("slug", Kind.SHORT_TEXT, listed=True, help_text="Stable identifier; never changes."),
    _fixed(
        "owner",
        Kind.FOREIGN_KEY,
        listed=True,
        help_text="The partner organisation that wrote it.",
    ),
    _fixed(
        "status",
        Kind.CHOICE,
        vocabulary=Status,
        export=False,
        help_text="Always `published` for the public; the owner also sees its drafts.",
    ),
    _content(
        "title",
        Kind.SHORT_TEXT,
        listed=True,
        required=True,
    ),
    _content(
        "summary",
        Kind.TEXT,
        listed=True,
        required=True,
        audit=Audit.CHANGED,
        help_text=_("Shown in the catalogue and search results."),
    ),
    _content(
        "description",
        Kind.TEXT,
        export=False,
        audit=Audit.CHANGED,
        help_text=_("What the practice is, who runs it and for whom."),
    ),
    _content("problem", Kind.TEXT, export=False, audit=Audit.CHANGED),
    _content("how_it_works", Kind.TEXT, export=False, audit=Audit.CHANGED),
    _content(
        "results",
        Kind.TEXT,
        export=False,
        audit=Audit.CHANGED,
        help_text=_("What it achieved, with figures where you have them."),
    ),
    _content(
        "evidence_level",
        Kind.CHOICE,
        vocabulary=EvidenceLevel,
        facet="evidence_level",
        listed=True,
        ordinal=True,
    ),
    _content("budget_range", Kind.CHOICE, vocabulary=BudgetRange, export=False),
    _content("staff", Kind.SHORT_TEXT, export=False),
    _content("resources_notes", Kind.TEXT, export=False, audit=Audit.CHANGED),
    _content(
        "dos",
        Kind.TEXT_LIST,
        export=False,
        audit=Audit.CHANGED,
        help_text=_("One piece of advice per line, in order; at most 300 characters each."),
    ),
    _content(
        "donts",
        Kind.TEXT_LIST,
        export=False,
        audit=Audit.CHANGED,
        help_text=_("One pitfall per line, in order; at most 300 characters each."),
    ),
    _content("lessons", Kind.TEXT, export=False, audit=Audit.CHANGED),
    _content(
        "origin_cluster",
        Kind.FOREIGN_KEY,
        facet="origin_cluster",
        listed=True,
        audit=Audit.CHANGED,
        help_text="",
    ),
    _content("country", Kind.COUNTRY, facet="country", listed=True),
    _content("region", Kind.SHORT_TEXT, listed=True),
    _content(
        "contact_name",
        Kind.SHORT_TEXT,
        export=False,
        api_name="contact.name",
        help_text=CONTACT_AUDIENCE,
    ),
    _content(
        "contact_email",
        Kind.EMAIL,
        export=False,
        api_name="contact.email",
        help_text=CONTACT_AUDIENCE,
    ),
    _content(
        "contact_phone",
        Kind.SHORT_TEXT,
        export=False,
        api_name="contact.phone",
        help_text=CONTACT_AUDIENCE,
    ),
    _content("start_year", Kind.INTEGER, listed=True),
    _content("end_year", Kind.INTEGER, listed=True),
    _content(
        "links",
        Kind.URL_LIST,
        export=False,
        audit=Audit.CHANGED,
        help_text=_("One web address per line (https://…): reports, websites, evaluations."),
    ),
    _content(
        "language",
        Kind.CHOICE,
        vocabulary=ContentLanguage,
        facet="language",
        listed=True,
        help_text=_("The language this record is written in."),
    ),
    _facet_array(
        "stages", Stage, "stage", help_text=_("The stages of cluster development it suits.")
    ),
    _facet_array("growth_forces", GrowthForce, "growth_force"),
    _facet_array("tool_types", ToolType, "tool_type"),
    _facet_array("beneficiaries", Beneficiary, "beneficiary"),
    _facet_array(
        "business_models",
        BusinessModel,
        "business_model",
        help_text=_("Of the companies the practice serves."),
    ),
    _fixed(
        "transferability",
        Kind.CHOICE,
        vocabulary=Transferability,
        facet="transferability",
        listed=True,
        ordinal=True,
        help_text="From stakeholder interviews; empty until assessed.",
    ),
    _fixed("interview_count", Kind.INTEGER, listed=True),
    _fixed("published_at", Kind.DATETIME, listed=True),
    _fixed("updated_at", Kind.DATETIME, listed=True, export=False),
    _fixed("is_illustrative", Kind.BOOLEAN, listed=True, export=False),
    # What a list row (API list item) and an export row show, in their order.
    list_order=(
        "slug",
        "title",
        "summary",
        "owner",
        "country",
        "region",
        "origin_cluster",
        "stages",
        "growth_forces",
        "tool_types",
        "beneficiaries",
        "business_models",
        "evidence_level",
        "transferability",
        "interview_count",
        "start_year",
        "end_year",
        "published_at",
        "language",
        "updated_at",
        "is_illustrative",
    ),
    # The facet panel's order: the shared vocabulary's facets first.
    facet_order=(
        "stage",
        "growth_force",
        "tool_type",
        "beneficiary",
        "business_model",
        "evidence_level",
        "transferability",
        "country",
        "language",
        "origin_cluster",
    ),
)

# The fields partners edit: the edit form, the API's input and a revision's content.
CONTENT_FIELDS: tuple[str, ...] = PRACTICE_FIELDS.names(editable=True)

# The edit page's sections, in order: (heading, field names). Every editable field is in
# exactly one (checked below), so a new field cannot be left off the form.
FORM_SECTIONS = (
    (_("The practice"), ("title", "summary", "description", "problem", "how_it_works")),
    (_("Results"), ("results", "evidence_level", "lessons")),
    (_("Do's and don'ts"), ("dos", "donts")),
    (_("Resources"), ("budget_range", "staff", "resources_notes")),
    (
        _("Where and when"),
        ("origin_cluster", "country", "region", "start_year", "end_year", "language"),
    ),
    (_("Classification"), ("stages", "growth_forces", "tool_types", "beneficiaries",
                           "business_models")),
    (_("Contact and links"), ("contact_name", "contact_email", "contact_phone", "links")),
)  # fmt: skip

_placed = [name for _heading, names in FORM_SECTIONS for name in names]
if sorted(_placed) != sorted(CONTENT_FIELDS):
    raise ValueError(f"FORM_SECTIONS must place each editable field once: {CONTENT_FIELDS}")


def max_length(name: str) -> int | None:
    """The model's length limit of a field (of each item, for a list field)."""
    field = Practice._meta.get_field(name)
    if isinstance(field, ArrayField):
        field = field.base_field
    return getattr(field, "max_length", None)


def column(spec: FieldSpec) -> str:
    """The database column of a field (``<name>_id`` for a foreign key)."""
    return Practice._meta.get_field(spec.name).column


def facet_columns(registry: Registry = PRACTICE_FIELDS) -> tuple[str, ...]:
    """The columns the facet counts read, in facet order."""
    return tuple(column(spec) for spec in registry.facets().values())
