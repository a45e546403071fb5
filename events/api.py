"""``/api/v1/events/``: the public calendar, and partners' events through the services.

- The **list** is the public calendar (published and cancelled events), filtered by
  ``events.filters.EventFilter`` (the calendar page's definition: ``kind``, ``topic``,
  ``language``, ``country``, ``online``, ``organisation``, ``cluster``) plus
  ``when=upcoming|past`` (default: every event), ordered by ``starts_at``.
- A **detail** URL also answers for drafts to those who manage them (editors of the host
  organisation and its API keys, coordinators); anyone else gets 404, as on the portal.
- Fields are the registry's exported fields (``events.fields``). The venue address, the
  coordinates and the online link are given only to those who manage the event (they
  are for registered people, who use the portal). **Registrations are never exposed.**
- Writes call ``events.services`` with ``by=request.user``: an API key of scope
  ``write`` acts as an editor of its own organisation, so it creates and edits that
  organisation's events, publishes them (events are not moderated, see
  ``events.policy``) and cancels them, and nothing of any other organisation.
  ``ValidationError`` is a 400 with per-field errors, ``PermissionDenied`` a 403, a
  wrong state (``invalid_transition``, ``past``) a 409.

Open data: ``/api/v1/open-data/events.jsonl`` and ``events.csv`` stream the public
calendar with the same exported fields, under CC BY 4.0.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from events import policy, selectors, services
from events.fields import EVENT_FIELDS
from events.filters import EventFilter
from events.models import Event
from netbioclue.registry import Kind
from netbioclue.rest.filters import FilterSetBackend, OrderingFilter
from netbioclue.rest.permissions import writable_organisation_ids
from netbioclue.rest.renderers import dumps
from netbioclue.rest.schema import DETAIL_ERRORS, LIST_ERRORS, problem_responses
from netbioclue.rest.serializers import ApiUrlField, PageUrlField, StrictSerializer
from netbioclue.rest.viewsets import ApiViewMixin, ReadOnlyApiViewSet, created_response
from netbioclue.text import validate_text, validate_text_list
from organisations.models import Organisation
from practices.api.opendata import (
    LICENCE,
    LICENCE_LINK,
    LICENCE_URL,
    AlwaysTheFile,
    CsvRenderer,
    JsonLinesRenderer,
)

# Registry fields any reader sees (exported, not foreign keys).
PUBLIC_FIELDS = tuple(
    spec.name for spec in EVENT_FIELDS if spec.export and spec.kind != Kind.FOREIGN_KEY
)
# Revealed to registered people on the portal; in the API to those who manage the event.
PRIVATE_FIELDS = tuple(
    spec.name
    for spec in EVENT_FIELDS
    if not spec.export and spec.kind != Kind.FOREIGN_KEY and spec.name != "questions"
)


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class EventSerializer(serializers.ModelSerializer):
    url = ApiUrlField("event-detail")
    html_url = PageUrlField("events:detail")
    ics_url = PageUrlField("events:ics")
    host = OrganisationRefSerializer(read_only=True)
    co_hosts = OrganisationRefSerializer(many=True, read_only=True)
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    country = serializers.CharField(source="country.code", read_only=True, allow_blank=True)
    is_past = serializers.BooleanField(read_only=True)

    class Meta:
        model = Event
        fields = (
            "url",
            "html_url",
            "ics_url",
            "slug",
            "status",
            "is_past",
            *PUBLIC_FIELDS,
            "host",
            "co_hosts",
            "cluster",
            "sequence",
            "outcome_note",
            "outcome_links",
            "published_at",
            "updated_at",
        )
        read_only_fields = fields


class EventPrivateSerializer(EventSerializer):
    class Meta(EventSerializer.Meta):
        fields = (*EventSerializer.Meta.fields, *PRIVATE_FIELDS, "questions")
        read_only_fields = fields


class EventInputSerializer(StrictSerializer):
    """What a partner sends; the service validates the event as a whole."""

    title = serializers.CharField(max_length=160, validators=[validate_text])
    kind = serializers.ChoiceField(choices=EVENT_FIELDS["kind"].vocabulary.choices)
    summary = serializers.CharField(max_length=500, validators=[validate_text])
    description = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, validators=[validate_text]
    )
    topics = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_FIELDS["topics"].vocabulary.choices),
        required=False,
        max_length=20,
    )
    language = serializers.ChoiceField(
        choices=EVENT_FIELDS["language"].vocabulary.choices, required=False
    )
    starts_at = serializers.DateTimeField(
        help_text="ISO 8601 with an offset, e.g. 2031-05-06T09:30:00+02:00."
    )
    ends_at = serializers.DateTimeField()
    timezone = serializers.CharField(max_length=64, help_text="IANA zone, e.g. Europe/Berlin.")
    is_online = serializers.BooleanField(required=False)
    venue_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, validators=[validate_text]
    )
    venue_address = serializers.CharField(
        max_length=300, required=False, allow_blank=True, validators=[validate_text]
    )
    city = serializers.CharField(
        max_length=100, required=False, allow_blank=True, validators=[validate_text]
    )
    country = serializers.CharField(max_length=2, required=False, allow_blank=True)
    latitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, required=False, allow_null=True, min_value=-90, max_value=90
    )
    longitude = serializers.DecimalField(
        max_digits=8,
        decimal_places=5,
        required=False,
        allow_null=True,
        min_value=-180,
        max_value=180,
    )
    online_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    capacity = serializers.IntegerField(
        min_value=1, max_value=100000, required=False, allow_null=True
    )
    registration_opens_at = serializers.DateTimeField(required=False, allow_null=True)
    registration_closes_at = serializers.DateTimeField(required=False, allow_null=True)
    price_note = serializers.CharField(
        max_length=200, required=False, allow_blank=True, validators=[validate_text]
    )
    questions = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=10,
        validators=[validate_text_list],
    )

    def validate_timezone(self, value: str) -> str:
        from events.models import timezone_names

        if value not in timezone_names():
            raise serializers.ValidationError(_("Unknown time zone; use an IANA name."))
        return value

    def validate_country(self, value: str) -> str:
        from django_countries import countries

        value = value.upper()
        if value and value not in countries:
            raise serializers.ValidationError(_("Unknown country code."))
        return value


class EventCreateSerializer(EventInputSerializer):
    host = serializers.SlugField(
        required=False, help_text="The host organisation's slug (needed if you edit for several)."
    )


class EventFilterSetBackend(FilterSetBackend):
    """An empty parameter (``?country=``) filters nothing, as an empty select would."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        data = kwargs["data"].copy()
        for name in list(data):
            values = [value for value in data.getlist(name) if value.strip()]
            if values:
                data.setlist(name, values)
            else:
                del data[name]
        kwargs["data"] = data
        return kwargs


