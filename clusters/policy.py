"""Who may do what with clusters: one function per question, used by views, API and admin.

A partner organisation has one home cluster (``Organisation.home_cluster``). Its editors
and admins (``EDIT_CONTENT``) propose changes to that cluster's profile, indicator values
and self-assessments; nobody else's. The coordinator approves or rejects proposals and may
propose too. Approved indicator values are public; pending and rejected ones are seen only
by the coordinator and the cluster's own editors.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from clusters.models import Cluster, IndicatorStatus, IndicatorValue
from organisations.models import Organisation, User
from organisations.permissions import EDIT_CONTENT, can, is_coordinator


def editing_organisation(user: User, cluster: Cluster) -> Organisation | None:
    """The partner through which ``user`` may edit ``cluster`` (None: may not).

    Uses ``cluster.organisations`` (prefetched by the detail selectors); the user's
    permissions are memoised per request.
    """
    if not user.is_authenticated:
        return None
    for organisation in cluster.organisations.all():
        if can(user, organisation, EDIT_CONTENT):
            return organisation
    return None


def can_edit_cluster(user: User, cluster: Cluster) -> bool:
    """May ``user`` propose profile edits, indicator values and assessments for it?"""
    return is_coordinator(user) or editing_organisation(user, cluster) is not None


def can_moderate_clusters(user: User) -> bool:
    """May ``user`` approve or reject cluster revisions and indicator values?"""
    return is_coordinator(user)


def can_propose_recommendation(user: User) -> bool:
    """May ``user`` write a policy recommendation (the coordinator, or any partner's
    editors)? It is published only when the coordinator approves it."""
    if is_coordinator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return any(
        can(user, org_id, EDIT_CONTENT)
        for org_id in user.memberships.values_list("organisation_id", flat=True)
    )


def editable_clusters(user: User) -> QuerySet[Cluster]:
    """The clusters ``user`` may edit (all of them for the coordinator)."""
    if is_coordinator(user):
        return Cluster.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Cluster.objects.none()
    org_ids = [
        org_id
        for org_id in user.memberships.values_list("organisation_id", flat=True)
        if can(user, org_id, EDIT_CONTENT)
    ]
    return Cluster.objects.filter(organisations__in=org_ids).distinct()


def visible_indicator_values(user: User) -> QuerySet[IndicatorValue]:
    """Approved values for everyone; pending and rejected ones for who may act on them."""
    values = IndicatorValue.objects.all()
    if is_coordinator(user):
        return values
    mine = editable_clusters(user).values("pk")
    return values.filter(
        Q(status=IndicatorStatus.APPROVED)
        | Q(cluster__in=mine, status__in=[IndicatorStatus.PENDING, IndicatorStatus.REJECTED])
    )
