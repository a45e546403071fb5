"""Every page type of the portal, by app, with who may open it, for the axe sweep.

``PAGE_TYPES``: (name, roles, path) where ``path`` takes the demo objects (``demo()``,
read after ``seed_demo``) and returns the URL to open. Roles: "anonymous" and the demo
accounts of ``SIGN_IN`` (coordinator, editor, reviewer, organisation admin).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import timezone

ANONYMOUS = "anonymous"
SIGN_IN = {
    "coordinator": "coordinator@netbioclue.example",
    "editor": "editor@erbi.example",
    "reviewer": "reviewer@netbioclue.example",
    "admin": "admin@erbi.example",
}
EVERYONE = frozenset({ANONYMOUS, *SIGN_IN})
SIGNED_IN = frozenset(SIGN_IN)
VIEWPORTS = {"1280": (1280, 900), "390": (390, 844)}


@dataclass(frozen=True)
class PageType:
    name: str
    roles: frozenset[str]
    path: object  # (demo) -> str
    # Some pages are reached by submitting a form (the self-assessment result).
    submit: str | None = None


def demo() -> SimpleNamespace:
    """The demo objects the page types point at (after ``seed_demo``)."""
    from clusters.models import Cluster, IndicatorDefinition
    from events.models import Event
    from experts.models import ExpertiseRequest, ExpertProfile
    from organisations.models import Organisation
    from practices.models import Practice, Publication, PublicationStatus

    published = Practice.objects.filter(status="published").order_by("pk")
    build, _created = Publication.objects.get_or_create(
        fingerprint="axe-sweep",
        defaults={
            "status": PublicationStatus.BUILDING,
            "progress": 40,
            "message": "Typesetting the pages.",
            "heartbeat_at": timezone.now(),
        },
    )
    clusters = list(Cluster.objects.order_by("pk")[:2])
    return SimpleNamespace(
        practice=published.first(),
        submitted=Practice.objects.filter(status="submitted").first(),
        erbi_practice=published.filter(owner__slug="erbi").first() or published.first(),
        cluster=clusters[0],
        other_cluster=clusters[1],
        indicator=IndicatorDefinition.objects.order_by("pk").first(),
        event=Event.objects.filter(status="published").order_by("pk").first(),
        expert=ExpertProfile.objects.filter(status="validated").order_by("pk").first(),
        request=ExpertiseRequest.objects.order_by("pk").first(),
        erbi=Organisation.objects.get(slug="erbi"),
        build=build,
    )


def _p(name, roles, path, submit=None) -> PageType:
    return PageType(name, frozenset(roles), path, submit)


PAGE_TYPES: list[PageType] = [
    # The portal
    _p("home", EVERYONE, lambda d: "/"),
    _p("error 404", EVERYONE, lambda d: "/no-such-page/"),
    _p("dashboard", SIGNED_IN, lambda d: "/dashboard/"),
    # Practices
    _p("practices: catalogue", EVERYONE, lambda d: "/practices/"),
    _p("practices: search", EVERYONE, lambda d: "/practices/?q=biobank&country=GB"),
    _p("practices: detail", EVERYONE, lambda d: d.practice.get_absolute_url()),
    _p("practices: submitted detail", {"coordinator"}, lambda d: d.submitted.get_absolute_url()),
    _p("practices: new", {"editor", "admin", "coordinator"}, lambda d: "/practices/new/"),
    _p(
        "practices: edit",
        {"editor", "admin"},
        lambda d: d.erbi_practice.get_absolute_url() + "edit/",
    ),
    _p("practices: moderation", {"coordinator"}, lambda d: "/practices/moderation/"),
    _p(
        "practices: interview",
        {"reviewer"},
        lambda d: d.practice.get_absolute_url() + "interviews/new/",
    ),
    _p("publication: web page", EVERYONE, lambda d: "/practices/publication/"),
    _p("publication: PDF page", EVERYONE, lambda d: "/practices/publication/pdf/"),
    _p("publication: build", EVERYONE, lambda d: f"/practices/publication/builds/{d.build.pk}/"),
    # Clusters
    _p("clusters: list", EVERYONE, lambda d: "/clusters/"),
    _p("clusters: profile", EVERYONE, lambda d: d.cluster.get_absolute_url()),
    _p("clusters: indicators", EVERYONE, lambda d: d.cluster.get_absolute_url() + "indicators/"),
    _p(
        "clusters: compare",
        EVERYONE,
        lambda d: f"/clusters/compare/?c={d.cluster.slug}&c={d.other_cluster.slug}",
    ),
    _p("clusters: map", EVERYONE, lambda d: "/clusters/map/"),
    _p("clusters: world regions", EVERYONE, lambda d: "/clusters/world-regions/"),
    _p("clusters: business models", EVERYONE, lambda d: "/clusters/business-models/"),
    _p("clusters: recommendations", EVERYONE, lambda d: "/clusters/recommendations/"),
    _p("clusters: indicator list", EVERYONE, lambda d: "/clusters/indicators/"),
    _p("clusters: indicator", EVERYONE, lambda d: f"/clusters/indicators/{d.indicator.slug}/"),
    _p("clusters: assess", EVERYONE, lambda d: "/clusters/assess/"),
    _p("clusters: assess result", EVERYONE, lambda d: "/clusters/assess/", submit="assess"),
    _p("clusters: how assessing works", EVERYONE, lambda d: "/clusters/assess/how-it-works/"),
    _p("clusters: fit", EVERYONE, lambda d: f"/clusters/fit/{d.practice.slug}/"),
    _p("clusters: moderation", {"coordinator"}, lambda d: "/clusters/moderation/"),
    # Partners
    _p("partners: list", EVERYONE, lambda d: "/partners/"),
    _p("partners: page", EVERYONE, lambda d: d.erbi.get_absolute_url()),
    _p("partners: edit page", {"admin"}, lambda d: "/dashboard/erbi/page/"),
    _p("partners: people", {"editor", "admin"}, lambda d: "/dashboard/erbi/people/"),
    _p("partners: API keys", {"admin"}, lambda d: "/dashboard/erbi/api-keys/"),
    # Experts
    _p("experts: index", EVERYONE, lambda d: "/experts/"),
    _p("experts: how matching works", EVERYONE, lambda d: "/experts/how-matching-works/"),
    _p("experts: apply", SIGNED_IN, lambda d: "/experts/apply/"),
    _p("experts: propose a colleague", {"admin"}, lambda d: "/experts/propose/"),
    _p("experts: expert", {"coordinator"}, lambda d: f"/experts/{d.expert.pk}/"),
    _p("experts: validation queue", {"coordinator"}, lambda d: "/experts/validation/"),
    _p("experts: requests", SIGNED_IN, lambda d: "/experts/requests/"),
    _p("experts: new request", {"editor", "admin"}, lambda d: "/experts/requests/new/"),
    _p("experts: request", {"coordinator"}, lambda d: f"/experts/requests/{d.request.pk}/"),
    # Events
    _p("events: calendar", EVERYONE, lambda d: "/events/"),
    _p("events: archive", EVERYONE, lambda d: "/events/archive/"),
    _p("events: event", EVERYONE, lambda d: d.event.get_absolute_url()),
    _p("events: new", {"editor", "admin"}, lambda d: "/events/new/"),
    _p("events: following", SIGNED_IN, lambda d: "/events/following/"),
    # API documentation
    _p("API: getting started", EVERYONE, lambda d: "/api/v1/getting-started/"),
    _p("API: Swagger UI", EVERYONE, lambda d: "/api/v1/docs/"),
    _p("API: ReDoc", EVERYONE, lambda d: "/api/v1/redoc/"),
    # Accounts
    _p("account: sign in", {ANONYMOUS}, lambda d: "/accounts/login/"),
    _p("account: sign up", {ANONYMOUS}, lambda d: "/accounts/signup/"),
    _p("account: password reset", {ANONYMOUS}, lambda d: "/accounts/password/reset/"),
    _p("account: e-mail", SIGNED_IN, lambda d: "/accounts/email/"),
    _p("account: password", SIGNED_IN, lambda d: "/accounts/password/change/"),
    _p("account: profile", SIGNED_IN, lambda d: "/accounts/profile/"),
]


def submit_form(page, kind: str) -> None:
    """Reach a page that follows a form (the self-assessment's result)."""
    if kind == "assess":
        for select in page.locator("main form select").all():
            options = select.locator("option").all()
            if len(options) > 1:
                select.select_option(index=len(options) - 1)
        for group in page.locator("main form fieldset").all():
            radios = group.locator("input[type=radio]")
            if radios.count():
                radios.first.check()
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
