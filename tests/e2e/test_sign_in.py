import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_signs_in_and_sees_the_dashboard(page):
    call_command("seed_demo", verbosity=0)
    page.goto("/dashboard/")
    # Login required: the sign-in page remembers where the person was going.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dashboard/"))
    page.get_by_label("Email").fill("editor@erbi.example")
    page.get_by_label("Password").fill("netbioclue-demo")
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()
    expect(
        page.get_by_role("heading", name="East Region Biotech Initiative (ERBI)")
    ).to_be_visible()
    expect(page.get_by_text("Alice Admin")).to_be_visible()


def test_the_skip_link_is_the_first_stop_for_the_keyboard(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
