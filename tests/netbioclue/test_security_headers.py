"""Security headers: Content-Security-Policy, Permissions-Policy, HSTS, and a clean
``check --deploy`` with the production example settings.

Browsers enforcing the policy on real pages: tests/e2e/test_content_security_policy.py.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.netbioclue.test_settings import PASSED_THROUGH, PRODUCTION, start, started

ROOT = Path(__file__).resolve().parents[2]


def _example_environment() -> dict[str, str]:
    """The variables of .env.example, as docker-compose would pass them."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"^([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match:
            values[match[1]] = match[2]
    return values


def test_check_deploy_is_clean_with_the_production_example_settings():
    env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
    env.update(_example_environment())
    env.update(
        DJANGO_SETTINGS_MODULE="netbioclue.settings",
        # The one placeholder the check judges: .env.example says to replace it.
        SECRET_KEY=secrets.token_urlsafe(50),
        # docker-compose's host `postgres` does not resolve here; some checks query.
        DATABASE_URL=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/netbioclue"
        ),
    )
    assert env["DJANGO_DEBUG"] == "false"

    process = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert process.returncode == 0, process.stderr + process.stdout
    assert "no issues" in process.stdout


HSTS = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps([settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
                  settings.SECURE_SSL_REDIRECT]))
"""


def test_hsts_is_on_by_default_in_production_and_configurable():
    def hsts(**variables):
        env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
        env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="netbioclue.settings", **variables)
        output = subprocess.run(
            [sys.executable, "-c", HSTS],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        return output.strip().splitlines()[-1]

    assert hsts() == "[31536000, true, true]"
    assert hsts(SECURE_HSTS_SECONDS="0", SECURE_HSTS_INCLUDE_SUBDOMAINS="false") == (
        "[0, false, true]"
    )
    assert started(start(**PRODUCTION))["DEBUG"] is False


@pytest.mark.django_db
def test_every_page_carries_the_policy_headers(client):
    response = client.get(reverse("home"))

    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions
    assert "geolocation=()" in permissions


# Rendered by WeasyPrint into the PDF, never served to a browser: no CSP applies.
NOT_SERVED = {"practices/templates/practices/publication_pdf.html"}
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"  # inline script (not data)
    r"|<style\b|\sstyle=\"|\son[a-z]+=",  # style block, style and on*= attributes
    re.IGNORECASE,
)


def test_no_template_has_inline_script_style_or_handlers():
    offenders = []
    for template in ROOT.glob("*/templates/**/*.html"):
        relative = template.relative_to(ROOT).as_posix()
        if relative.startswith((".venv", ".local")) or relative in NOT_SERVED:
            continue
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            if INLINE.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")

    assert offenders == []
