"""Fixtures for the API tests (and for later API modules: practices, experts, events).

- Every test gets a private in-memory cache (tests/conftest.py), so rate-limit counters
  start from zero and query budgets count only the endpoint's own queries. Tests about the
  *shared* cache request ``shared_cache`` (the database cache of development and CI, as
  configured in settings when ``REDIS_URL`` is unset).
- ``api_client`` is DRF's test client; ``key_for(org, scope)`` creates an API key through
  the service and returns its value; ``write_key``/``read_key`` are keys of ``org``.
"""

import pytest
from rest_framework.test import APIClient

from organisations import services
from organisations.models import ApiKeyScope
from organisations.permissions import Role
from tests.factories import MembershipFactory

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "netbioclue_cache",
    }
}


@pytest.fixture
def shared_cache(settings, _private_cache):
    """The database cache shared by all processes (what settings use without Redis)."""
    settings.CACHES = DATABASE_CACHE
    from django.core.cache import cache

    cache.clear()
    return cache


@pytest.fixture
def throttle_rates(settings):
    """``throttle_rates(anon="2/min")`` overrides some rates for one test."""

    def override(**rates):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                **rates,
            },
        }

    return override


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def key_for(db):
    """Create a key of ``organisation`` (by a fresh admin) and return its raw value."""

    def create(organisation, scope=ApiKeyScope.WRITE, name="Test key"):
        admin = MembershipFactory(
            organisation=organisation, role=Role.ADMIN, user__password=None
        ).user
        _key, raw = services.api_key_create(
            organisation=organisation, name=name, scope=scope, by=admin
        )
        return raw

    return create


@pytest.fixture
def write_key(org, key_for):
    return key_for(org, ApiKeyScope.WRITE)


@pytest.fixture
def read_key(org, key_for):
    return key_for(org, ApiKeyScope.READ)
