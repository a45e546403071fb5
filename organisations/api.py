"""``/api/v1/organisations/``: partner organisations, public facts only.

Members, roles, e-mail addresses and API keys never appear here.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers

from clusters.models import Cluster
from netbioclue.rest.schema import (
    DETAIL_ERRORS,
    IF_NONE_MATCH,
    LIST_ERRORS,
    NOT_MODIFIED,
    slug_parameter,
)
from netbioclue.rest.serializers import ApiUrlField, PageUrlField, StrictModelSerializer
from netbioclue.rest.viewsets import ReadOnlyApiViewSet
from organisations.filters import OrganisationFilter
from organisations.models import Organisation


class HomeClusterSerializer(StrictModelSerializer):
    url = ApiUrlField("cluster-detail")

    class Meta:
        model = Cluster
        fields = ("url", "slug", "name")
        read_only_fields = fields


class OrganisationSerializer(StrictModelSerializer):
    url = ApiUrlField("organisation-detail")
    html_url = PageUrlField("organisations:partner_detail")
    country = serializers.CharField(
        source="country.code", read_only=True, help_text="ISO 3166 country code."
    )
    home_cluster = HomeClusterSerializer(read_only=True, allow_null=True)
    website = serializers.URLField(read_only=True, allow_blank=True)  # blank is valid

    class Meta:
        model = Organisation
        fields = (
            "url",
            "html_url",
            "slug",
            "name",
            "short_name",
            "kind",
            "country",
            "city",
            "website",
            "description",
            "is_network_partner",
            "is_network_coordinator",
            "home_cluster",
            "updated_at",
        )
        read_only_fields = fields


SLUG = slug_parameter("The organisation's slug, as in its `url`.")

_EXAMPLE = {
    "url": "https://portal.example/api/v1/organisations/erbi/",
    "html_url": "https://portal.example/partners/erbi/",
    "slug": "erbi",
    "name": "East Region Biotech Initiative (ERBI)",
    "short_name": "ERBI",
    "kind": "cluster-organisation",
    "country": "GB",
    "city": "Cambridge",
    "website": "",
    "description": "Partner of the NETBIOCLUE network (2006-2008).",
    "is_network_partner": True,
    "is_network_coordinator": False,
    "home_cluster": {
        "url": "https://portal.example/api/v1/clusters/greater-cambridge/",
        "slug": "greater-cambridge",
        "name": "Greater Cambridge / East of England",
    },
    "updated_at": "2026-01-15T10:00:00Z",
}


@extend_schema_view(
    list=extend_schema(
        summary="List organisations",
        description=(
            "Partner organisations with their public facts. `q` searches name and city; "
            "`network_partner=true` keeps the 14 partners of the NETBIOCLUE network; "
            "`home_cluster` takes a cluster slug. Cursor-paginated."
        ),
        parameters=[IF_NONE_MATCH],
        responses={200: OrganisationSerializer(many=True), **NOT_MODIFIED, **LIST_ERRORS},
        examples=[
            OpenApiExample(
                "A page of organisations",
                value={"next": None, "previous": None, "results": [_EXAMPLE]},
                response_only=True,
                status_codes=["200"],
            )
        ],
    ),
    retrieve=extend_schema(
        summary="Get an organisation",
        description="One organisation's public facts, by slug.",
        parameters=[SLUG, IF_NONE_MATCH],
        responses={200: OrganisationSerializer, **NOT_MODIFIED, **DETAIL_ERRORS},
        examples=[
            OpenApiExample(
                "An organisation", value=_EXAMPLE, response_only=True, status_codes=["200"]
            )
        ],
    ),
)
class OrganisationViewSet(ReadOnlyApiViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    ordering_fields = {"name": "name", "updated_at": "updated_at"}
    ordering = ("name",)

    def get_queryset(self):
        return Organisation.objects.select_related("home_cluster").only(
            *(
                "slug",
                "name",
                "short_name",
                "kind",
                "country",
                "city",
                "website",
                "description",
                "is_network_partner",
                "is_network_coordinator",
                "updated_at",
            ),
            "home_cluster__slug",
            "home_cluster__name",
        )
