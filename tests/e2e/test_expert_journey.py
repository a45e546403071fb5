"""Requests for expertise in the browser: a partner files a request, the coordinator
confirms the match, the first expert declines by e-mail link, the next accepts, and
the requester sees the contact."""

import pytest
from playwright.sync_api import expect

from experts import services
from experts.models import ExpertiseRequest, MatchState
from organisations.permissions import Role
from tests.e2e.journeys import sign_in, sign_out
from tests.experts.factories import ExpertFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_request_match_decline_accept_contact(page):
    org = OrganisationFactory()
    requester = MembershipFactory(organisation=org, role=Role.EDITOR).user
    UserFactory(email="coord@example.org", is_coordinator=True)
    first = ExpertFactory(name="First Expert", tool_types=["funding", "incubator"])
    second = ExpertFactory(name="Second Expert", tool_types=["funding"])

    sign_in(page, requester.email)
    page.goto("/experts/requests/new/")
    page.get_by_label("Title").fill("Seed fund for our cluster")
    page.get_by_label("Description of the need").fill("We want to set up a seed fund.")
    page.get_by_label("Seed & venture funding").check()
    page.get_by_label("Incubator / science park").check()
    page.get_by_role("button", name="File the request").click()
    expect(page.get_by_role("heading", name="Seed fund for our cluster")).to_be_visible()
    request_url = page.url
    sign_out(page)

    sign_in(page, "coord@example.org")
    page.goto(request_url)
    expect(page.get_by_text("First Expert")).to_be_visible()
    page.get_by_role("button", name="Confirm and send the offers").click()
    expect(page.get_by_text("The offers are on their way.")).to_be_visible()
    sign_out(page)

    request = ExpertiseRequest.objects.get()
    offer = request.matches.get(state=MatchState.OFFERED)
    assert offer.expert == first
    page.goto(f"/experts/offers/{services.offer_token(offer)}/")
    page.get_by_role("button", name="Decline").click()
    expect(page.get_by_text("You declined")).to_be_visible()

    offer = request.matches.get(state=MatchState.OFFERED)
    assert offer.expert == second
    page.goto(f"/experts/offers/{services.offer_token(offer)}/")
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("You accepted")).to_be_visible()

    sign_in(page, requester.email)
    page.goto(request_url)
    expect(page.get_by_text(second.email)).to_be_visible()
    expect(page.get_by_text(first.email)).to_have_count(0)


def test_a_person_applies_and_the_coordinator_validates(page):
    person = UserFactory(email="applicant@example.org")
    UserFactory(email="coord@example.org", is_coordinator=True)
    sign_in(page, person.email)
    page.goto("/experts/apply/")
    page.get_by_label("Name").fill("Petra Applicant")
    page.get_by_label("Headline").fill("Technology transfer for universities")
    page.get_by_label("Languages").fill("en:C1; cs:native")
    page.get_by_label("Technology transfer").check()
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", name="Petra Applicant")).to_be_visible()
    sign_out(page)

    assert page.goto("/experts/").ok
    expect(page.get_by_text("Petra Applicant")).to_have_count(0)  # not validated yet

    sign_in(page, "coord@example.org")
    page.goto("/experts/validation/")
    page.get_by_role("button", name="Validate").first.click()
    expect(page.get_by_text("Petra Applicant is validated.")).to_be_visible()
    sign_out(page)
    page.goto("/experts/?q=technology+transfer")
    expect(page.get_by_role("link", name="Petra Applicant")).to_be_visible()


def test_the_coordinator_assigns_a_batch(page):
    UserFactory(email="coord@example.org", is_coordinator=True)
    ExpertFactory(name="Batch Expert", capacity=3)
    from tests.experts.factories import RequestFactory

    for _ in range(2):
        RequestFactory(status="open")
    sign_in(page, "coord@example.org")
    page.goto("/experts/batch/")
    page.get_by_role("button", name="Compute a new assignment").click()
    expect(page.get_by_text("2 assignments")).to_be_visible()
    page.get_by_role("button", name="Confirm and send the offers").click()
    expect(page.get_by_text("2 offers sent.")).to_be_visible()
