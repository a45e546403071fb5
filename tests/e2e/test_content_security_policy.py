"""Under the Content-Security-Policy, no page breaks: Chromium reports no violation.

An inline <script>, <style>, style="" or on*="" handler without the request's nonce is
refused by the browser, which logs it on the console and fires a
``securitypolicyviolation`` event. The main pages of each kind are visited, anonymous
and signed in (coordinator: the moderation pages and the admin), including the API
documentation and the publication, and both signals must stay empty.
"""

from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from practices.models import Practice
from tests.clusters.answers import CAMBRIDGE
from tests.factories import StakeholderInterviewFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "netbioclue-demo"

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile}:${event.lineNumber})`
  );
});
"""

PUBLIC = [
    "/",
    "/practices/",
    "/practices/?q=incubator",
    "/practices/publication/",
    "/clusters/",
    "/clusters/compare/?c=munich-biom&c=biorn&c=genopole",  # radar chart
    "/clusters/munich-biom/indicators/",  # line charts
    "/clusters/map/",
    "/clusters/assess/",
    f"/clusters/assess/result/?{urlencode(CAMBRIDGE)}",  # radar chart
    f"/clusters/assess/print/?{urlencode(CAMBRIDGE)}",  # a page of its own, not base.html
    "/partners/",
    "/experts/",
    "/events/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/api/v1/getting-started/",
    "/api/v1/docs/",
    "/api/v1/redoc/",
    "/about/contact/",
    "/about/privacy/",
    "/about/legal-notice/",
    "/about/accessibility/",
    "/no-such-page/",
]

SIGNED_IN = [
    "/dashboard/",
    "/practices/moderation/",
    "/practices/new/",
    "/admin/",
    "/admin/practices/practice/",
    "/admin/organisations/user/",
]


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)
    practice = Practice.objects.filter(status="published").order_by("pk").first()
    # A reproducibility table with score bars on the practice page.
    reviewer = UserFactory(is_reviewer=True)
    StakeholderInterviewFactory.create_batch(2, practice=practice, reviewer=reviewer)
    return practice


SCRIPTED = ("/api/v1/docs/", "/api/v1/redoc/")


def _violations(page, paths) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = {"path": None}

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            found.setdefault(current["path"], []).append(message.text)

    page.on("console", on_console)
    for path in paths:
        current["path"] = path
        page.goto(path)  # waits for the load event: every tag has been parsed and run
        if path.startswith(SCRIPTED):
            # These pages build themselves from the schema after loading.
            page.wait_for_load_state("networkidle", timeout=60_000)
        events = page.evaluate("window.__cspViolations")
        if events:
            found.setdefault(path, []).extend(events)
    page.remove_listener("console", on_console)
    return found


def test_the_policy_is_sent(page):
    response = page.goto("/")
    policy = response.headers["content-security-policy"]

    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'"):
        assert directive in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response.headers["permissions-policy"]


def test_public_pages_run_without_a_policy_violation(page, demo):
    page.add_init_script(RECORD_VIOLATIONS)

    paths = [*PUBLIC, demo.get_absolute_url()]

    assert _violations(page, paths) == {}


def test_signed_in_pages_run_without_a_policy_violation(page, demo):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("coordinator@netbioclue.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")

    assert _violations(page, [*SIGNED_IN, demo.get_absolute_url()]) == {}


def test_the_new_api_key_is_selected_on_focus_without_inline_script(page, demo):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("admin@erbi.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")
    page.get_by_role("link", name="API keys").first.click()
    page.get_by_label("Name").fill("CSP check")
    page.get_by_role("button", name="Create").first.click()

    field = page.get_by_label("API key")
    field.focus()
    selected = page.evaluate(
        "() => { const f = document.getElementById('new-key');"
        " return f.selectionEnd - f.selectionStart === f.value.length && f.value.length > 0; }"
    )

    assert selected
    assert page.evaluate("window.__cspViolations") == []
