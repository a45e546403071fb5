"""The framework in the browser: a visitor checks whether a practice fits their cluster,
then reads the catalogue sorted by fit; and the framework's pages at 390 px wide pass
axe (no serious or critical finding) without scrolling sideways."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusters.models import IndicatorDefinition, IndicatorStatus, IndicatorValue
from clusters.services import refresh_latest
from tests.clusters.answers import BRNO_2008
from tests.clusters.conftest import seed_indicator_definitions
from tests.e2e.axe import assert_accessible
from tests.factories import ClusterFactory, PracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _indicator_definitions(transactional_db):
    seed_indicator_definitions()


def clusters_with_values():
    companies = IndicatorDefinition.objects.get(slug="biotech-companies")
    made = []
    for n, (name, lat, lon) in enumerate(
        [("Munich", "48.137", "11.575"), ("Genopole", "48.624", "2.443"),
         ("Brno", "49.195", "16.607")]
    ):  # fmt: skip
        cluster = ClusterFactory(
            name=name, slug=name.lower(), stage="emerging", latitude=Decimal(lat),
            longitude=Decimal(lon), city=name,
        )  # fmt: skip
        IndicatorValue.objects.create(
            cluster=cluster, indicator=companies, year=2023, value=100 * (n + 1), source="s",
            recorded_on=timezone.localdate(), status=IndicatorStatus.APPROVED,
        )  # fmt: skip
        made.append(cluster)
    refresh_latest(cluster_ids=[c.pk for c in made])
    return made


def test_a_visitor_checks_a_practices_fit_and_sorts_the_catalogue_by_fit(page):
    clusters_with_values()
    practice = PracticeFactory(
        published=True, title="Proof-of-concept fund", stages=["emerging"],
        growth_forces=["industrial"], budget_range="lt-50k",
    )  # fmt: skip
    PracticeFactory(published=True, title="Mature-stage practice", stages=["mature"],
                    growth_forces=["financial"])  # fmt: skip
    page.goto(practice.get_absolute_url())
    page.get_by_role("link", name=re.compile("fit my cluster", re.I)).first.click()
    page.get_by_label("Cluster").select_option(label="Brno")
    page.get_by_role("button", name="Check the fit").click()
    expect(page.get_by_role("heading", name=re.compile(r"Brno: \w+ fit"))).to_be_visible()
    expect(page.get_by_role("rowheader", name="Stage")).to_be_visible()
    expect(page.get_by_role("cell", name="It worked in clusters at this stage.")).to_be_visible()
    page.get_by_role("link", name=re.compile("best fits for Brno first")).click()
    expect(page).to_have_url(re.compile(r"/practices/\?sort=fit&fit=brno"))
    expect(page.locator("#catalogue-sort")).to_have_value("fit")
    titles = page.locator(".result h3, .result h2").all_inner_texts()
    assert titles.index("Proof-of-concept fund") < titles.index("Mature-stage practice")


def test_the_framework_pages_are_accessible_at_390_px(page):
    munich = clusters_with_values()[0]
    pages = {
        "profile": munich.get_absolute_url(),
        "compare": "/clusters/compare/?c=munich&c=genopole&c=brno",
        "map": "/clusters/map/",
        "assess": "/clusters/assess/",
        "result": "/clusters/assess/result/?" + urlencode(BRNO_2008),
    }
    page.set_viewport_size({"width": 390, "height": 800})
    for label, url in pages.items():
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page, label=f"{label} at 390 px")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{label}: {overflow} px of sideways scrolling at 390 px"
