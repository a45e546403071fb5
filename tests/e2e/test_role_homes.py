"""Every role has a home (issue 11, point 8): signing in lands on the dashboard or the page
one came from, and a new API key is copied with one click and said to be shown once."""

import re

import pytest
from playwright.sync_api import expect

from organisations.permissions import Role
from tests.e2e.axe import assert_accessible
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_from_the_header(page, email):
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_signing_in_from_the_home_page_lands_on_the_dashboard(page):
    MembershipFactory(role=Role.EDITOR, user__email="editor@example.org")
    page.goto("/")
    sign_in_from_the_header(page, "editor@example.org")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()


def test_signing_in_from_a_page_comes_back_to_it(page):
    MembershipFactory(role=Role.EDITOR, user__email="editor@example.org")
    page.goto("/practices/?q=incubator")
    sign_in_from_the_header(page, "editor@example.org")
    expect(page).to_have_url(re.compile(r"/practices/\?q=incubator$"))
    # Where an editor looks for it: on the catalogue.
    expect(page.get_by_role("link", name="New practice")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_new_api_key_is_copied_with_one_click_and_shown_once(browser, live_server, width):
    membership = MembershipFactory(role=Role.ADMIN, user__email="admin@example.org")
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": width, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    page.goto(f"/dashboard/{membership.organisation.slug}/api-keys/")
    page.get_by_label("Name").fill("Nightly import")
    page.get_by_role("button", name="Create key").click()

    expect(page.get_by_text("Shown once.")).to_be_visible()
    key = page.get_by_label("API key").input_value()
    assert len(key) > 20
    page.get_by_role("button", name="Copy the key").click()
    expect(page.locator("#new-key-copied")).to_have_text("Copied to the clipboard.")
    assert page.evaluate("() => navigator.clipboard.readText()") == key
    assert_accessible(page, label=f"new API key at {width} px")
    context.close()


def test_without_javascript_there_is_no_dead_copy_button(browser, live_server):
    membership = MembershipFactory(role=Role.ADMIN, user__email="admin@example.org")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"/dashboard/{membership.organisation.slug}/api-keys/")
    page.get_by_label("Name").fill("Nightly import")
    page.get_by_role("button", name="Create key").click()
    expect(page.get_by_text("Shown once.")).to_be_visible()
    expect(page.get_by_role("button", name="Copy the key")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_people_page_explains_the_roles_accessibly(browser, live_server, width):
    membership = MembershipFactory(role=Role.ADMIN, user__email="admin@example.org")
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"/dashboard/{membership.organisation.slug}/people/")
    expect(page.get_by_text("Also invites and removes people")).to_be_visible()
    expect(
        page.get_by_text("Unless you choose otherwise the invitation is for a member")
    ).to_be_visible()
    assert_accessible(page, label=f"people page at {width} px")
    context.close()
