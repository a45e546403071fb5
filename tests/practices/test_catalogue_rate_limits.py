"""The HTML catalogue and its exports are rate-limited per address, like the API.

Before: no limit at all (300 full exports in 5 s). Now the pages count at the API's
anonymous rate, the exports and the PDF download at ``CATALOGUE_EXPORT_THROTTLE``, and
over the limit the answer is 429 with ``Retry-After`` and a page that says when to retry.
"""

import pytest
from django.urls import reverse

from tests.concurrency import wait_for_a_fresh_window

pytestmark = pytest.mark.django_db

LIST = reverse("practices:list")
CSV = reverse("practices:export_csv")
JSON = reverse("practices:export_json")
PDF = reverse("practices:publication_pdf")


@pytest.fixture
def rates(settings):
    # A test that crossed a minute boundary would see the budget twice.
    wait_for_a_fresh_window()

    def override(page="3/min", export="2/min"):
        settings.RATE_LIMIT_REDIS_URL = ""
        settings.CATALOGUE_EXPORT_THROTTLE = export
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                "anon": page,
            },
        }

    return override


def _statuses(client, url, count, **extra):
    return [client.get(url, **extra).status_code for _ in range(count)]


def test_the_catalogue_answers_429_with_a_page_that_says_when(client, rates):
    rates(page="3/min")
    assert _statuses(client, LIST, 3) == [200, 200, 200]
    response = client.get(LIST)
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 60
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Too many requests" in html
    assert f"try again in {wait} second" in html
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", [CSV, JSON, PDF])
def test_exports_have_their_own_lower_budget(client, rates, url):
    rates(page="5/min", export="2/min")
    assert _statuses(client, url, 3) == [200, 200, 429]
    # Browsing is still allowed: the page budget is another counter.
    assert _statuses(client, LIST, 1) == [200]


def test_the_export_budget_is_shared_by_every_export(client, rates):
    rates(export="2/min")
    assert [client.get(CSV).status_code, client.get(JSON).status_code] == [200, 200]
    assert client.get(CSV).status_code == 429


def test_addresses_are_counted_separately(client, rates):
    rates(page="1/min")
    assert _statuses(client, LIST, 2, REMOTE_ADDR="192.0.2.1") == [200, 429]
    assert _statuses(client, LIST, 1, REMOTE_ADDR="192.0.2.2") == [200]


def test_x_forwarded_for_counts_only_behind_trusted_proxies(client, rates, settings):
    rates(page="1/min")
    forged = {"REMOTE_ADDR": "192.0.2.1"}
    assert _statuses(client, LIST, 1, HTTP_X_FORWARDED_FOR="198.51.100.1", **forged) == [200]
    assert _statuses(client, LIST, 1, HTTP_X_FORWARDED_FOR="198.51.100.2", **forged) == [429]

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert _statuses(client, LIST, 2, HTTP_X_FORWARDED_FOR="198.51.100.3", **proxy) == [200, 429]
    assert _statuses(client, LIST, 1, HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy) == [200]


def test_the_export_rate_is_a_documented_setting(settings):
    from pathlib import Path

    example = (Path(settings.BASE_DIR) / ".env.example").read_text()
    assert "CATALOGUE_EXPORT_THROTTLE=" in example
    assert settings.CATALOGUE_EXPORT_THROTTLE
