"""The filter definition for organisations (the API's; the partner pages list all)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from organisations.models import Organisation, OrganisationKind


@extend_schema_field(OpenApiTypes.BOOL)  # the schema said boolean with string values
class TrueFalseFilter(django_filters.TypedChoiceFilter):
    pass


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or city"), method="filter_q")
    country = django_filters.ChoiceFilter(label=_("Country"), choices=list(countries))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    # true/false only: a BooleanFilter would read any other word as "no filter".
    network_partner = TrueFalseFilter(
        field_name="is_network_partner",
        label=_("NETBIOCLUE network partner"),
        choices=[("true", _("Yes")), ("false", _("No"))],
        coerce=lambda value: value == "true",
    )
    home_cluster = django_filters.CharFilter(
        field_name="home_cluster__slug", label=_("Home cluster (slug)")
    )

    class Meta:
        model = Organisation
        fields = ["q", "country", "kind", "network_partner", "home_cluster"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__unaccent__icontains=value)
            | Q(short_name__unaccent__icontains=value)
            | Q(city__unaccent__icontains=value)
        )