WRITE_ERRORS = problem_responses(400, 401, 403, 404, 409, 429)


@extend_schema_view(
    list=extend_schema(
        summary="List events",
        description="The public calendar (published and cancelled events), by start. Filters: "
        "`kind`, `topic`, `language`, `country` (repeat for alternatives), `online=yes|no`, "
        "`organisation` (host or co-host slug), `cluster` (slug), `when=upcoming|past`. "
        "Cursor-paginated. Registrations are never exposed.",
        responses={200: EventSerializer(many=True), **LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="Get an event",
        description="One event by slug. Drafts answer only to those who manage them; the "
        "venue address, coordinates, online link and questions only to them too.",
        responses={200: EventSerializer, **DETAIL_ERRORS},
    ),
    create=extend_schema(
        summary="Create an event",
        description="A draft event of your organisation (`host`: its slug if you edit for "
        "several). Times are ISO 8601 with an offset; `timezone` is the IANA zone it "
        "happens in.",
        request=EventCreateSerializer,
        responses={201: EventPrivateSerializer, **WRITE_ERRORS},
    ),
    update=extend_schema(
        summary="Replace an event's fields",
        description="Edit your organisation's event; a change of time or place is e-mailed "
        "to its registrants and raises the iCalendar SEQUENCE.",
        request=EventInputSerializer,
        responses={200: EventPrivateSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Edit some of an event's fields",
        description="As PUT, with only the fields sent.",
        request=EventInputSerializer,
        responses={200: EventPrivateSerializer, **WRITE_ERRORS},
    ),
    publish=extend_schema(
        summary="Publish an event",
        description="Draft to published. Events are not moderated: editors of the host "
        "publish; 409 if the event is not a draft or is over.",
        request=None,
        responses={200: EventPrivateSerializer, **WRITE_ERRORS},
    ),
    cancel=extend_schema(
        summary="Cancel an event",
        description="The event stays listed as cancelled and every registrant is told by "
        "e-mail (with the optional `reason`).",
        request=None,
        responses={200: EventPrivateSerializer, **WRITE_ERRORS},
    ),
)
class EventViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnlyApiViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    filter_backends = [EventFilterSetBackend, OrderingFilter]
    ordering_fields = {"starts_at": "starts_at", "updated_at": "updated_at"}
    ordering = ("starts_at",)
    extra_query_params = ("when",)
    error_code_status = {"invalid_transition": 409, "past": 409}

    def get_queryset(self):
        if self.action == "list":
            queryset = Event.objects.listed()
            when = self.request.query_params.get("when", "").strip()
            if when == "upcoming":
                queryset = queryset.upcoming()
            elif when == "past":
                queryset = queryset.past()
            elif when:
                raise exceptions.ValidationError(
                    {"when": [_("Use “upcoming” or “past”.")]}, code="invalid"
                )
        else:
            queryset = policy.visible_events(self.request.user)
        return selectors.with_related(queryset)

    def _data(self, event: Event) -> dict:
        manages = policy.can_manage_registrations(self.request.user, event)
        serializer = EventPrivateSerializer if manages else EventSerializer
        return serializer(event, context=self.get_serializer_context()).data

    def retrieve(self, request, *args, **kwargs):
        return Response(self._data(self.get_object()))

    def _reload(self, event: Event) -> Event:
        return selectors.with_related(Event.objects.all()).get(pk=event.pk)

    def _host_for_create(self, slug: str | None) -> Organisation:
        writable = writable_organisation_ids(self.request)
        if slug:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None or not policy.can_create_for(
                self.request.user, organisation.pk
            ):
                raise PermissionDenied(
                    _("You may not create events for the organisation “%(slug)s”.") % {"slug": slug}
                )
            return organisation
        if not writable:
            raise PermissionDenied(_("Events are created by editors of partner organisations."))
        if len(writable) > 1:
            raise exceptions.ValidationError(
                {"host": [_("You edit for several organisations: name one with its slug.")]},
                code="required",
            )
        return Organisation.objects.get(pk=writable[0])

    def create(self, request, *args, **kwargs):
        serializer = EventCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        host = self._host_for_create(data.pop("host", None))
        event = services.event_create(host=host, by=request.user, data=data)
        return created_response(
            request,
            self._data(self._reload(event)),
            location=reverse("event-detail", kwargs={"slug": event.slug}),
        )

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        event = self.get_object()
        if not policy.can_edit(request.user, event):
            raise PermissionDenied(_("You may not edit this event."))
        serializer = EventInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.event_update(event=event, by=request.user, data=dict(serializer.validated_data))
        return Response(self._data(self._reload(event)))

    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None):
        event = self.get_object()
        services.event_publish(event=event, by=request.user)
        return Response(self._data(self._reload(event)))

    @action(detail=True, methods=["post"])
    def cancel(self, request, slug=None):
        event = self.get_object()
        reason = request.data.get("reason", "") if hasattr(request.data, "get") else ""
        if not isinstance(reason, str) or len(reason) > 2000:
            raise exceptions.ValidationError({"reason": [_("A text of at most 2000 characters.")]})
        services.event_cancel(event=event, by=request.user, reason=reason)
        return Response(self._data(self._reload(event)))


# ---- Open data -----------------------------------------------------------------------------

OPEN_DATA_COLUMNS = (
    "slug",
    "url",
    "status",
    *PUBLIC_FIELDS,
    "host",
    "co_hosts",
    "cluster",
    "outcome_note",
)
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _open_data_rows(base_url: str) -> Iterator[dict]:
    events = (
        selectors.with_related(Event.objects.listed())
        .order_by("starts_at", "id")
        .iterator(chunk_size=2000)
    )
    for event in events:
        row = {
            "slug": event.slug,
            "url": base_url + event.get_absolute_url(),
            "status": event.status,
            "host": event.host.slug,
            "co_hosts": [o.slug for o in event.co_hosts.all()],
            "cluster": event.cluster.slug if event.cluster else None,
            "outcome_note": event.outcome_note,
        }
        for name in PUBLIC_FIELDS:
            value = getattr(event, name)
            if isinstance(value, datetime.datetime):
                value = value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
            elif name == "country":
                value = value.code if value else ""
            row[name] = value
        yield row


class _Line:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value):
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


