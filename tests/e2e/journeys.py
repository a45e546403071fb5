"""Steps every browser journey shares (signing in and out as a demo or factory account)."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and land on the dashboard."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
