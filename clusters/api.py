"""``/api/v1/clusters/``, ``/api/v1/indicators/`` and ``POST /api/v1/self-assessment/``.

Cluster profiles are read-only here (partners change them through the moderated pages).
Filters are ``clusters.filters.ClusterFilter``, the one the HTML list uses. A cluster's
detail carries its profile (``clusters.fields.PROFILE``), stage history, saved
self-assessments and approved indicator values. The self-assessment endpoint is
stateless: it returns the diagnosis of ``clusters.diagnosis`` for the posted answers and
stores nothing, so third parties can embed it.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from clusters import diagnosis
from clusters.fields import PROFILE
from clusters.filters import ClusterFilter
from clusters.models import (
    Cluster,
    IndicatorDefinition,
    IndicatorValue,
    SelfAssessment,
    StageAssessment,
)
from clusters.selectors import cluster_detail_queryset, recommended_practices
from netbioclue.rest.schema import (
    DETAIL_ERRORS,
    IF_NONE_MATCH,
    LIST_ERRORS,
    NOT_MODIFIED,
    problem_responses,
    slug_parameter,
)
from netbioclue.rest.serializers import (
    ApiUrlField,
    PageUrlField,
    StrictModelSerializer,
    StrictSerializer,
)
from netbioclue.rest.viewsets import ApiViewMixin, ReadOnlyApiViewSet
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
    assessed_by = serializers.SerializerMethodField(
        help_text="Who recorded the assessment (a person's name), or null."
    )

    class Meta:
        model = StageAssessment
        fields = ("year", "stage", "rationale", "source", "assessed_by")
        read_only_fields = fields

    def get_assessed_by(self, obj) -> str | None:
        return obj.recorded_by.get_full_name() if obj.recorded_by else None


class ClusterIndicatorValueSerializer(StrictModelSerializer):
    indicator = serializers.CharField(source="indicator.slug", read_only=True)
    value = serializers.FloatField(read_only=True)

    class Meta:
        model = IndicatorValue
        fields = ("indicator", "year", "value", "source", "recorded_on", "is_illustrative")
        read_only_fields = fields


class SavedSelfAssessmentSerializer(StrictModelSerializer):
    scores = serializers.DictField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = SelfAssessment
        fields = ("assessed_on", "stage", "scores", "is_illustrative")
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

    self_assessments = SavedSelfAssessmentSerializer(
        many=True, read_only=True, help_text="Dated self-assessments, newest first."
    )
    indicators = ClusterIndicatorValueSerializer(
        source="approved_values",
        many=True,
        read_only=True,
        help_text="Approved yearly indicator values, by indicator and year.",
    )

    class Meta(ClusterSerializer.Meta):
        fields = (
            *ClusterSerializer.Meta.fields,
            # Profile fields kept by partners (website and coordinates are listed above).
            *(n for n in PROFILE.names() if n not in ClusterSerializer.Meta.fields),
            "created_at",
            "assessments",
            "self_assessments",
            "organisations",
            "indicators",
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
            return cluster_detail_queryset().prefetch_related(
                Prefetch(
                    "self_assessments", queryset=SelfAssessment.objects.order_by("-assessed_on")
                ),
                Prefetch(
                    "indicator_values",
                    queryset=IndicatorValue.objects.approved()
                    .select_related("indicator")
                    .order_by("indicator__position", "year"),
                    to_attr="approved_values",
                ),
            )
        # Every column the list shows or orders by, nothing else (descriptions stay out).
        return Cluster.objects.only(*LIST_FIELDS, "created_at")

    def get_serializer_class(self):
        return ClusterDetailSerializer if self.action == "retrieve" else ClusterSerializer


# ---- Indicators --------------------------------------------------------------------------


class IndicatorSerializer(StrictModelSerializer):
    url = ApiUrlField("indicator-detail")
    html_url = PageUrlField("clusters:indicator")
    max_value = serializers.FloatField(read_only=True)

    class Meta:
        model = IndicatorDefinition
        fields = (
            "url",
            "html_url",
            "slug",
            "name",
            "unit",
            "growth_force",
            "higher_is_better",
            "description",
            "max_value",
        )
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        summary="List indicators",
        description=(
            "The framework indicators (DOMAIN.md): unit, growth force and whether higher "
            "is better. Yearly values per cluster are in each cluster's `indicators` and "
            "in the open-data download `/api/v1/open-data/indicators.csv`."
        ),
        parameters=[IF_NONE_MATCH],
        responses={200: IndicatorSerializer(many=True), **NOT_MODIFIED, **LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="Get an indicator",
        parameters=[slug_parameter("The indicator's slug."), IF_NONE_MATCH],
        responses={200: IndicatorSerializer, **NOT_MODIFIED, **DETAIL_ERRORS},
    ),
)
class IndicatorViewSet(ReadOnlyApiViewSet):
    ordering_fields = {"position": "position", "name": "name"}
    ordering = ("position", "slug")
    queryset = IndicatorDefinition.objects.all()
    serializer_class = IndicatorSerializer


# ---- Self-assessment ---------------------------------------------------------------------


class SelfAssessmentInputSerializer(StrictSerializer):
    """Documents the body; the checks are ``clusters.diagnosis.clean_answers``."""

    def get_fields(self):
        fields = {}
        for question in diagnosis.QUESTIONS:
            if question.choices:
                fields[question.key] = serializers.ChoiceField(
                    choices=[c.value for c in question.choices], help_text=str(question.label)
                )
            else:
                number = serializers.FloatField if question.decimals else serializers.IntegerField
                fields[question.key] = number(
                    min_value=0,
                    max_value=question.max_value,
                    help_text=f"{question.label} ({question.unit})",
                )
        return fields


class DiagnosisPracticeSerializer(StrictSerializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    transferability = serializers.CharField()
    url = ApiUrlField("practice-detail")
    html_url = PageUrlField("practices:detail")


class DiagnosisSerializer(StrictSerializer):
    stage = serializers.CharField()
    overall = serializers.IntegerField()
    scores = serializers.DictField(child=serializers.IntegerField())
    reasons = serializers.ListField(child=serializers.CharField())
    pushed_up = serializers.ListField(child=serializers.CharField())
    held_back = serializers.ListField(child=serializers.CharField())
    weakest_forces = serializers.ListField(child=serializers.CharField())
    path = serializers.CharField()
    risks = serializers.ListField(child=serializers.CharField())
    recommended_practices = DiagnosisPracticeSerializer(many=True)


class SelfAssessmentView(ApiViewMixin, APIView):
    """Stateless: anyone may post answers (no account, no CSRF: nothing is stored)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        summary="Diagnose a cluster",
        description=(
            "Post the answers of the self-assessment (see the page *How the diagnosis "
            "works*); get the score per growth force, the diagnosed stage with its "
            "reasons, the likely path, risks, weakest forces and the recommended "
            "published practices, most transferable first. Nothing is stored. A missing, "
            "negative or implausible answer gives 400 with a message per question."
        ),
        request=SelfAssessmentInputSerializer,
        responses={200: DiagnosisSerializer, **problem_responses(400, 415, 429)},
    )
    def post(self, request):
        if not isinstance(request.data, dict):
            raise ValidationError("Send a JSON object of answers.")
        answers = diagnosis.clean_answers(request.data)
        result = diagnosis.diagnose(answers)
        practices = recommended_practices(stage=result.stage, forces=result.weakest)
        body = {
            **result.as_dict(),
            "recommended_practices": DiagnosisPracticeSerializer(
                practices, many=True, context={"request": request}
            ).data,
        }
        return Response(body)
