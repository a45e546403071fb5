from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from clusters.selectors import cluster_detail_queryset, cluster_list, cluster_practices
from netbioclue.pagination import paginate


def cluster_list_view(request):
    filterset = cluster_list(params=request.GET)
    clusters = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = paginate(request, clusters, per_page=50)
    return render(
        request,
        "clusters/cluster_list.html",
        {
            "filter": filterset,
            "page": page,
            "clusters": page.object_list,
            "invalid_filters": not filterset.is_valid(),
            "title": _("Clusters"),
        },
        status=200 if filterset.is_valid() else 400,
    )


def cluster_detail_view(request, slug: str):
    cluster = get_object_or_404(cluster_detail_queryset(), slug=slug)
    return render(
        request,
        "clusters/cluster_detail.html",
        {
            "cluster": cluster,
            "assessments": cluster.assessments.all(),
            "organisations": cluster.organisations.all(),
            "practices": cluster_practices(cluster),
        },
    )