class _EventsOpenData(ApiViewMixin, APIView):
    content_negotiation_class = AlwaysTheFile
    filename = ""

    def lines(self, rows: Iterator[dict]) -> Iterator[str]:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        base = request.build_absolute_uri("/").rstrip("/")
        self.metadata = {
            "title": "NETBIOCLUE events",
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "generated_at": timezone.now().isoformat(),
            "columns": list(OPEN_DATA_COLUMNS),
        }
        media_type = self.renderer_classes[0].media_type
        response = StreamingHttpResponse(
            (line.encode() for line in self.lines(_open_data_rows(base))),
            content_type=f"{media_type}; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        response["Link"] = LICENCE_LINK
        return response


class EventsJsonLinesView(_EventsOpenData):
    renderer_classes = [JsonLinesRenderer]
    filename = "netbioclue-events.jsonl"

    def lines(self, rows):
        yield dumps({"metadata": self.metadata}).decode() + "\n"
        for row in rows:
            yield dumps(row).decode() + "\n"

    @extend_schema(
        summary="Download the events (JSON Lines)",
        description="Every public event (published or cancelled), by start, one JSON object "
        'per line after a first `{"metadata": {…}}` line. No registrations, no venue '
        "address or online link. CC BY 4.0.",
        responses={
            (200, "application/jsonl"): OpenApiResponse(OpenApiTypes.STR, description="JSON Lines")
        },
        tags=["open-data"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class EventsCsvView(_EventsOpenData):
    renderer_classes = [CsvRenderer]
    filename = "netbioclue-events.csv"

    def lines(self, rows):
        writer = csv.writer(_Line())
        yield writer.writerow(OPEN_DATA_COLUMNS)
        for row in rows:
            yield writer.writerow([_csv_cell(row[column]) for column in OPEN_DATA_COLUMNS])

    @extend_schema(
        summary="Download the events (CSV)",
        description="Every public event, by start, as CSV with a header row; lists joined "
        "with `;`. No registrations, no venue address or online link. CC BY 4.0.",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV")},
        tags=["open-data"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
