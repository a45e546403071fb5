"""The one filter definition for clusters, shared by the HTML list and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusters.models import Cluster, NetworkTier
from netbioclue.vocabulary import Genesis, Stage, WorldRegion


class ClusterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name, region or city"), method="filter_q")
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=list(countries), method="filter_country"
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)
    genesis = django_filters.ChoiceFilter(label=_("Genesis"), choices=Genesis.choices)
    world_region = django_filters.ChoiceFilter(label=_("World region"), choices=WorldRegion.choices)
    network_tier = django_filters.ChoiceFilter(
        label=_("NETBIOCLUE tier"), choices=NetworkTier.choices
    )

    class Meta:
        model = Cluster
        fields = ["q", "country", "stage", "genesis", "world_region", "network_tier"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__unaccent__icontains=value)
            | Q(short_name__unaccent__icontains=value)
            | Q(region__unaccent__icontains=value)
            | Q(city__unaccent__icontains=value)
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(countries__contains=[value])
