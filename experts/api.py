"""``/api/v1/experts/`` and ``/api/v1/expertise-requests/`` (with ``{id}/matches/``).

Who sees what is ``experts.policy``, the rule the HTML pages use, with ``key`` set for
API keys:

- **experts**: validated public profiles for everyone; partners-only profiles, and the
  partner fields (capacity, availability), for API keys and partner members; hidden
  profiles never. E-mail addresses are never in this endpoint.
- **expertise-requests**: a key sees and creates its own organisation's requests (write
  scope to create, edit and submit); people see theirs, their organisation's and the
  coordinator everything. Another organisation's request is 404.
- **matches**: candidates with their score breakdown, once the coordinator released
  them to the requester (403 before that); an accepted expert's e-mail is included for
  the requester side, never before acceptance.

Fields come from ``experts.fields`` (the registries). Writes call ``experts.services``;
a wrong state is 409, a stale ``If-Match`` 412. The request ETag is its
``updated_at`` (every service that changes what this endpoint shows touches it).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from clusters.models import Cluster
from experts import matching, policy, selectors, services
from experts.fields import PARTNER_EXPERT_FIELDS, PUBLIC_EXPERT_FIELDS, REQUEST_FIELDS
from experts.filters import ExpertFilter, RequestFilter
from experts.models import ExpertiseRequest, ExpertProfile, Match, MatchState
from netbioclue.rest.permissions import api_key
from netbioclue.rest.schema import (
    DETAIL_ERRORS,
    IF_MATCH,
    IF_NONE_MATCH,
    LIST_ERRORS,
    NOT_MODIFIED,
    problem_responses,
)
from netbioclue.rest.serializers import ApiUrlField
from netbioclue.rest.viewsets import ReadOnlyApiViewSet, created_response
from netbioclue.text import validate_text
from netbioclue.vocabulary import Stage


@extend_schema_field(OpenApiTypes.URI)
class PageUrl(serializers.Field):
    """Absolute URL of the record's portal page (the HTML URLs take integer ids)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The id.")


class ExpertSerializer(serializers.ModelSerializer):
    url = ApiUrlField("expert-detail", lookup_field="pk", lookup_url_kwarg="pk")
    html_url = PageUrl()
    country = serializers.CharField(read_only=True, allow_blank=True)
    organisation = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = ExpertProfile
        fields = (
            "id",
            "url",
            "html_url",
            *(f for f in PUBLIC_EXPERT_FIELDS if f not in ("organisation_name", "country")),
            "country",
            "organisation",
            "evidence",
        )
        read_only_fields = fields

    def get_organisation(self, expert) -> str:
        return expert.organisation_label

    def get_evidence(self, expert) -> dict[str, int]:
        return {"practices": expert.practice_count, "interviews": expert.interview_count}


class PartnerExpertSerializer(ExpertSerializer):
    """What partner keys and members see: the public fields plus capacity/availability."""

    class Meta(ExpertSerializer.Meta):
        fields = (
            *ExpertSerializer.Meta.fields,
            *(f for f in PARTNER_EXPERT_FIELDS if f not in PUBLIC_EXPERT_FIELDS),
        )
        read_only_fields = fields


_EXPERT_EXAMPLE = {
    "id": 7,
    "url": "https://portal.example/api/v1/experts/7/",
    "html_url": "https://portal.example/experts/7/",
    "name": "Ana Novak",
    "headline": "Seed funds for emerging clusters",
    "bio": "Set up two regional seed funds.",
    "countries": ["CZ", "AT"],
    "languages": ["en", "cs"],
    "growth_forces": ["financial"],
    "tool_types": ["funding"],
    "stages": ["emerging"],
    "beneficiaries": ["startups"],
    "formats": ["advice", "mentoring"],
    "links": [],
    "country": "CZ",
    "organisation": "South Moravian Innovation Centre",
    "evidence": {"practices": 2, "interviews": 1},
}


