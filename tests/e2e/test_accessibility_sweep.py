"""axe-core over every page type of every app (tests/e2e/page_types.py), anonymous and
signed in as each demo role, at 1280 and 390 px: any serious or critical finding fails.

Set ``AXE_REPORT=<file>`` to also write the counts by impact per page type (JSON, one
file per role: ``<file>.<role>.json``).
"""

import json
import os
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.clusters.conftest import seed_indicator_definitions
from tests.e2e.axe import BLOCKING, axe_findings, counts_by_impact
from tests.e2e.page_types import (
    ANONYMOUS,
    PAGE_TYPES,
    SIGN_IN,
    VIEWPORTS,
    demo,
    submit_form,
)

# serialized_rollback: the indicator definitions come from a data migration, and a
# transactional test flushes them for the tests after it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("netbioclue-demo")
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


@pytest.mark.parametrize("role", [ANONYMOUS, *SIGN_IN])
def test_every_page_type_has_no_serious_or_critical_finding(page, role):
    seed_indicator_definitions()  # a data migration's rows, truncated by earlier tests
    call_command("seed_demo", verbosity=0)
    objects = demo()
    if role != ANONYMOUS:
        sign_in(page, SIGN_IN[role])
    report: dict[str, dict[str, dict[str, int]]] = {}
    blocking: list[str] = []
    visited = 0
    for viewport, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        for page_type in PAGE_TYPES:
            if role not in page_type.roles:
                continue
            response = page.goto(page_type.path(objects))
            expected = 404 if page_type.name == "error 404" else 200
            assert response is not None and response.status == expected, page_type.name
            if page_type.submit:
                submit_form(page, page_type.submit)
            findings = axe_findings(page)
            visited += 1
            report.setdefault(page_type.name, {})[viewport] = counts_by_impact(findings)
            blocking.extend(
                f"{page_type.name} at {viewport} px ({page.url}): {f['impact']} {f['id']}: "
                f"{f['help']} at {', '.join(f['targets'])}"
                for f in findings
                if f["impact"] in BLOCKING
            )
    if os.environ.get("AXE_REPORT"):
        with open(f"{os.environ['AXE_REPORT']}.{role}.json", "w", encoding="utf-8") as out:
            json.dump(report, out, indent=1, sort_keys=True)
    assert visited >= 20 if role == ANONYMOUS else visited >= 10
    assert not blocking, f"axe as {role}:\n  " + "\n  ".join(blocking)


def test_signing_in_goes_from_the_e_mail_straight_to_the_password(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    # The way to a new password is still there, after the field.
    expect(page.get_by_role("link", name="Forgot your password?")).to_be_visible()


def test_wide_tables_at_390_px_are_reached_by_keyboard(page):
    seed_indicator_definitions()  # a data migration's rows, truncated by earlier tests
    call_command("seed_demo", verbosity=0)
    objects = demo()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/clusters/compare/?c={objects.cluster.slug}&c={objects.other_cluster.slug}")
    scrolling = page.locator("[data-scroll-region]")
    assert scrolling.count() >= 1
    assert scrolling.first.get_attribute("tabindex") == "0"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/clusters/compare/?c={objects.cluster.slug}&c={objects.other_cluster.slug}")
    assert page.locator("[data-scroll-region]").count() == 0  # nothing scrolls: no tab stop
