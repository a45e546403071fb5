"""Rate-limit counters hold under parallel clients, in PostgreSQL and in Redis.

Before: ``cache.add`` + ``cache.incr`` on the database cache (the configuration without
Redis) let 10 parallel clients through 167 times on a 60/min budget. These tests fire real
parallel requests and assert that exactly the budget passes.
"""

import os
import uuid

import pytest
from django.db import connection
from django.test import Client

from netbioclue import ratelimit
from netbioclue.models import RateCounter
from netbioclue.rest.rates import Rate
from tests.api.conftest import DATABASE_CACHE
from tests.concurrency import in_parallel, wait_for_a_fresh_window

URL = "/api/v1/taxonomy/"


@pytest.fixture(autouse=True)
def _one_window_per_test():
    # A test that crossed a minute boundary would see the budget twice.
    wait_for_a_fresh_window()


@pytest.fixture
def database_cache(settings):
    # Production without Redis: the database cache (the old counter lived there).
    settings.CACHES = DATABASE_CACHE
    settings.RATE_LIMIT_REDIS_URL = ""


@pytest.fixture
def redis_counters(settings):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    settings.RATE_LIMIT_REDIS_URL = url
    return url


def _parallel_hits(bucket, rate, clients, each):
    def client(_index):
        return [ratelimit.hit(bucket, rate).allowed for _ in range(each)]

    return sum(sum(results) for results in in_parallel(client, clients))


@pytest.mark.django_db(transaction=True)
def test_parallel_hits_in_postgresql_pass_exactly_the_budget(database_cache):
    # 10 clients x 20 hits = 200 hits on a 60/min budget.
    assert _parallel_hits(f"test:{uuid.uuid4().hex}", Rate(60, 60), 10, 20) == 60


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_parallel_hits_in_redis_pass_exactly_the_budget(redis_counters):
    assert _parallel_hits(f"test:{uuid.uuid4().hex}", Rate(60, 60), 10, 20) == 60
    # Nothing went to the database table.
    assert not RateCounter.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_api_clients_get_exactly_the_anonymous_budget(database_cache, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "60/min",
        },
    }

    def client(_index):
        browser = Client(REMOTE_ADDR="192.0.2.77")
        return [browser.get(URL).status_code for _ in range(15)]

    statuses = [status for run in in_parallel(client, 10) for status in run]
    assert statuses.count(200) == 60
    assert statuses.count(429) == 90


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_parallel_catalogue_clients_in_redis_get_exactly_the_budget(redis_counters, settings):
    settings.CATALOGUE_EXPORT_THROTTLE = "12/min"
    address = f"198.51.100.{uuid.uuid4().int % 250}"

    def client(_index):
        browser = Client(REMOTE_ADDR=address)
        return [browser.get("/practices/export.json").status_code for _ in range(4)]

    statuses = [status for run in in_parallel(client, 8) for status in run]
    assert statuses.count(200) == 12
    assert statuses.count(429) == 20


def test_a_new_window_starts_a_new_count(db):
    rate = Rate(2, 60)
    assert [ratelimit.hit("test:w", rate, now=600.0).allowed for _ in range(3)] == [
        True,
        True,
        False,
    ]
    decision = ratelimit.hit("test:w", rate, now=630.0)
    assert not decision.allowed and decision.retry_after == 30
    assert ratelimit.hit("test:w", rate, now=660.0).allowed
    # One row per bucket, whatever the number of windows.
    assert RateCounter.objects.filter(bucket="test:w").get().count == 1


def test_expired_counters_are_purged(db):
    ratelimit.hit("test:old", Rate(5, 60), now=60.0)
    ratelimit.hit("test:new", Rate(5, 60))
    assert ratelimit.purge_expired() == 1
    assert list(RateCounter.objects.values_list("bucket", flat=True)) == ["test:new"]


def test_the_counter_is_one_statement(db, django_assert_num_queries):
    # One upsert: no read-then-write that parallel requests could interleave.
    with django_assert_num_queries(1) as captured:
        ratelimit.hit("test:one", Rate(5, 60))
    assert "ON CONFLICT" in captured.captured_queries[0]["sql"]
    assert connection.in_atomic_block  # the test's transaction; the hit needs none of its own


def test_the_daily_task_purges_counters_and_idempotency_records(db):
    import datetime

    from django.utils import timezone

    from netbioclue import idempotency
    from netbioclue.models import IdempotencyRecord
    from netbioclue.tasks import purge_expired_counters

    ratelimit.hit("test:old", Rate(5, 60), now=60.0)
    IdempotencyRecord.objects.create(
        scope="form:user:1",
        key="k",
        fingerprint="f",
        created_at=timezone.now() - idempotency.KEY_LIFETIME - datetime.timedelta(hours=1),
    )
    purge_expired_counters()
    assert not RateCounter.objects.exists()
    assert not IdempotencyRecord.objects.exists()
