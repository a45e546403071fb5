"""The practice field registry is the one place each field is described: every consumer's
field list derives from it, and no other module spells out a list of practice fields."""

import ast
import dataclasses
from pathlib import Path

import pytest
from django.conf import settings

from netbioclue.registry import Audit, FieldSpec, Kind, Registry
from practices import forms as practice_forms
from practices.api import serializers
from practices.exports import csv_chunks
from practices.fields import CONTENT_FIELDS, FORM_SECTIONS, PRACTICE_FIELDS, facet_columns
from practices.filters import PracticeFilter, filter_class
from practices.models import BudgetRange, Practice
from practices.selectors import catalogue
from practices.services import workflow
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


# ---- every consumer's list is the registry's -------------------------------------------------


def test_the_form_edits_exactly_the_editable_fields_in_its_sections():
    form = practice_forms.PracticeForm()
    assert [name for name in form.fields if name != "version"] == list(CONTENT_FIELDS)
    placed = [name for _heading, names in form.SECTIONS for name in names]
    assert sorted(placed) == sorted(CONTENT_FIELDS)
    for spec in PRACTICE_FIELDS.of_kind(Kind.MULTI_CHOICE):
        assert form.fields[spec.name].choices == list(spec.vocabulary.choices)


def test_the_filter_has_one_filter_per_facet_in_the_facet_order():
    facets = PRACTICE_FIELDS.facets()
    # "fit": the cluster of sort=fit (practices.filters.fit_order)
    assert list(PracticeFilter.base_filters) == ["q", *facets, "sort", "fit"]
    for parameter, spec in facets.items():
        assert PracticeFilter.base_filters[parameter].field_name == spec.name


def test_exports_and_the_api_list_follow_the_registry_lists():
    exported = [spec.name for spec in PRACTICE_FIELDS.exported()]
    assert ("slug", "url", *exported[1:]) == catalogue.EXPORT_COLUMNS
    listed = [spec.api for spec in PRACTICE_FIELDS.listed()]
    assert list(serializers.PracticeListSerializer().fields) == [
        "slug",
        "url",
        "html_url",
        *listed[1:],
    ]


def test_the_api_detail_shows_every_field_and_takes_the_editable_ones():
    detail = serializers.PracticeDetailSerializer().fields
    for spec in PRACTICE_FIELDS:
        top = spec.api.split(".")[0]
        assert top in detail, spec.name
    assert set(detail["contact"].fields) == {
        spec.api.split(".")[1] for spec in PRACTICE_FIELDS if spec.api.startswith("contact.")
    }
    assert list(serializers.PracticeInputSerializer().fields) == list(CONTENT_FIELDS)
    assert list(serializers.PUT_DEFAULTS) == list(CONTENT_FIELDS)


def test_lengths_come_from_the_model():
    fields = serializers.PracticeInputSerializer().fields
    form = practice_forms.PracticeForm()
    for name in ("title", "summary", "region", "staff"):
        limit = Practice._meta.get_field(name).max_length
        assert fields[name].max_length == limit
        assert form.fields[name].max_length == limit
    item_limit = Practice._meta.get_field("dos").base_field.max_length
    assert fields["dos"].child.max_length == item_limit
    assert form.fields["dos"].max_item_length == item_limit


def test_the_audit_and_revisions_follow_the_registry(draft_practice):
    assert {
        spec.name for spec in PRACTICE_FIELDS if spec.audit == Audit.VALUE
    } == workflow.SHORT_FIELDS
    assert list(workflow.content_of(draft_practice)) == list(CONTENT_FIELDS)


def test_facet_counts_cover_every_facet(published_practice):
    filterset = catalogue.catalogue_filter({})
    assert filterset.is_valid()
    result = catalogue.catalogue_search(filterset)
    assert [facet.parameter for facet in result.facets] == list(PRACTICE_FIELDS.facets())


# ---- a new facet is one FieldSpec ------------------------------------------------------------


@pytest.fixture
def registry_with_budget_facet() -> Registry:
    """The practice registry where ``budget_range`` is also a listed, exported facet."""
    spec = dataclasses.replace(
        PRACTICE_FIELDS["budget_range"], facet="budget", export=True, listed=True
    )
    return PRACTICE_FIELDS.with_specs(spec)


