"""Reads of the experts app, shared by the HTML pages and the API.

Every queryset starts from ``experts.policy`` (who may see which rows), then applies
the FilterSet and fetches related rows in bulk, so a page costs the same number of
queries for 1 row and for 25.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from experts import policy
from experts.fields import EXPERT_FIELDS
from experts.filters import ExpertFilter, RequestFilter
from experts.models import ExpertiseRequest, ExpertProfile, Match, MatchState, RequestStatus
from netbioclue.registry import Kind
from organisations.models import ApiKey, User
from practices.models import Practice, StakeholderInterview

DIRECTORY_COLUMNS = (
    "name",
    "headline",
    "organisation_name",
    "organisation__name",
    "country",
    "countries",
    "languages",
    "language_levels",
    "growth_forces",
    "tool_types",
    "stages",
    "beneficiaries",
    "formats",
    "visibility",
    "status",
    "user_id",
    "practice_count",
    "interview_count",
)


def expert_directory(*, params, user: User, key: ApiKey | None = None) -> ExpertFilter:
    """The filtered directory: check ``.is_valid()``, then use ``.qs``."""
    queryset = (
        policy.directory_experts(user, key).select_related("organisation").order_by("name", "pk")
    )
    return ExpertFilter(params, queryset=queryset)


@dataclass
class FacetCount:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(filterset: ExpertFilter) -> dict[str, list[FacetCount]]:
    """Counts per facet value among the filtered experts, in one query."""
    if not filterset.is_valid():
        return {}
    specs = [s for s in EXPERT_FIELDS.facets().values() if s.kind == Kind.MULTI_CHOICE]
    names = [s.name for s in specs]
    sql, params = filterset.qs.order_by().values("pk", *names).query.sql_with_params()
    parts = " UNION ALL ".join(
        f"SELECT '{name}' AS facet, v AS value, count(*) FROM sub, unnest(sub.{name}) v GROUP BY v"  # noqa: S608
        for name in names
    )
    with connection.cursor() as cursor:
        cursor.execute(f"WITH sub AS ({sql}) {parts}", params)
        rows = cursor.fetchall()
    counted: dict[str, dict[str, int]] = {}
    for facet, value, count in rows:
        counted.setdefault(facet, {})[value] = count
    data = filterset.form.cleaned_data
    result = {}
    for spec in specs:
        chosen = set(data.get(spec.facet) or [])
        result[spec.facet] = [
            FacetCount(value, str(label), counted.get(spec.name, {}).get(value, 0), value in chosen)
            for value, label in spec.vocabulary.choices
        ]
    return result


def expert_evidence(expert: ExpertProfile) -> tuple[list[Practice], list[Practice]]:
    """Published practices the expert authored, and those they interviewed stakeholders on."""
    if expert.user_id is None:
        return [], []
    published = Practice.objects.published().only("title", "slug", "summary")
    authored = list(published.filter(created_by_id=expert.user_id).order_by("title")[:20])
    interviewed = list(
        published.filter(
            pk__in=StakeholderInterview.objects.filter(reviewer_id=expert.user_id).values(
                "practice_id"
            )
        ).order_by("title")[:20]
    )
    return authored, interviewed


def request_list(*, params, user: User, key: ApiKey | None = None) -> RequestFilter:
    queryset = policy.visible_requests(user, key).select_related(
        "organisation", "requester", "cluster"
    )
    return RequestFilter(params, queryset=queryset)


def request_matches(request: ExpertiseRequest) -> list[Match]:
    return list(
        Match.objects.filter(request=request)
        .select_related("expert", "expert__organisation")
        .order_by("state", "position", "-score", "pk")
    )


def accepted_contacts(request: ExpertiseRequest) -> list[ExpertProfile]:
    return [
        m.expert
        for m in Match.objects.filter(request=request, state=MatchState.ACCEPTED).select_related(
            "expert"
        )
    ]


def expert_export(expert: ExpertProfile) -> dict:
    """Everything the portal holds about an expert, for their JSON download."""
    data = {spec.name: getattr(expert, spec.name) for spec in EXPERT_FIELDS}
    data["country"] = str(expert.country or "")
    data["not_available_until"] = (
        expert.not_available_until.isoformat() if expert.not_available_until else None
    )
    data.update(
        {
            "id": expert.pk,
            "organisation": expert.organisation.name if expert.organisation_id else None,
            "language_levels": expert.language_levels,
            "status": expert.status,
            "consent_text": expert.consent_text,
            "consent_at": expert.consent_at.isoformat() if expert.consent_at else None,
            "declared_conflicts": [o.name for o in expert.conflict_organisations.all()],
            "created_at": expert.created_at.isoformat(),
            "assignments": [
                {
                    "request": m.request.title,
                    "state": m.state,
                    "score": m.score,
                    "breakdown": m.breakdown,
                    "offered_at": m.offered_at.isoformat() if m.offered_at else None,
                    "responded_at": m.responded_at.isoformat() if m.responded_at else None,
                }
                for m in expert.matches.exclude(
                    state__in=[MatchState.CANDIDATE, MatchState.EXCLUDED]
                ).select_related("request")
            ],
        }
    )
    return data


# Vocabulary facets (keys of netbioclue.vocabulary.FACETS) a request names, and where.
REQUEST_TOPIC_FIELDS = {
    "stage": "stage",
    "growth_force": "growth_forces__contains",
    "tool_type": "tool_types__contains",
    "beneficiary": "beneficiaries__contains",
}
OPEN_REQUEST_STATES = (RequestStatus.OPEN, RequestStatus.MATCHING, RequestStatus.PROPOSED)


def open_requests_for_topics(
    *, user: User, topics: Iterable[tuple[str, str]], since=None
) -> QuerySet[ExpertiseRequest]:
    """Open requests for expertise that name any of ``topics`` — ``(facet, value)`` pairs
    as a ``events.Follow`` of kind topic stores them (facets without a request field are
    ignored) — created since ``since``, among those ``user`` may see (``policy``): the
    weekly digest reads them here. Newest first, with organisation and cluster."""
    rule = Q()
    for facet, value in topics:
        lookup = REQUEST_TOPIC_FIELDS.get(facet)
        if lookup is not None:
            rule |= Q(**{lookup: value if lookup == "stage" else [value]})
    if not rule:
        return ExpertiseRequest.objects.none()
    requests = policy.visible_requests(user).filter(rule, status__in=OPEN_REQUEST_STATES)
    if since is not None:
        requests = requests.filter(created_at__gte=since)
    return requests.select_related("organisation", "cluster").order_by("-created_at", "-pk")


def request_detail_queryset(user: User, key: ApiKey | None = None) -> QuerySet:
    return policy.visible_requests(user, key).select_related("organisation", "requester", "cluster")
