import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from clusters.models import Cluster
from organisations.models import Organisation, User

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"organisations", "clusters", "practices", "experts", "events", "account"}
    }


def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first
    assert Organisation.objects.filter(is_network_partner=True).count() == 14
    assert Cluster.objects.count() == 20


def test_seed_demo_creates_the_development_accounts():
    call_command("seed_demo", verbosity=0)
    erbi = Organisation.objects.get(slug="erbi")
    roles = {m.user.email: m.role for m in erbi.memberships.select_related("user")}
    assert roles == {"admin@erbi.example": "admin", "editor@erbi.example": "editor"}
    assert User.objects.get(email="coordinator@netbioclue.example").is_coordinator
    assert User.objects.get(email="reviewer@netbioclue.example").is_reviewer
    editor = User.objects.get(email="editor@jic.example")
    assert editor.memberships.get().organisation.slug == "jic"
    assert editor.check_password("netbioclue-demo")
    assert editor.emailaddress_set.get().verified


def test_seeded_clusters_have_coordinates_and_a_stage():
    call_command("seed_demo", verbosity=0)
    assert not Cluster.objects.filter(latitude__isnull=True).exists()
    assert not Cluster.objects.filter(stage="").exists()
    assert Cluster.objects.get(slug="medicon-valley").countries == ["DK", "SE"]


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", verbosity=0)
    assert not Organisation.objects.exists()
