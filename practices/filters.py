"""The one filter definition of the public practice catalogue.

Used by the HTML catalogue, its CSV/JSON exports and the REST API. Bind it to the query
string and the published practices, then check it::

    filterset = PracticeFilter(request.GET, queryset=Practice.objects.published())
    if not filterset.is_valid():
        ...  # 400: filterset.errors maps each parameter to its messages
    queryset = filterset.qs  # filtered and ordered

Unknown facet values, an unknown sort or a query over 200 characters are errors, never
ignored. Faceted-search semantics: repeated values of one parameter are alternatives
(``stage=emerging&stage=mature``: either), different parameters must all hold.

``.qs`` orders every match (exports read them all), in the catalogue's order; relevance
is ``practices.relevance``'s one definition. A paged list of a text query should go
through ``practices.selectors.catalogue`` (``catalogue_search``, ``relevance_keyset_page``),
whose work is bounded at any catalogue size (sorting every match of a common word reads
~30,000 rows at 100,000 practices).
"""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusters.models import Cluster
from netbioclue.registry import FieldSpec, Kind, Registry
from practices import relevance
from practices.fields import PRACTICE_FIELDS, column
from practices.models import Practice
from practices.relevance import search_query
from practices.search_syntax import SearchTextFilter

MAX_QUERY_LENGTH = 200


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    TRANSFERABILITY = "transferability"
    FIT = "fit"  # with ``fit=<cluster slug>``: see fit_order() at the end of this module

    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NEWEST, _("Newest first")),
        (TRANSFERABILITY, _("Transferability (high first)")),
        (FIT, _("Fit for the chosen cluster")),
    ]


# The facets' query parameters, in the facet panel's order (``practices.fields``).
FACET_PARAMETERS = tuple(PRACTICE_FIELDS.facets())

# High, medium, low, then not yet assessed. Identical to the expression of the index
# practice_transferability_order (migration 0002_search_storage), so that sort reads
# the index instead of sorting every match.
TRANSFERABILITY_POSITION_SQL = (
    "(CASE transferability WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END)"
)


class CountryField(django_filters.fields.MultipleChoiceField):
    """ISO country codes, checked without building the sorted list of ~250 translated
    country names on every request (the catalogue lists only the countries present)."""

    def valid_value(self, value) -> bool:
        return value in countries.countries


class CountryFilter(django_filters.MultipleChoiceFilter):
    field_class = CountryField


def facet_filter(spec: FieldSpec) -> django_filters.Filter:
    """The filter of one facet, by the kind of its field: several values are alternatives."""
    label = spec.facet_title
    if spec.kind == Kind.MULTI_CHOICE:
        return django_filters.MultipleChoiceFilter(
            field_name=spec.name,
            choices=spec.vocabulary.choices,
            method="filter_overlap",
            label=label,
        )
    if spec.kind == Kind.COUNTRY:
        return CountryFilter(field_name=spec.name, method="filter_in", label=label)
    if spec.kind == Kind.FOREIGN_KEY:
        related = Practice._meta.get_field(spec.name).related_model
        return django_filters.ModelMultipleChoiceFilter(
            field_name=spec.name,
            queryset=related.objects.only("id", "slug", "name"),
            to_field_name="slug",
            method="filter_in",
            label=label,
        )
    if spec.kind == Kind.CHOICE:
        return django_filters.MultipleChoiceFilter(
            field_name=spec.name, choices=spec.vocabulary.choices, method="filter_in", label=label
        )
    raise ValueError(f"{spec.name}: no facet filter for a {spec.kind} field")


