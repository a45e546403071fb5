"""A practice's whole journey in the browser: an editor writes and submits it, the
coordinator publishes it, and an anonymous visitor finds it despite a typo."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from organisations.demo import DEMO_PASSWORD
from tests.e2e import journeys
from tests.e2e.journeys import sign_out

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Biobank access desk for Cambridge start-ups"


def sign_in(page, email):
    journeys.sign_in(page, email, password=DEMO_PASSWORD)


def test_a_practice_goes_from_editor_to_coordinator_to_the_public(page):
    call_command("seed_demo", verbosity=0)

    # The editor of ERBI writes a draft and submits it.
    sign_in(page, "editor@erbi.example")
    page.goto("/practices/new/")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill(
        "A single desk negotiates access to regional biobanks for young companies."
    )
    page.get_by_label("Description").fill(
        "Start-ups rarely know which biobank holds the samples they need; the desk matches "
        "requests with collections and handles the paperwork with the ethics committees."
    )
    page.get_by_label("Incubator / science park").check()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Draft", exact=True).first).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted", exact=True).first).to_be_visible()
    practice_url = page.url
    sign_out(page)

    # The practice is not public yet.
    response = page.goto(practice_url)
    assert response.status == 404

    # The coordinator publishes it.
    sign_in(page, "coordinator@netbioclue.example")
    page.goto(practice_url)
    page.get_by_role("button", name="Publish").click()
    # A page of its own names what will happen before anything does.
    expect(page.get_by_text("will appear in the public catalogue")).to_be_visible()
    page.get_by_role("button", name="Yes, publish").click()
    expect(page.get_by_text("Published", exact=True).first).to_be_visible()
    sign_out(page)

    # An anonymous visitor searches with a typo and follows the suggestion.
    page.goto("/practices/")
    page.get_by_role("searchbox").fill("biobnk")
    page.get_by_role("searchbox").press("Enter")
    suggestion = page.get_by_role("link", name=re.compile("biobank"))
    expect(suggestion).to_be_visible()
    suggestion.click()
    result = page.get_by_role("link", name=TITLE)
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Sign in to see the contact person")).to_be_visible()
