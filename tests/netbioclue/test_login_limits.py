"""Sign-in limits count per visitor behind the reverse proxy, and say so with a 429.

Behind the one TLS proxy the README recommends, every request's REMOTE_ADDR is the
proxy's: allauth must find the visitor in X-Forwarded-For (API_NUM_PROXIES=1 sets
ALLAUTH_TRUSTED_PROXY_COUNT, see test_settings), or ten bad sign-ins from anyone lock
everyone out.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
MESSAGE = "Too many failed sign-in attempts"


@pytest.fixture
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


WRONG = "wrong-password"


def _sign_in(client, *, visitor: str, email: str, password: str = WRONG):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=visitor,
    )


def test_visitors_behind_one_proxy_do_not_share_a_bucket(client, behind_one_proxy, editor):
    # allauth allows 10 failed sign-ins a minute per address (and 5 per account).
    for attempt in range(10):
        response = _sign_in(client, visitor="203.0.113.7", email=f"guess{attempt}@example.org")
        assert response.status_code == 200
    assert _sign_in(client, visitor="203.0.113.7", email="more@example.org").status_code == 429

    # Another visitor, through the same proxy, is not locked out by the first one.
    response = _sign_in(client, visitor="198.51.100.9", email=editor.email, password="password")
    assert response.status_code == 200
    assert MESSAGE not in response.content.decode()
    assert "not correct" in response.content.decode()


def test_a_rate_limited_sign_in_answers_429_with_a_clear_message(client, behind_one_proxy):
    for _attempt in range(5):  # 5 failures per account in 5 minutes
        _sign_in(client, visitor="203.0.113.7", email="victim@example.org")

    response = _sign_in(client, visitor="203.0.113.7", email="victim@example.org")

    assert response.status_code == 429
    page = response.content.decode()
    assert MESSAGE in page
    assert 'value="victim@example.org"' in page  # what was typed stays on screen


def test_too_many_sign_in_requests_get_the_429_page(client, settings, behind_one_proxy):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    _sign_in(client, visitor="203.0.113.7", email="a@example.org")

    response = _sign_in(client, visitor="203.0.113.7", email="a@example.org")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many requests" in page
    assert "Wait a minute, then try again." in page
    assert "<html" in page.lower() and "Go to the home page" in page  # the portal's layout


def test_a_short_forwarded_header_does_not_fail_the_sign_in(client, settings):
    # More trusted proxies than X-Forwarded-For entries: allauth would raise
    # ImproperlyConfigured (a 500); the earliest entry is used instead.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2

    response = _sign_in(client, visitor="203.0.113.7", email="a@example.org")

    assert response.status_code == 200
