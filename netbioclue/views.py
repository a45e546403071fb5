from django.shortcuts import render

from clusters.models import Cluster
from organisations.models import Organisation
from practices.models import Practice


def home(request):
    return render(
        request,
        "netbioclue/home.html",
        {
            "partner_count": Organisation.objects.network_partners().count(),
            "cluster_count": Cluster.objects.count(),
            "practice_count": Practice.objects.published().count(),
        },
    )
