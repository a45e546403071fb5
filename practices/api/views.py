"""``/api/v1/practices/``: the public catalogue, and partners' drafts through the workflow.

Who sees what (the portal's rule, ``practices.policy``, for people and keys alike):

- The **list** is the published catalogue, for everyone, filtered by
  ``practices.filters.PracticeFilter`` (the catalogue page's one definition: every
  facet and ``q``); ``sort`` is left out, the API sorts with ``ordering``.
- A **detail** URL also answers for records in progress to those who may see them on the
  portal: members of the owner organisation and its API keys (every state), reviewers
  (submitted), the coordinator (everything). Anyone else gets 404, as on the portal.
  ``contact`` is for members of partner organisations, their keys and the coordinator
  (``policy.can_see_contact``); ``pending_revision`` and the
  history stay with the owner organisation and the coordinator.

Writes go through ``practices.services.workflow`` with ``by=request.user`` (a key's acting
user holds an editor's rights in the key's organisation, so it can create, edit and submit
drafts there and nothing more: never publish). Errors: the service's ``ValidationError``
is a 400 with per-field ``errors``; ``PermissionDenied`` a 403; a wrong state (``locked``,
``invalid_transition``) a 409; a stale version a 412.

ETags are the hash of the representation (the default), not the practice's ``version``:
the status, documents and interview results change without a new version, and a tag that
missed them would serve stale copies. ``If-Match`` is checked against the representation
the caller would read now, and the service compares the version loaded with it under its
row lock, so a save in between is still a 412.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from clusters.models import Cluster
from netbioclue.rest.conditional import body_etag, check_if_match
from netbioclue.rest.exceptions import PreconditionFailed
from netbioclue.rest.filters import FilterSetBackend, OrderingFilter
from netbioclue.rest.parsers import JSONParser
from netbioclue.rest.renderers import dumps
from netbioclue.rest.schema import AutoSchema as ApiAutoSchema
from netbioclue.rest.viewsets import ReadOnlyApiViewSet, created_response
from organisations.models import Organisation
from practices import policy, relevance
from practices.api import docs
from practices.api.pagination import KeysetCursorPagination
from practices.api.serializers import (
    LIST_VALUES,
    PUT_DEFAULTS,
    AttachmentSerializer,
    AttachmentUploadSerializer,
    PracticeCreateSerializer,
    PracticeDetailSerializer,
    PracticeInputSerializer,
    PracticeListSerializer,
    TransitionCommentSerializer,
)
from practices.filters import TRANSFERABILITY_POSITION_SQL, PracticeFilter
from practices.models import Practice, PracticeRevision, Status
from practices.selectors import catalogue, workspace
from practices.services import reproducibility, workflow


class PracticeApiFilter(PracticeFilter):
    """``PracticeFilter`` minus ``sort``: the API orders with ``ordering`` (one way only)."""


del PracticeApiFilter.base_filters["sort"]
del PracticeApiFilter.base_filters["fit"]  # the cluster of sort=fit, an HTML sort


class PracticeFilterSetBackend(FilterSetBackend):
    """An empty parameter (``?stage=``) filters nothing, as an empty select would.

    Without any filter parameter the FilterSet is not built at all: there is nothing to
    validate or filter, and building its form (every country of the world as choices)
    would cost more than reading the page.
    """

    def get_filterset(self, request, queryset, view):
        names = set(view.filterset_class.base_filters)
        if not any(value.strip() for name in names for value in request.query_params.getlist(name)):
            return None
        filterset = super().get_filterset(request, queryset, view)
        # The list reads a text query's relevance pages through the catalogue's selector.
        view.catalogue_filter = filterset
        return filterset

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


class PracticeOrderingFilter(OrderingFilter):
    """``ordering`` with relevance as the default when ``q`` searches, newest otherwise.

    For a text query ``PracticeFilter.order`` annotates the catalogue's relevance
    (``practices.relevance``): ``tier`` (1: the most recent title/summary matches, ranked;
    2: the rest) and ``rank`` (``ts_rank`` as double precision, so the cursor compares
    positions exactly), named ``relevance`` here. The list reads the plain relevance
    order (and its reverse) page by page with ``relevance.rows``, as the catalogue's pages
    do; orderings that add other fields to it sort every match by the annotations, made
    from the same tier-1 statement.
    """

    def filter_queryset(self, request, queryset, view):
        if "rank" in queryset.query.annotations:
            queryset = queryset.annotate(relevance=F("rank"))
        return super().filter_queryset(request, queryset, view)

    def get_ordering(self, request, queryset, view):
        ranked = "relevance" in queryset.query.annotations
        if not request.query_params.get(self.ordering_param, "").strip():
            return list(RELEVANCE if ranked else NEWEST)
        ordering = super().get_ordering(request, queryset, view)
        if not ranked:
            # Without a text query every practice is as relevant as the next: what is left
            # of the relevance order is its last key, newest first (as on the catalogue).
            ordering = [f for f in ordering if f.lstrip("-") not in RANK_FIELDS] or list(NEWEST)
        return ordering


class PracticeAutoSchema(ApiAutoSchema):
    """Input serializers marked ``strict`` refuse unknown keys: say so in the schema."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and getattr(serializer, "strict", False):
            schema["additionalProperties"] = False
        return schema


