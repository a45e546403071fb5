"""Reads for clusters, shared by the HTML pages and the API."""

from django.db.models import Prefetch, QuerySet

from clusters.filters import ClusterFilter
from clusters.models import Cluster, StageAssessment
from organisations.models import Organisation
from practices.models import Practice


def cluster_list(*, params) -> ClusterFilter:
    """The filtered cluster list: check ``.is_valid()``, then use ``.qs``.

    ``params`` is always given (``request.GET``, possibly empty): an unbound FilterSet
    would never be valid.
    """
    return ClusterFilter(params, queryset=Cluster.objects.order_by("name"))


def cluster_detail_queryset() -> QuerySet[Cluster]:
    return Cluster.objects.prefetch_related(
        Prefetch("assessments", queryset=StageAssessment.objects.order_by("-year")),
        Prefetch(
            "organisations",
            queryset=Organisation.objects.order_by("name").only(
                "name", "short_name", "slug", "home_cluster_id", "is_network_partner"
            ),
        ),
    )


def cluster_practices(cluster: Cluster, *, limit: int = 20) -> list[Practice]:
    """The published practices that come from ``cluster``, newest first."""
    return list(
        Practice.objects.published()
        .filter(origin_cluster=cluster)
        .only("title", "slug", "summary", "published_at")
        .order_by("-published_at")[:limit]
    )
