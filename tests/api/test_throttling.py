"""Rate limits: 429 with Retry-After, per IP / key / person, counted atomically.

The parallel-client tests of the counter itself are in tests/netbioclue/test_ratelimit.py.
"""

import os
import time
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured

from netbioclue import ratelimit
from netbioclue.models import RateCounter
from netbioclue.rest.rates import Rate, env_rate, parse_rate
from tests.api.helpers import bearer, problem

pytestmark = pytest.mark.django_db

URL = "/api/v1/taxonomy/"


def _statuses(client, count, **kwargs):
    return [client.get(URL, **kwargs).status_code for _ in range(count)]


def test_anonymous_callers_get_429_with_retry_after_past_the_limit(api_client, throttle_rates):
    throttle_rates(anon="3/min")
    assert _statuses(api_client, 3) == [200, 200, 200]
    response = api_client.get(URL)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    body = problem(response)
    assert body["type"].endswith("#problem-rate-limited")
    assert body["code"] == "throttled"


def test_anonymous_callers_are_counted_per_ip_address(api_client, throttle_rates):
    throttle_rates(anon="1/min")
    assert _statuses(api_client, 2, REMOTE_ADDR="192.0.2.1") == [200, 429]
    assert _statuses(api_client, 1, REMOTE_ADDR="192.0.2.2") == [200]


def test_x_forwarded_for_does_not_dodge_the_limit_without_trusted_proxies(
    api_client, throttle_rates
):
    throttle_rates(anon="1/min")
    api_client.get(URL, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = api_client.get(URL, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429


def test_keys_have_their_own_limit_per_key(api_client, throttle_rates, org, key_for):
    throttle_rates(anon="1/min", key="2/min")
    first, second = key_for(org), key_for(org)
    assert _statuses(api_client, 1) == [200]
    assert _statuses(api_client, 1) == [429]  # anonymous exhausted; keys unaffected
    assert _statuses(api_client, 3, headers=bearer(first)) == [200, 200, 429]
    assert _statuses(api_client, 1, headers=bearer(second)) == [200]


def test_signed_in_people_are_counted_per_person(api_client, throttle_rates, editor, bob):
    throttle_rates(user="1/min")
    api_client.force_login(editor)
    assert _statuses(api_client, 2) == [200, 429]
    api_client.force_login(bob)
    assert _statuses(api_client, 1) == [200]


def test_the_configured_defaults(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    if not any(name in os.environ for name in ("API_THROTTLE_ANON", "API_THROTTLE_KEY")):
        assert rates["anon"] == "60/min"
        assert rates["key"] == "1000/hour"
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == int(os.environ.get("API_NUM_PROXIES", 0))


def test_counts_live_in_the_shared_counter_table(api_client, throttle_rates, settings):
    """Every process reads the same counter: a row of netbioclue_ratecounter, raised in SQL."""
    settings.RATE_LIMIT_REDIS_URL = ""
    throttle_rates(anon="2/min")
    assert _statuses(api_client, 2, REMOTE_ADDR="192.0.2.7") == [200, 200]
    assert RateCounter.objects.get(bucket="anon:192.0.2.7").count == 2

    # What another process adds (the same upsert) counts for everybody.
    ratelimit.hit("anon:192.0.2.7", parse_rate("2/min"))
    assert _statuses(api_client, 1, REMOTE_ADDR="192.0.2.7") == [429]


@pytest.mark.redis
def test_counts_are_shared_through_redis_when_configured(api_client, throttle_rates, settings):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    settings.RATE_LIMIT_REDIS_URL = url
    address = f"192.0.2.{uuid.uuid4().int % 250}"
    ratelimit._redis_client(url).delete(
        *[f"netbioclue:rate:anon:{address}:{int(time.time() // 60) + n}" for n in (0, 1)]
    )
    throttle_rates(anon="2/min")
    assert _statuses(api_client, 3, REMOTE_ADDR=address) == [200, 200, 429]
    assert not RateCounter.objects.exists()


def test_x_forwarded_for_is_trusted_behind_the_configured_proxies(
    api_client, throttle_rates, settings
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    throttle_rates(anon="1/min")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert _statuses(api_client, 2, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy) == [200, 429]
    assert _statuses(api_client, 1, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy) == [200]


@pytest.mark.parametrize(
    ("text", "rate"),
    [("60/min", Rate(60, 60)), ("1000/hour", Rate(1000, 3600)), ("5 / s", Rate(5, 1))],
)
def test_rates_are_parsed(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["60", "60/fortnight", "0/min", "lots/min", "-1/min"])
def test_a_malformed_rate_stops_the_start(monkeypatch, text):
    monkeypatch.setenv("API_THROTTLE_ANON", text)
    with pytest.raises(ImproperlyConfigured, match="API_THROTTLE_ANON"):
        env_rate("API_THROTTLE_ANON", "60/min")


def test_rates_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("API_THROTTLE_KEY", "5000/hour")
    assert env_rate("API_THROTTLE_KEY", "1000/hour") == "5000/hour"
    monkeypatch.delenv("API_THROTTLE_KEY")
    assert env_rate("API_THROTTLE_KEY", "1000/hour") == "1000/hour"