@extend_schema_view(
    list=extend_schema(
        tags=["experts"],
        summary="List experts",
        description=(
            "The expert directory: validated profiles you may see (public ones; also "
            "partners-only ones for partner keys). `q` searches expertise (full text over "
            "headline, biography and catalogue evidence), `name` searches names only; "
            "facets take repeated values (alternatives)."
        ),
        parameters=[IF_NONE_MATCH],
        responses={200: ExpertSerializer(many=True), **NOT_MODIFIED, **LIST_ERRORS},
        examples=[
            OpenApiExample(
                "A page of experts",
                value={"next": None, "previous": None, "results": [_EXPERT_EXAMPLE]},
                response_only=True,
                status_codes=["200"],
            )
        ],
    ),
    retrieve=extend_schema(
        tags=["experts"],
        summary="Get an expert",
        description="One validated profile you may see (404 for hidden ones).",
        parameters=[
            OpenApiParameter("pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id."),
            IF_NONE_MATCH,
        ],
        responses={200: ExpertSerializer, **NOT_MODIFIED, **DETAIL_ERRORS},
        examples=[
            OpenApiExample(
                "An expert", value=_EXPERT_EXAMPLE, response_only=True, status_codes=["200"]
            )
        ],
    ),
)
class ExpertViewSet(ReadOnlyApiViewSet):
    filterset_class = ExpertFilter
    lookup_field = "pk"
    lookup_value_regex = r"[^/.]+"  # ApiUrlField reverses with a placeholder
    ordering_fields = {"name": "name", "created_at": "created_at"}
    ordering = ("name",)

    def get_queryset(self):
        return policy.directory_experts(self.request.user, api_key(self.request)).select_related(
            "organisation"
        )

    def get_serializer_class(self):
        if policy.can_see_partner_fields(self.request.user, api_key(self.request)):
            return PartnerExpertSerializer
        return ExpertSerializer


REQUEST_INPUT_FIELDS = tuple(name for name in REQUEST_FIELDS.names() if name != "cluster")


