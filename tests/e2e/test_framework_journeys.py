"""The framework in the browser: a visitor diagnoses a cluster and opens a recommended
practice; a partner's editor enters an indicator value that the coordinator approves;
a visitor compares three clusters."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusters.models import IndicatorDefinition, IndicatorStatus, IndicatorValue
from clusters.services import refresh_latest
from tests.clusters.answers import BRNO_2008
from tests.clusters.conftest import seed_indicator_definitions
from tests.e2e.journeys import sign_in
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    PracticeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _indicator_definitions(transactional_db):
    seed_indicator_definitions()


def test_a_visitor_diagnoses_a_cluster_and_opens_a_recommended_practice(page):
    practice = PracticeFactory(
        status="published", published_at=timezone.now(), stages=["emerging"],
        growth_forces=["financial"], transferability="high",
        title="Proof-of-concept fund for spin-offs",
    )  # fmt: skip
    page.goto("/clusters/assess/")
    for key, value in BRNO_2008.items():
        field = page.locator(f"#id_{key}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(str(value))
    page.locator("#id_companies").fill("-3")  # a typing error first
    page.get_by_role("button", name="Diagnose my cluster").click()
    # Next to the field, and in the summary at the top of the page.
    expect(page.get_by_text("cannot be negative")).to_have_count(2)
    expect(page.locator("#id_patents")).to_have_value("3")  # answers kept
    page.locator("#id_companies").fill("15")
    page.get_by_role("button", name="Diagnose my cluster").click()
    expect(page.get_by_role("heading", name="Diagnosed stage: Emerging")).to_be_visible()
    expect(page.get_by_text("no critical mass")).to_be_visible()
    page.get_by_role("link", name=practice.title).click()
    expect(page).to_have_url(re.compile(practice.get_absolute_url() + "$"))


def test_an_editor_enters_a_value_the_coordinator_approves(page):
    cluster = ClusterFactory(name="Greater Cambridge", slug="cambridge-e2e")
    editor = MembershipFactory(
        role="editor", organisation__home_cluster=cluster, user__email="ed@erbi.example"
    ).user
    UserFactory(email="coord@example.org", is_coordinator=True)
    sign_in(page, editor.email)
    page.goto(f"/clusters/{cluster.slug}/indicators/add/")
    page.get_by_label("Indicator").select_option(label="Biotech companies")
    page.get_by_label("Year").fill("2024")
    page.get_by_label("Value").fill("512")
    page.get_by_label("Source").fill("ERBI annual survey 2024")
    page.get_by_label("Recorded on").fill("2025-03-01")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text("waits for the coordinator's approval")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "coord@example.org")
    page.goto("/clusters/moderation/")
    page.get_by_role("button", name="Approve").first.click()
    page.get_by_role("button", name="Yes, approve").click()  # asked on a page of its own
    expect(page.get_by_text("Approved.")).to_be_visible()
    page.goto(f"/clusters/{cluster.slug}/indicators/")
    expect(page.get_by_role("img", name=re.compile("Biotech companies"))).to_be_visible()
    expect(page.get_by_role("cell", name="ERBI annual survey 2024")).to_be_visible()
    assert IndicatorValue.objects.get().status == IndicatorStatus.APPROVED


def test_a_visitor_compares_three_clusters(page):
    companies = IndicatorDefinition.objects.get(slug="biotech-companies")
    names = ["Munich", "Genopole", "Brno"]
    for n, name in enumerate(names):
        cluster = ClusterFactory(name=name, slug=name.lower())
        IndicatorValue.objects.create(
            cluster=cluster, indicator=companies, year=2023, value=100 * (n + 1), source="s",
            recorded_on=timezone.localdate(), status=IndicatorStatus.APPROVED,
        )  # fmt: skip
        refresh_latest(cluster_ids=[cluster.pk])
    page.goto("/clusters/compare/")
    for name in names:
        page.get_by_label(name).check()
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(r"c=munich&c=genopole&c=brno|c=brno"))
    expect(page.get_by_role("img", name=re.compile("Growth-force scores"))).to_be_visible()
    expect(page.get_by_role("cell", name="300 (2023)")).to_be_visible()
