"""The events pages on a 390 px phone (issue 10: check-in happens "from a phone"): each
fits the screen without sideways scrolling and has no serious or critical axe finding,
including the registration form showing its errors and the check-in page after a
search."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import RegistrationStatus
from organisations.permissions import Role
from tests.e2e.axe import assert_accessible
from tests.e2e.test_event_journeys import sign_in
from tests.events.conftest import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _fits(page, label):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{label}: {width} px wide on a {PHONE['width']} px screen"


def _check(page, path, label):
    page.goto(path)
    _fits(page, label)
    assert_accessible(page, label=label)


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def setting():
    org = OrganisationFactory(slug="erbi-phone", name="East Region Biotech Initiative")
    MembershipFactory(organisation=org, role=Role.EDITOR, user__email="ed@erbi.example")
    start = timezone.now() + datetime.timedelta(days=10)
    event = EventFactory(
        host=org,
        title="Partnering day on shared laboratories and pilot plants in the region",
        summary="Cluster managers compare how they run and fund shared laboratories.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        questions=["Which laboratory would you like to visit?"],
        latitude=Decimal("49.4"),
        longitude=Decimal("8.7"),
        capacity=30,
    )
    for n in range(6):
        EventFactory(host=org, starts_at=start + datetime.timedelta(hours=n, minutes=5))
    for name in ("Ada Lovelace", "Grace Hopper", "Rosalind Franklin"):
        RegistrationFactory(event=event, name=name, status=RegistrationStatus.CONFIRMED)
    return event


def test_public_event_pages_fit_a_phone_and_pass_axe(phone, setting):
    start = setting.local_starts_at
    _check(phone, "/events/", "upcoming list")
    _check(phone, f"/events/month/{start.year}/{start.month}/", "month view")
    day = timezone.localtime(setting.starts_at).date()
    _check(phone, f"/events/day/{day.year}/{day.month}/{day.day}/", "day page")
    _check(phone, "/events/archive/", "archive")
    _check(phone, setting.get_absolute_url(), "event page")
    # The map page is the clusters framework's: its SVG (role="img" holding links) has
    # axe's nested-interactive finding with or without events; only the fit is ours.
    phone.goto("/clusters/map/")
    _fits(phone, "map with the events layer")
    expect(phone.locator("svg.map rect.event")).to_have_count(1)


def test_registration_fits_a_phone_and_passes_axe_with_its_errors(phone, setting):
    _check(phone, f"/events/{setting.slug}/register/", "registration form")
    phone.get_by_label("E-mail").fill("not an e-mail")
    phone.get_by_role("button", name="Register").click()
    # The message under the field (the summary at the top links to it with the label).
    expect(phone.get_by_text("Enter a valid email address.", exact=True)).to_be_visible()
    _fits(phone, "registration form with errors")
    assert_accessible(phone, label="registration form with errors")


def test_check_in_fits_a_phone_and_passes_axe(phone, setting):
    sign_in(phone, "ed@erbi.example")
    _check(phone, f"/events/{setting.slug}/checkin/", "check-in page")
    phone.get_by_label("Name, e-mail or organisation").fill("grace")
    phone.get_by_role("button", name="Search").click()
    phone.get_by_role("button", name="Check in").click()
    expect(phone.get_by_text("Grace Hopper is checked in.")).to_be_visible()
    _fits(phone, "check-in page after a check-in")
    assert_accessible(phone, label="check-in page after a check-in")
