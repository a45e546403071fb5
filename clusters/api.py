"""``/api/v1/clusters/``: the public cluster profiles, read-only.

Filters are ``clusters.filters.ClusterFilter``, the one the HTML list uses.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers

from clusters.filters import ClusterFilter
from clusters.models import Cluster, StageAssessment
from clusters.selectors import cluster_detail_queryset
from netbioclue.rest.schema import (
    DETAIL_ERRORS,
    IF_NONE_MATCH,
    LIST_ERRORS,
    NOT_MODIFIED,
    slug_parameter,
)
from netbioclue.rest.serializers import ApiUrlField, PageUrlField, StrictModelSerializer
from netbioclue.rest.viewsets import ReadOnlyApiViewSet
from organisations.models import Organisation

LIST_FIELDS = (
    "slug",
    "name",
    "short_name",
    "countries",
    "region",
    "city",
    "latitude",
    "longitude",
    "year",
    "year_label",
    "genesis",
    "stage",
    "world_region",
    "network_tier",
    "website",
    "updated_at",
)


class ClusterSerializer(StrictModelSerializer):
    url = ApiUrlField("cluster-detail")
    html_url = PageUrlField("clusters:detail")
    countries = serializers.ListField(
        child=serializers.CharField(), help_text="ISO 3166 country codes, the main one first."
    )
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    # Blank values are valid: say so in the schema (read-only fields drop allow_blank).
    website = serializers.URLField(read_only=True, allow_blank=True)
    network_tier = serializers.ChoiceField(
        choices=Cluster._meta.get_field("network_tier").choices, read_only=True, allow_blank=True
    )

    class Meta:
        model = Cluster
        fields = ("url", "html_url", *LIST_FIELDS)
        read_only_fields = fields


class StageAssessmentSerializer(StrictModelSerializer):
    class Meta:
        model = StageAssessment
        fields = ("year", "stage", "rationale", "source")
        read_only_fields = fields


class ClusterOrganisationSerializer(StrictModelSerializer):
    url = ApiUrlField("organisation-detail")

    class Meta:
        model = Organisation
        fields = ("url", "slug", "name", "short_name", "is_network_partner")
        read_only_fields = fields


class ClusterDetailSerializer(ClusterSerializer):
    assessments = StageAssessmentSerializer(
        many=True, read_only=True, help_text="The stage history, newest first."
    )
    organisations = ClusterOrganisationSerializer(
        many=True, read_only=True, help_text="Partner organisations based in this cluster."
    )

    class Meta(ClusterSerializer.Meta):
        fields = (
            *ClusterSerializer.Meta.fields,
            "description",
            "created_at",
            "assessments",
            "organisations",
        )
        read_only_fields = fields


SLUG = slug_parameter("The cluster's slug, as in its `url`.")

_EXAMPLE = {
    "url": "https://portal.example/api/v1/clusters/genopole/",
    "html_url": "https://portal.example/clusters/genopole/",
    "slug": "genopole",
    "name": "Genopole",
    "short_name": "",
    "countries": ["FR"],
    "region": "Île-de-France (Essonne)",
    "city": "Évry",
    "latitude": 48.629,
    "longitude": 2.441,
    "year": 1998,
    "year_label": "inaugurated",
    "genesis": "policy-driven",
    "stage": "mature",
    "world_region": "europe",
    "network_tier": "leading",
    "website": "",
    "updated_at": "2026-01-15T10:00:00Z",
}


@extend_schema_view(
    list=extend_schema(
        summary="List clusters",
        description=(
            "Biotechnology clusters in Europe and the comparators elsewhere, filtered like "
            "the catalogue on the portal: `q` searches name, region and city (accents "
            "ignored); `country`, `stage`, `genesis`, `world_region` and `network_tier` "
            "take one value each (see `/api/v1/taxonomy/` for labels). Cursor-paginated; "
            "an unknown parameter or value gives 400."
        ),
        parameters=[IF_NONE_MATCH],
        responses={200: ClusterSerializer(many=True), **NOT_MODIFIED, **LIST_ERRORS},
        examples=[
            OpenApiExample(
                "A page of clusters",
                value={
                    "next": "https://portal.example/api/v1/clusters/?cursor=cD1HZW5vcG9sZQ%3D%3D",
                    "previous": None,
                    "results": [_EXAMPLE],
                },
                response_only=True,
                status_codes=["200"],
            )
        ],
    ),
    retrieve=extend_schema(
        summary="Get a cluster",
        description=(
            "One cluster with its stage history (year, stage, rationale, source) and the "
            "partner organisations based in it."
        ),
        parameters=[SLUG, IF_NONE_MATCH],
        responses={200: ClusterDetailSerializer, **NOT_MODIFIED, **DETAIL_ERRORS},
        examples=[
            OpenApiExample(
                "A cluster",
                value={
                    **_EXAMPLE,
                    "description": "",
                    "created_at": "2026-01-15T10:00:00Z",
                    "assessments": [
                        {
                            "year": 2008,
                            "stage": "mature",
                            "rationale": "A leading cluster in NETBIOCLUE's grouping.",
                            "source": "NETBIOCLUE (2008)",
                        }
                    ],
                    "organisations": [
                        {
                            "url": "https://portal.example/api/v1/organisations/essonne-cci/",
                            "slug": "essonne-cci",
                            "name": "Essonne Chamber of Commerce",
                            "short_name": "CCI Essonne",
                            "is_network_partner": True,
                        }
                    ],
                },
                response_only=True,
                status_codes=["200"],
            )
        ],
    ),
)
class ClusterViewSet(ReadOnlyApiViewSet):
    filterset_class = ClusterFilter
    ordering_fields = {"name": "name", "updated_at": "updated_at", "created_at": "created_at"}
    ordering = ("name",)

    def get_queryset(self):
        if self.action == "retrieve":
            return cluster_detail_queryset()
        # Every column the list shows or orders by, nothing else (descriptions stay out).
        return Cluster.objects.only(*LIST_FIELDS, "created_at")

    def get_serializer_class(self):
        return ClusterDetailSerializer if self.action == "retrieve" else ClusterSerializer