NEWEST = ("-published_at",)
# The catalogue's relevance (``relevance.ORDER``, its rank named ``relevance``), its own
# tie-breaker included: the paginator would append one in the first field's direction.
RELEVANCE = tuple(field.replace("rank", "relevance") for field in relevance.ORDER)
RANK_FIELDS = ("tier", "relevance")
REVERSED_RELEVANCE = tuple(
    field.removeprefix("-") if field.startswith("-") else f"-{field}" for field in RELEVANCE
)

# 1 high … 4 not assessed: the expression of the catalogue's index, so the sort can use it.
TRANSFERABILITY_POSITION = RawSQL(  # noqa: S611 - a constant expression, no input
    TRANSFERABILITY_POSITION_SQL, [], output_field=IntegerField()
)


@docs.practice_viewset_schema
class PracticeViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ReadOnlyApiViewSet,
):
    schema = PracticeAutoSchema()
    filterset_class = PracticeApiFilter
    filter_backends = [PracticeFilterSetBackend, PracticeOrderingFilter]
    pagination_class = KeysetCursorPagination
    parser_classes = [JSONParser]  # uploads: multipart (the attachments action)
    ordering_fields = {
        "published_at": "published_at",
        "updated_at": "updated_at",
        "title": "title",
        # "-transferability": high, medium, low, not assessed (the catalogue's sort).
        "transferability": ("-transferability_position", "published_at"),
        "relevance": RELEVANCE,
    }
    ordering = NEWEST  # with q: RELEVANCE (PracticeOrderingFilter)
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    error_code_status = {"invalid_transition": 409, "locked": 409, "too_many": 409, "stale": 412}

    # --- querysets -------------------------------------------------------------------------

    def get_queryset(self):
        if self.action == "list":
            practices = Practice.objects.published()
            if "transferability" in self.request.query_params.get("ordering", ""):
                practices = practices.annotate(transferability_position=TRANSFERABILITY_POSITION)
            return practices
        return (
            policy.visible_practices(self.request.user)
            .select_related("owner", "origin_cluster")
            .prefetch_related("attachments")
            .defer("search_vector", "rank_vector")
        )

    def get_serializer_class(self):
        if self.action == "list":
            return PracticeListSerializer
        if self.action == "create":
            return PracticeCreateSerializer
        if self.action in ("update", "partial_update"):
            return PracticeInputSerializer
        return PracticeDetailSerializer

    # --- reads -----------------------------------------------------------------------------

    def list(self, request, *args, **kwargs):
        practices = self.filter_queryset(self.get_queryset())
        extra = [
            name
            for name in ("tier", "relevance", "transferability_position")
            if name in _annotations(practices)
        ]
        rows = practices.values(*LIST_VALUES, *extra)
        page = self.paginator.paginate_queryset(
            rows, request, view=self, fetch=self._relevance_fetcher(rows)
        )
        data = PracticeListSerializer(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    def _relevance_fetcher(self, rows: QuerySet):
        """How a page of the plain relevance order is read (None for other orders).

        Like the catalogue's pages: the page's positions from
        ``catalogue.relevance_keyset_page`` (``relevance.rows``: bounded work, where sorting
        ``rows`` would rank every match), then their rows by id (2 queries, and the planner
        setting).
        """
        filterset = getattr(self, "catalogue_filter", None)
        if filterset is None or not filterset.query_text:
            return None
        ordering = tuple(self.paginator.get_ordering(self.request, rows, self))
        if ordering not in (RELEVANCE, REVERSED_RELEVANCE):
            return None
        reversed_order = ordering == REVERSED_RELEVANCE

        def fetch(key, reverse, offset, limit):
            positions = catalogue.relevance_keyset_page(
                filterset, after=key, limit=offset + limit, backward=reverse != reversed_order
            )[offset:]
            ids = [position.id for position in positions]
            found = {
                row["id"]: row
                for row in Practice.objects.published().filter(pk__in=ids).values(*LIST_VALUES)
            }
            return [
                {**found[p.id], "tier": p.tier, "relevance": p.rank}
                for p in positions
                if p.id in found
            ]

        return fetch

    def retrieve(self, request, *args, **kwargs):
        return Response(self.detail_data(self.get_object()))

    def detail_data(self, practice: Practice) -> dict:
        """The detail representation for this caller: the documents, the interview summary
        and, for insiders of a published practice, the pending revision (a query each)."""
        user = self.request.user
        revision = None
        revision_content = None
        if practice.status == Status.PUBLISHED and policy.is_insider(user, practice):
            revision = workspace.pending_revision(practice)
            if revision is not None:
                revision_content = _revision_content(revision)
        context = {
            **self.get_serializer_context(),
            "reproducibility": reproducibility.summary(practice),
            "contact_visible": policy.can_see_contact(user),
            "pending_revision": revision,
            "revision_content": revision_content,
            "actions": policy.allowed_actions(user, practice),
        }
        return PracticeDetailSerializer(practice, context=context).data

    def _reload(self, practice: Practice) -> Practice:
        return self.get_queryset().get(pk=practice.pk)

    def _current_etag(self, practice: Practice) -> str:
        return body_etag(dumps(self.detail_data(practice)))

    def _answer(self, practice: Practice, status_code: int = 200, **kwargs) -> Response:
        data = self.detail_data(self._reload(practice))
        headers = {"ETag": body_etag(dumps(data)), **kwargs.pop("headers", {})}
        return Response(data, status=status_code, headers=headers, **kwargs)

    # --- writes ----------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        serializer = PracticeCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = self._organisation_for_create(data.pop("owner", None))
        practice = workflow.practice_create(organisation=organisation, data=data, by=request.user)
        data = self.detail_data(self._reload(practice))
        response = created_response(
            request, data, location=reverse("practice-detail", kwargs={"slug": practice.slug})
        )
        response["ETag"] = body_etag(dumps(data))
        return response

    def _organisation_for_create(self, owner_slug: str | None) -> Organisation:
        writable = policy.creatable_organisation_ids(self.request.user)
        if owner_slug:
            organisation = Organisation.objects.filter(slug=owner_slug, pk__in=writable).first()
            if organisation is None:
                raise PermissionDenied(
                    _("You may not create practices for the organisation “%(slug)s”.")
                    % {"slug": owner_slug}
                )
            return organisation
        if not writable:
            raise PermissionDenied(
                _("Practices are created by editors of partner organisations; you are none.")
            )
        if len(writable) > 1:
            raise exceptions.ValidationError(
                {"owner": [_("You edit for several organisations: name one with its slug.")]},
                code="required",
            )
        return Organisation.objects.get(pk=writable[0])

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        practice = self.get_object()
        if not policy.can_edit(request.user, practice):
            raise PermissionDenied(_("You may not edit this practice."))
        # Who (403), then what (400), then against which version (428/412), then the
        # workflow's own checks (409, 400, and 412 again under the row lock).
        serializer = PracticeInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        check_if_match(request, self._current_etag(practice))
        data = dict(serializer.validated_data)
        if not partial:
            data = {**PUT_DEFAULTS, **data}
        revision = workspace.pending_revision(practice) if practice.is_published else None
        try:
            result = workflow.practice_update(
                practice=practice,
                data=data,
                expected_version=workflow.edit_version(practice, revision),
                by=request.user,
            )
        except workflow.StaleEdit:
            raise PreconditionFailed(
                current_etag=self._current_etag(self._reload(practice))
            ) from None
        # An edit of a published practice waits for the coordinator: 202, the public text stays.
        accepted = isinstance(result, PracticeRevision)
        return self._answer(practice, status.HTTP_202_ACCEPTED if accepted else status.HTTP_200_OK)

    # --- the workflow ----------------------------------------------------------------------

    def _transition(self, request, action_name: str) -> Response:
        """One workflow action through ``workflow.ACTIONS``; the comment is read first
        (a 400 before anything else) for the actions that take one."""
        step = workflow.ACTIONS[action_name]
        comment = _comment(request) if step.comment else ""
        practice = self.get_object()
        if request.headers.get("If-Match"):
            check_if_match(request, self._current_etag(practice))
        workflow.practice_transition(
            action=action_name, practice=practice, by=request.user, comment=comment
        )
        return self._answer(practice)

    @action(detail=True, methods=["post"])
    def submit(self, request, slug=None):
        return self._transition(request, "submit")

    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None):
        return self._transition(request, "publish")

    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, slug=None):
        return self._transition(request, "request_changes")

    @action(detail=True, methods=["post"])
    def reject(self, request, slug=None):
        return self._transition(request, "reject")

    @action(detail=True, methods=["post"])
    def archive(self, request, slug=None):
        return self._transition(request, "archive")

    @action(detail=True, methods=["post"])
    def withdraw(self, request, slug=None):
        """Take a submitted practice back to draft (the owner organisation's editors)."""
        return self._transition(request, "withdraw")

    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser],
    )
    def attachments(self, request, slug=None):
        practice = self.get_object()
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            attachment = workflow.attachment_add(
                practice=practice,
                uploaded_file=serializer.validated_data["file"],
                title=serializer.validated_data.get("title", ""),
                by=request.user,
            )
        except ValidationError as error:
            code = getattr(error, "code", None)
            if hasattr(error, "error_dict") or code in self.error_code_status:
                raise
            # What is wrong with the file itself (type, size, name) belongs to "file".
            raise ValidationError({"file": error.error_list}) from None
        data = AttachmentSerializer(attachment, context=self.get_serializer_context()).data
        return created_response(request, data, location=data["url"])


def _annotations(queryset: QuerySet) -> set[str]:
    return set(queryset.query.annotations)


def _comment(request) -> str:
    serializer = TransitionCommentSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data["comment"]


def _revision_content(revision: PracticeRevision) -> dict:
    """The revision's content as the API writes it: ``origin_cluster`` as a slug."""
    content = dict(revision.content)
    cluster_id = content.get("origin_cluster")
    if cluster_id is not None:
        content["origin_cluster"] = (
            Cluster.objects.filter(pk=cluster_id).values_list("slug", flat=True).first()
        )
    return content
