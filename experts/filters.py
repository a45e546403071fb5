"""The one filter definition of the expert directory and of requests, for pages and API.

``q`` searches expertise (headline, biography, catalogue evidence: PostgreSQL full-text
search with the catalogue's configuration); ``name`` searches names only. Users asked
for the two to be kept apart (DOMAIN.md: expert finders that mix them rarely match).
Facet parameters come from ``experts.fields.EXPERT_FIELDS``; repeated values of one
parameter are alternatives, different parameters must all hold. Unknown values and
unstorable text are errors (400), never ignored.
"""

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from experts.fields import EXPERT_FIELDS
from experts.models import ExpertiseRequest, Format, RequestStatus
from netbioclue.registry import Kind
from netbioclue.text import validate_text
from practices.models import SEARCH_CONFIG

MAX_QUERY_LENGTH = 200


def _facet_filter(spec) -> django_filters.Filter:
    choices = spec.vocabulary.choices if spec.vocabulary else list(countries)
    if spec.kind in (Kind.MULTI_CHOICE, Kind.COUNTRY_LIST):
        return django_filters.MultipleChoiceFilter(
            label=spec.label, choices=choices, method="filter_array", field_name=spec.name
        )
    return django_filters.MultipleChoiceFilter(
        label=spec.label, choices=choices, field_name=spec.name
    )


class ExpertFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Expertise"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        validators=[validate_text],
    )
    name = django_filters.CharFilter(
        label=_("Name"),
        method="filter_name",
        max_length=MAX_QUERY_LENGTH,
        validators=[validate_text],
    )

    locals().update({spec.facet: _facet_filter(spec) for spec in EXPERT_FIELDS.facets().values()})

    class Meta:
        fields = ["q", "name", *EXPERT_FIELDS.facets()]

    def filter_array(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{name}__overlap": list(value)})

    def filter_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(name__unaccent__icontains=value)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        query = SearchQuery(value, config=SEARCH_CONFIG, search_type="websearch")
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "name", "pk")
        )


class RequestFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    format = django_filters.MultipleChoiceFilter(label=_("Format"), choices=Format.choices)
    q = django_filters.CharFilter(
        label=_("Title"), method="filter_q", max_length=MAX_QUERY_LENGTH, validators=[validate_text]
    )

    class Meta:
        model = ExpertiseRequest
        fields = ["status", "format", "q"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__unaccent__icontains=value)) if value else queryset
