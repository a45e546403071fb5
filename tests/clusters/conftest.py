import importlib

import pytest
from django.apps import apps

from clusters.models import IndicatorDefinition
from tests.factories import ClusterFactory

SEED = importlib.import_module("clusters.migrations.0004_seed_framework_indicators")


def seed_indicator_definitions() -> None:
    """The data migration's rows again: transactional tests (e2e) truncate every table,
    so a later test in the same process would otherwise find no indicator."""
    if not IndicatorDefinition.objects.exists():
        SEED.seed(apps, None)


@pytest.fixture(autouse=True)
def _indicator_definitions(request):
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        seed_indicator_definitions()


@pytest.fixture
def home(org):
    """``org``'s home cluster: alice (admin) and ``editor`` may edit it, bob may not."""
    cluster = ClusterFactory(name="Greater Cambridge", slug="greater-cambridge-test")
    org.home_cluster = cluster
    org.save(update_fields=["home_cluster"])
    return cluster


@pytest.fixture
def elsewhere(other_org):
    """``other_org``'s home cluster (charlie's)."""
    cluster = ClusterFactory(name="Brno", slug="brno-test", countries=["CZ"])
    other_org.home_cluster = cluster
    other_org.save(update_fields=["home_cluster"])
    return cluster


@pytest.fixture
def companies(db):
    return IndicatorDefinition.objects.get(slug="biotech-companies")


@pytest.fixture
def venture_capital(db):
    return IndicatorDefinition.objects.get(slug="venture-capital")
