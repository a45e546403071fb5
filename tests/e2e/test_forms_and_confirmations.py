"""In the browser: a failed submit leads to the error (summary at the top, focused, each
link focusing its field, everything typed kept), and an action that cannot be undone
asks on a page of its own, with or without JavaScript."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from practices.models import Practice, Status

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("netbioclue-demo")
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_a_failed_submit_moves_focus_to_a_summary_that_links_to_each_field(page):
    call_command("seed_demo", verbosity=0)
    sign_in(page, "editor@erbi.example")
    page.goto("/practices/new/")
    page.get_by_label("Title").fill("Biobank access desk")
    page.get_by_label("Description").fill("One desk negotiates access to regional biobanks.")
    page.get_by_role("button", name="Save the draft").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert summary.evaluate("(el) => el.getBoundingClientRect().top") < 400  # in view
    summary.get_by_role("link", name=re.compile("Summary")).click()
    expect(page.get_by_label("Summary")).to_be_focused()
    expect(page.get_by_label("Description")).to_have_value(
        "One desk negotiates access to regional biobanks."
    )
    expect(page.get_by_label("Title")).to_have_value("Biobank access desk")


def test_publishing_asks_first_on_a_page_that_works_without_javascript(browser, live_server):
    call_command("seed_demo", verbosity=0)
    practice = Practice.objects.filter(status=Status.SUBMITTED).first()
    assert practice is not None, "the demo seed has a submitted practice"
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    try:
        sign_in(page, "coordinator@netbioclue.example")
        page.goto(practice.get_absolute_url())
        page.get_by_role("button", name="Publish", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Publish")
        expect(page.get_by_text("will appear in the public catalogue")).to_be_visible()
        practice.refresh_from_db()
        assert practice.status == Status.SUBMITTED  # asking changed nothing
        page.get_by_role("button", name="Yes, publish").click()
        expect(page).to_have_url(re.compile(re.escape(practice.get_absolute_url()) + "$"))
        practice.refresh_from_db()
        assert practice.status == Status.PUBLISHED
        published_at = practice.published_at
        page.reload()  # the result page came from a redirect: reloading repeats nothing
        practice.refresh_from_db()
        assert practice.published_at == published_at
    finally:
        context.close()
