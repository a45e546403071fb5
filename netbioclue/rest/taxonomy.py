"""``/api/v1/taxonomy/``: the shared vocabulary (``netbioclue.vocabulary``) for clients.

Each facet lists its values: the stable slug used in data and query parameters, and a
label in the language of ``Accept-Language`` (English by default).
"""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from netbioclue.rest.schema import IF_NONE_MATCH, NOT_MODIFIED, problem_responses
from netbioclue.rest.serializers import StrictSerializer
from netbioclue.rest.viewsets import ApiViewMixin
from netbioclue.vocabulary import FACETS, ContentLanguage


def vocabularies() -> dict:
    """key -> (choices, label): the facets, then the languages contributions are in."""
    return {**FACETS, "language": (ContentLanguage, _("Language"))}


class TermSerializer(StrictSerializer):
    value = serializers.CharField(help_text="The stable slug used in data and filters.")
    label = serializers.CharField(help_text="The name to show, in the requested language.")


class FacetSerializer(StrictSerializer):
    key = serializers.CharField(help_text="The facet's name, also its query parameter.")
    url = serializers.URLField()
    label = serializers.CharField()
    values = TermSerializer(many=True)


def _facet(request, key: str) -> dict:
    choices, label = vocabularies()[key]
    return {
        "key": key,
        "url": request.build_absolute_uri(reverse("taxonomy-detail", kwargs={"key": key})),
        "label": str(label),
        "values": [{"value": value, "label": str(name)} for value, name in choices.choices],
    }


_KEY = OpenApiParameter(
    "key",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=list(vocabularies()),
    description="The facet.",
)
_EXAMPLE = {
    "key": "stage",
    "url": "https://portal.example/api/v1/taxonomy/stage/",
    "label": "Life-cycle stage",
    "values": [
        {"value": "emerging", "label": "Emerging"},
        {"value": "developing", "label": "Developing"},
        {"value": "mature", "label": "Mature"},
        {"value": "renewing", "label": "Declining / renewing"},
    ],
}


class TaxonomyViewSet(ApiViewMixin, viewsets.ViewSet):
    lookup_field = "key"
    lookup_value_regex = r"[a-z_]+"

    @extend_schema(
        summary="List the vocabulary",
        description=(
            "Every facet of the portal (life-cycle stage, growth force, tool type, "
            "beneficiary, business model, evidence level, transferability, genesis, world "
            "region) and the content languages, each with its values and labels. Labels "
            "follow `Accept-Language`."
        ),
        parameters=[IF_NONE_MATCH],
        responses={200: FacetSerializer(many=True), **NOT_MODIFIED, **problem_responses(429)},
        examples=[
            OpenApiExample(
                "The vocabulary", value=[_EXAMPLE], response_only=True, status_codes=["200"]
            )
        ],
        tags=["taxonomy"],
    )
    def list(self, request):
        return Response([_facet(request, key) for key in vocabularies()])

    @extend_schema(
        summary="Get one facet",
        description="One facet of the vocabulary with its values and labels.",
        parameters=[_KEY, IF_NONE_MATCH],
        responses={
            200: FacetSerializer,
            **NOT_MODIFIED,
            **problem_responses(404, 429),
        },
        examples=[
            OpenApiExample("A facet", value=_EXAMPLE, response_only=True, status_codes=["200"])
        ],
        tags=["taxonomy"],
    )
    def retrieve(self, request, key: str):
        if key not in vocabularies():
            raise Http404
        return Response(_facet(request, key))