@pytest.fixture
def draft_practice(org):
    return PracticeFactory(owner=org)


@pytest.fixture
def published_practice(org):
    return PracticeFactory(owner=org, published=True, budget_range=BudgetRange.FROM_50K)


def test_a_new_facet_reaches_the_filter_the_counts_and_the_export(
    registry_with_budget_facet, published_practice, org
):
    PracticeFactory(owner=org, published=True, budget_range=BudgetRange.OVER_1M)
    Filter = filter_class(registry_with_budget_facet)
    assert "budget" in Filter.base_filters
    assert "budget_range" in facet_columns(registry_with_budget_facet)

    filterset = Filter({"budget": ["50k-250k"]}, queryset=Practice.objects.published())
    assert filterset.is_valid(), filterset.errors
    assert list(filterset.qs) == [published_practice]

    result = catalogue.catalogue_search(filterset)
    budget = next(facet for facet in result.facets if facet.parameter == "budget")
    counts = {value.value: value.count for value in budget.values}
    # Each facet is counted with the other facets applied, not its own.
    assert counts["50k-250k"] == 1
    assert counts["gt-1m"] == 1
    assert result.total == 1

    columns = catalogue.export_columns(registry_with_budget_facet)
    assert "budget_range" in columns
    rows = list(catalogue.export_rows(filterset, base_url="https://x/"))
    assert rows[0]["budget_range"] == "50k-250k"
    header = next(csv_chunks(rows, columns))
    assert "budget_range" in header

    bad = Filter({"budget": ["nonsense"]}, queryset=Practice.objects.published())
    assert not bad.is_valid()


def test_the_registry_refuses_an_order_that_forgets_a_field():
    spec = FieldSpec("a", "A", Kind.SHORT_TEXT, listed=True, facet="a")
    with pytest.raises(ValueError, match="list_order"):
        Registry(spec, FieldSpec("b", "B", Kind.SHORT_TEXT, listed=True), list_order=["a"])
    with pytest.raises(ValueError, match="facet_order"):
        Registry(spec, facet_order=[])
    with pytest.raises(ValueError, match="duplicate"):
        Registry(spec, spec)


def test_every_editable_field_has_a_form_section():
    placed = [name for _heading, names in FORM_SECTIONS for name in names]
    assert len(placed) == len(set(placed)) == len(CONTENT_FIELDS)


# ---- no copy of a field list elsewhere -------------------------------------------------------

# Lists that name at least this many practice fields are copies of the registry.
COPY_THRESHOLD = 4
# Field names that are also ordinary words of other models' lists.
COMMON = {"slug", "title", "status", "country", "region", "language", "updated_at"}
# Lists that are not copies of the registry (a new field needs no edit there).
ALLOWED = {
    Path("practices/fields.py"): "the registry itself",
    Path("practices/models.py"): "the facets' GIN index: a schema change, with its migration",
    Path("practices/selectors/publication.py"): "the columns the printed publication reads",
}
# (file, first names) of column lists one read shapes for its own page.
ALLOWED_READS = {("practices/selectors/catalogue.py", "slug")}  # related-practice cards


def _string_sequences(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            names = [
                element.value
                for element in node.elts
                if isinstance(element, ast.Constant) and isinstance(element.value, str)
            ]
            if names:
                yield node.lineno, names


def test_no_module_copies_a_list_of_practice_fields():
    base = Path(settings.BASE_DIR)
    fields = set(PRACTICE_FIELDS.names()) - COMMON
    copies = []
    for folder in ("practices", "netbioclue", "organisations", "clusters", "tests", "bench"):
        for path in (base / folder).rglob("*.py"):
            relative = path.relative_to(base)
            if relative in ALLOWED or "migrations" in relative.parts:
                continue
            for line, names in _string_sequences(ast.parse(path.read_text())):
                named = [name for name in names if name in fields]
                if (str(relative), names[0]) in ALLOWED_READS:
                    continue
                if len(named) >= COPY_THRESHOLD:
                    copies.append(f"{relative}:{line}: {named}")
    assert copies == []
