"""``SITE_URL`` follows the server ``make run`` starts (links in e-mails and on the PDF
cover pointed at 127.0.0.1:8000 while the portal was served elsewhere)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from site_url import site_url  # noqa: E402


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("8001", "http://127.0.0.1:8001"),
        ("0.0.0.0:8002", "http://127.0.0.1:8002"),
        ("[::]:8003", "http://127.0.0.1:8003"),
        ("[::1]:8004", "http://[::1]:8004"),
        ("portal.local:8080", "http://portal.local:8080"),
    ],
)
def test_the_url_is_derived_from_the_runserver_address(address, url):
    assert site_url(address) == url


def _run_recipe(address: str) -> list[str]:
    """The shell lines of ``make run`` (printed, not executed: ``make -n``)."""
    output = subprocess.run(
        ["make", "-n", "run", f"ADDRESS={address}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return output.splitlines()


def _site_url_in(lines: list[str], **variables: str) -> str:
    assignment = next(line for line in lines if line.startswith("SITE_URL="))
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | variables
    return subprocess.run(
        ["bash", "-c", f'{assignment}; echo "$SITE_URL"'],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()


def test_make_run_exports_a_site_url_that_follows_address():
    lines = _run_recipe("0.0.0.0:8123")

    assert _site_url_in(lines) == "http://127.0.0.1:8123"
    export = lines.index("export SITE_URL")
    runserver = next(i for i, line in enumerate(lines) if "runserver 0.0.0.0:8123" in line)
    assert export < runserver  # the server (and the worker) inherit it


def test_an_explicit_site_url_wins():
    lines = _run_recipe("0.0.0.0:8123")

    assert _site_url_in(lines, SITE_URL="https://portal.example/") == "https://portal.example"


def test_the_settings_read_site_url_from_the_environment():
    process = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.SITE_URL)",
        ],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "netbioclue.settings",
            "SITE_URL": "http://127.0.0.1:8123/",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert process.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8123"