class CatalogueFilter(django_filters.FilterSet):
    """The text query, the sort and the behaviour of the facets; ``filter_class`` adds
    one filter per facet of a registry."""

    registry: Registry = PRACTICE_FIELDS

    q = SearchTextFilter(  # storable text, at most one "-" between words (search_syntax)
        label=_("Search the practices"),
        help_text=_('Web-search syntax: "a phrase", -excluded, either or other.'),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
    )
    sort = django_filters.ChoiceFilter(
        choices=Sort.CHOICES, method="filter_sort", label=_("Sort by"), empty_label=None
    )

    # --- the filters (the ORM side; the selectors compile the same conditions) -----------

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_vector=search_query(value)) if value else queryset

    def filter_overlap(self, queryset, name, value):
        return queryset.filter(**{f"{name}__overlap": value}) if value else queryset

    def filter_in(self, queryset, name, value):
        return queryset.filter(**{f"{name}__in": value}) if value else queryset

    fit = django_filters.ModelChoiceFilter(
        queryset=Cluster.objects.only("id", "slug", "name", "stage"),
        to_field_name="slug",
        method="filter_sort",  # chooses the cluster of the fit order; filters nothing
        label=_("Cluster to fit"),
    )

    def filter_sort(self, queryset, name, value):
        return queryset  # ordering comes last, in filter_queryset()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.order(super().filter_queryset(queryset))

    # --- what the selectors and the API read -----------------------------------------------

    @property
    def query_text(self) -> str:
        """The text query of a valid filter ('' when there is none)."""
        if not self.is_valid():
            return ""
        return self.form.cleaned_data.get("q") or ""

    @property
    def sort_order(self) -> str:
        """The order applied: relevance only means something with a text query."""
        data = self.form.cleaned_data if self.is_valid() else {}
        chosen = data.get("sort") or Sort.RELEVANCE
        if chosen == Sort.RELEVANCE and not data.get("q"):
            return Sort.NEWEST
        return chosen

    def facet_conditions(self) -> dict[str, Q]:
        """The condition of each facet in use, by parameter (of valid data)."""
        data = self.form.cleaned_data
        conditions = {}
        for parameter, spec in self.registry.facets().items():
            values = data.get(parameter)
            if not values:
                continue
            if spec.kind == Kind.MULTI_CHOICE:
                conditions[parameter] = Q(**{f"{spec.name}__overlap": list(values)})
            elif spec.kind == Kind.FOREIGN_KEY:
                conditions[parameter] = Q(**{f"{column(spec)}__in": [obj.pk for obj in values]})
            else:
                conditions[parameter] = Q(**{f"{spec.name}__in": list(values)})
        return conditions

    def order(self, queryset: QuerySet) -> QuerySet:
        """The catalogue's orders over every match.

        Relevance is ``practices.relevance`` (``annotate``: ``tier`` and ``rank`` from the
        same tier-1 statement the paged readers use), so the exports list a search in the
        order of its pages.
        """
        sort = self.sort_order
        if sort == Sort.RELEVANCE:
            return relevance.annotate(queryset, relevance.compile_search(self))
        if sort == Sort.TRANSFERABILITY:
            position = RawSQL(TRANSFERABILITY_POSITION_SQL, [])  # noqa: S611 (a constant)
            return queryset.order_by(position.asc(), "-published_at", "-id")
        if sort == Sort.FIT:
            sql, params = fit_order(self)
            return queryset.order_by(RawSQL(sql, params).asc(), "-published_at", "-id")  # noqa: S611
        return queryset.order_by("-published_at", "-id")


class CatalogueForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("sort") == Sort.FIT and not data.get("fit") and "fit" not in self.errors:
            self.add_error("fit", _("Choose the cluster the practices should fit."))
        return data


def filter_class(registry: Registry = PRACTICE_FIELDS) -> type[CatalogueFilter]:
    """The catalogue's FilterSet for ``registry``: ``q``, one filter per facet, ``sort``."""
    facets = registry.facets()
    meta = type(
        "Meta", (), {"model": Practice, "fields": ["q", *facets, "sort"], "form": CatalogueForm}
    )
    attrs = {parameter: facet_filter(spec) for parameter, spec in facets.items()}
    return type(
        "PracticeFilter",
        (CatalogueFilter,),
        {**attrs, "Meta": meta, "registry": registry, "__module__": __name__},
    )


PracticeFilter = filter_class()


# --- sort by fit for a chosen cluster ("Does it fit my cluster?", issue 9 point 5) --------
# Owned by the framework: the rules are ``clusters.fit``'s, this only hands them the
# cluster the visitor chose. Used by ``order()`` above and the catalogue's page query.


def fit_order(filterset: CatalogueFilter) -> tuple[str, list]:
    """The SQL expression (and parameters) that sorts practices by their fit for the
    cluster of ``fit`` (best first, ``clusters.fit.fit_position_sql``), over the columns
    of the practices table. Two queries the first time (the cluster's force scores and
    public funding), none after: memoised on the FilterSet."""
    cached = getattr(filterset, "_fit_order", None)
    if cached is None:
        from clusters.fit import fit_position_sql
        from clusters.selectors import cluster_fit_facts

        cluster = filterset.form.cleaned_data["fit"]
        scores, funding = cluster_fit_facts(cluster)
        cached = fit_position_sql(
            cluster_stage=cluster.stage,
            force_scores=scores,
            public_funding=funding,
            table=Practice._meta.db_table,
        )
        filterset._fit_order = cached
    return cached
