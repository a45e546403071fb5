"""``/sitemap.xml``: the public pages, for search engines (``django.contrib.sitemaps``).

Each section lists what an anonymous visitor may open, asking the owning app's policy
with an anonymous actor (so a draft, a pending expert or an unpublished event never
appears): the fixed public pages, published practices, cluster profiles, partner pages,
experts with public profiles and published events. ``robots.txt`` points here.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from clusters.models import Cluster
from events import policy as event_policy
from events.models import Status as EventStatus
from experts import policy as expert_policy
from organisations.models import Organisation
from practices import policy as practice_policy

_ANONYMOUS = AnonymousUser()

# The fixed public pages (URL names), most important first.
PUBLIC_PAGES = (
    "home",
    "practices:list",
    "practices:publication",
    "clusters:list",
    "clusters:assess",
    "clusters:map",
    "experts:index",
    "events:index",
    "organisations:partner_list",
    "api-getting-started",
    "about:contact",
    "about:privacy",
    "about:legal_notice",
    "about:accessibility",
)


class PublicPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return list(PUBLIC_PAGES)

    def location(self, item):
        return reverse(item)


class _ModelSitemap(Sitemap):
    """Objects with ``get_absolute_url`` and ``updated_at``, in a stable order."""

    def lastmod(self, item):
        return item.updated_at


class PracticeSitemap(_ModelSitemap):
    changefreq = "monthly"

    def items(self):
        return (
            practice_policy.visible_practices(_ANONYMOUS)
            .only("slug", "updated_at")
            .order_by("slug")
        )


class ClusterSitemap(_ModelSitemap):
    changefreq = "monthly"

    def items(self):
        return Cluster.objects.only("slug", "updated_at").order_by("slug")


class PartnerSitemap(_ModelSitemap):
    changefreq = "yearly"

    def items(self):
        return Organisation.objects.network_partners().only("slug", "updated_at").order_by("slug")

    def location(self, item):
        return reverse("organisations:partner_detail", kwargs={"slug": item.slug})


class ExpertSitemap(_ModelSitemap):
    changefreq = "monthly"

    def items(self):
        return expert_policy.directory_experts(_ANONYMOUS).only("pk", "updated_at").order_by("pk")


class EventSitemap(_ModelSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            event_policy.visible_events(_ANONYMOUS)
            .filter(status=EventStatus.PUBLISHED)
            .only("slug", "updated_at")
            .order_by("slug")
        )


SITEMAPS = {
    "pages": PublicPagesSitemap,
    "practices": PracticeSitemap,
    "clusters": ClusterSitemap,
    "partners": PartnerSitemap,
    "experts": ExpertSitemap,
    "events": EventSitemap,
}
