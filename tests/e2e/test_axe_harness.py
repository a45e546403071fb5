"""The vendored axe-core loads under the portal's CSP and reports what it should."""

import pytest

from tests.e2e.axe import assert_accessible, axe_findings

pytestmark = pytest.mark.django_db(transaction=True)


def test_axe_runs_under_the_content_security_policy_and_finds_a_missing_alt(page):
    page.goto("/")
    assert_accessible(page, label="home page")
    page.evaluate(
        """() => { const img = document.createElement("img");
                   img.src = "/static/none.png"; document.querySelector("main").append(img); }"""
    )
    rules = {finding["id"]: finding["impact"] for finding in axe_findings(page)}
    assert rules.get("image-alt") == "critical"
