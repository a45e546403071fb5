from django.shortcuts import render

from clusters.models import Cluster
from organisations.models import Organisation
from practices.selectors.catalogue import published_count


def home(request):
    return render(
        request,
        "netbioclue/home.html",
        {
            "partner_count": Organisation.objects.network_partners().count(),
            "cluster_count": Cluster.objects.count(),
            # Cached until a practice is published or withdrawn.
            "practice_count": published_count(),
        },
    )