class ClusterSlugField(serializers.SlugRelatedField):
    """A cluster slug or null; DRF would read an empty string as null, the schema does not."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            raise serializers.ValidationError(_("Give a cluster slug, or null for none."))
        return super().run_validation(data)


class RequestInputSerializer(serializers.ModelSerializer):
    cluster = ClusterSlugField(
        slug_field="slug", queryset=Cluster.objects.all(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=150, validators=[validate_text])
    description = serializers.CharField(max_length=5000, validators=[validate_text])
    cluster_country = serializers.CharField(
        max_length=2, required=False, allow_blank=True, help_text="ISO 3166 code."
    )

    class Meta:
        model = ExpertiseRequest
        fields = (*REQUEST_INPUT_FIELDS, "cluster")


class RequestSerializer(serializers.ModelSerializer):
    url = ApiUrlField("expertise-request-detail", lookup_field="pk", lookup_url_kwarg="pk")
    html_url = PageUrl()
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    cluster_country = serializers.CharField(read_only=True, allow_blank=True)
    # Blank values are valid: say so in the schema (read-only fields drop allow_blank).
    stage = serializers.ChoiceField(choices=Stage.choices, read_only=True, allow_blank=True)

    class Meta:
        model = ExpertiseRequest
        fields = (
            "id",
            "url",
            "html_url",
            "status",
            "organisation",
            "released",
            *REQUEST_INPUT_FIELDS,
            "cluster",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class MatchSerializer(serializers.ModelSerializer):
    expert = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()
    contact_email = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = (
            "position",
            "state",
            "score",
            "breakdown",
            "explanation",
            "expert",
            "contact_email",
        )
        read_only_fields = fields

    def get_expert(self, match) -> dict:
        return {"id": match.expert_id, "name": str(match.expert), "headline": match.expert.headline}

    def get_explanation(self, match) -> list[str]:
        return matching.explain(match.breakdown)

    def get_contact_email(self, match) -> str | None:
        return match.expert.email if match.state == MatchState.ACCEPTED else None


_REQUEST_EXAMPLE = {
    "id": 12,
    "url": "https://portal.example/api/v1/expertise-requests/12/",
    "html_url": "https://portal.example/experts/requests/12/",
    "status": "proposed",
    "organisation": "jic",
    "released": True,
    "title": "Peer review of our cluster strategy",
    "description": "We would like a peer review of the South Moravian biotech strategy.",
    "cluster_country": "CZ",
    "stage": "developing",
    "growth_forces": ["support"],
    "tool_types": ["management"],
    "beneficiaries": ["policy-makers"],
    "languages": ["en"],
    "countries_preferred": [],
    "countries_excluded": [],
    "transnational_preferred": True,
    "format": "peer-review",
    "deadline": "2027-03-01",
    "experts_wanted": 2,
    "cluster": "south-moravia",
    "created_at": "2026-11-30T10:00:00Z",
    "updated_at": "2026-11-30T10:05:00Z",
}

WRITE_ERRORS = problem_responses(400, 401, 403, 404, 409, 429)


@extend_schema_view(
    list=extend_schema(
        tags=["expertise-requests"],
        summary="List requests for expertise",
        description="Requests you may follow: for an API key, its organisation's.",
        parameters=[IF_NONE_MATCH],
        responses={200: RequestSerializer(many=True), **NOT_MODIFIED, **LIST_ERRORS},
    ),
    retrieve=extend_schema(
        tags=["expertise-requests"],
        summary="Get a request for expertise",
        description="One request you may follow, with its status.",
        parameters=[ID, IF_NONE_MATCH],
        responses={200: RequestSerializer, **NOT_MODIFIED, **DETAIL_ERRORS},
        examples=[
            OpenApiExample(
                "A request", value=_REQUEST_EXAMPLE, response_only=True, status_codes=["200"]
            )
        ],
    ),
    create=extend_schema(
        tags=["expertise-requests"],
        summary="File a request for expertise",
        description=(
            "Creates a draft for the key's organisation; `submit=true` in the query files "
            "it at once, which starts matching."
        ),
        request=RequestInputSerializer,
        parameters=[
            OpenApiParameter("submit", OpenApiTypes.BOOL, OpenApiParameter.QUERY, required=False)
        ],
        responses={201: RequestSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        tags=["expertise-requests"],
        summary="Edit a request for expertise",
        description="Before any offer went out; an open request is matched again.",
        request=RequestInputSerializer,
        parameters=[ID, IF_MATCH],
        responses={200: RequestSerializer, **problem_responses(400, 401, 403, 404, 412, 428)},
    ),
)
class ExpertiseRequestViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnlyApiViewSet):
    filterset_class = RequestFilter
    lookup_field = "pk"
    lookup_value_regex = r"[^/.]+"  # ApiUrlField reverses with a placeholder
    ordering_fields = {"created_at": "created_at"}
    ordering = ("-created_at",)
    extra_query_params = ("submit",)
    http_method_names = ["get", "post", "patch", "head", "options"]
    # JSON only: form encodings turn an empty ``cluster`` into null, which the schema
    # (a slug of at least one character) does not allow.
    parser_classes = [JSONParser]
    error_code_status = {"invalid_transition": 409, "matching": 409}

    def get_queryset(self):
        return selectors.request_detail_queryset(self.request.user, api_key(self.request))

    def get_serializer_class(self):
        return RequestSerializer

    def get_object_etag(self, obj) -> str:
        return f'"{obj.pk}-{int(obj.updated_at.timestamp() * 1_000_000)}"'

    def create(self, request, *args, **kwargs):
        serializer = RequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        key = api_key(request)
        if not policy.can_file_request(request.user, key):
            raise PermissionDenied(_("Only write keys and verified people file requests."))
        created = services.request_create(
            data=dict(serializer.validated_data),
            by=request.user,
            key=key,
            submit=request.query_params.get("submit") in ("1", "true"),
        )
        data = RequestSerializer(created, context=self.get_serializer_context()).data
        return created_response(request, data, location=data["url"])

    def update(self, request, *args, **kwargs):
        expertise_request = self.get_object()
        key = api_key(request)
        if not policy.can_edit_request(request.user, expertise_request, key):
            raise PermissionDenied(_("This request cannot be edited now."))
        serializer = RequestInputSerializer(expertise_request, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.check_if_match(request, expertise_request)
        updated = services.request_update(
            request=expertise_request,
            data=dict(serializer.validated_data),
            by=request.user,
            key=key,
        )
        response = Response(RequestSerializer(updated, context=self.get_serializer_context()).data)
        response["ETag"] = self.get_object_etag(updated)
        return response

    @extend_schema(
        tags=["expertise-requests"],
        summary="File a draft request",
        description="Draft -> open; matching starts by itself.",
        request=None,
        parameters=[ID],
        responses={200: RequestSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        expertise_request = self.get_object()
        updated = services.request_submit(
            request=expertise_request, by=request.user, key=api_key(request)
        )
        return Response(RequestSerializer(updated, context=self.get_serializer_context()).data)

    @extend_schema(
        tags=["expertise-requests"],
        summary="Candidates and their scores",
        description=(
            "Once the coordinator released them: each candidate's score, breakdown per "
            "dimension (see the portal's “How matching works”) and the explanation in "
            "words; `contact_email` only for experts who accepted. 403 before release."
        ),
        parameters=[ID, IF_NONE_MATCH],
        responses={200: MatchSerializer(many=True), **NOT_MODIFIED, **DETAIL_ERRORS},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def matches(self, request, pk=None):
        expertise_request = self.get_object()
        if not policy.can_see_matches(request.user, expertise_request, api_key(request)):
            raise PermissionDenied(_("The coordinator has not released the candidates yet."))
        rows = [
            m
            for m in selectors.request_matches(expertise_request)
            if m.state != MatchState.EXCLUDED
        ]
        return Response(MatchSerializer(rows, many=True).data)
