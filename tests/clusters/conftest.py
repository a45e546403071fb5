import pytest

from clusters.models import IndicatorDefinition
from tests.factories import ClusterFactory


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
