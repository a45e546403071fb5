"""The experts pages on a 390 px phone screen: nothing wider than the screen, and no
serious or critical axe finding (directory, profile, request form, a request with its
candidates as the coordinator sees it, how matching works, batch assignment)."""

import pytest

from experts import services
from tests.e2e.axe import assert_accessible
from tests.e2e.test_expert_journey import sign_in
from tests.experts.factories import ExpertFactory, RequestFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _fits(page, label):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{label} is {width} px wide on a 390 px screen"


def test_experts_pages_fit_a_phone_and_pass_axe(phone):
    coordinator = UserFactory(email="coord@example.org", is_coordinator=True)
    expert = ExpertFactory(
        name="Eva Svoboda-Horáková",
        headline="Seed funds and incubators for emerging biotech clusters in Central Europe",
        bio="Set up regional seed funds; " * 20,
        links=["https://example.org/a-very-long-link-to-a-publication-about-seed-funding"],
    )
    ExpertFactory(name="Second Expert")
    request = RequestFactory(title="Seed fund for our cluster")
    services.request_submit(request=request, by=request.requester)
    services.match_compute(request_id=request.pk, generation=1)

    pages = [
        ("directory", "/experts/"),
        ("profile", expert.get_absolute_url()),
        ("how matching works", "/experts/how-matching-works/"),
    ]
    for label, path in pages:
        phone.goto(path)
        _fits(phone, label)
        assert_accessible(phone, label=label)

    sign_in(phone, coordinator.email)
    for label, path in [
        ("request form", "/experts/requests/new/"),
        ("request with candidates", request.get_absolute_url()),
        ("batch assignment", "/experts/batch/"),
    ]:
        phone.goto(path)
        _fits(phone, label)
        assert_accessible(phone, label=label)
    phone.goto(request.get_absolute_url())
    assert phone.get_by_text("Eva Svoboda-Horáková").first.is_visible()
