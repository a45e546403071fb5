import pytest
from django.urls import reverse

from practices.models import Status
from practices.services import workflow
from tests.factories import ClusterFactory, OrganisationFactory, PracticeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_counts_the_catalogue(client, django_assert_num_queries):
    owner = OrganisationFactory()
    OrganisationFactory(is_network_partner=False)  # not a NETBIOCLUE partner
    ClusterFactory.create_batch(3)
    PracticeFactory.create_batch(4, published=True, owner=owner)
    PracticeFactory(owner=owner)  # a draft is not counted
    # partners, clusters, published practices (three counts)
    with django_assert_num_queries(3):
        response = client.get(reverse("home"))
    assert response.context["partner_count"] == 1
    assert response.context["cluster_count"] == 3
    assert response.context["practice_count"] == 4
    # The practices' count, ~25 ms at 100,000 practices, then comes from the cache.
    with django_assert_num_queries(2):
        assert client.get(reverse("home")).context["practice_count"] == 4


@pytest.mark.django_db(transaction=True)
def test_the_home_page_count_follows_publication_and_archiving(client):
    owner = OrganisationFactory()
    coordinator = UserFactory(is_coordinator=True)
    submitted = PracticeFactory(owner=owner, status=Status.SUBMITTED)
    PracticeFactory(published=True, owner=owner)
    assert client.get(reverse("home")).context["practice_count"] == 1

    workflow.practice_transition(action="publish", practice=submitted, by=coordinator)
    assert client.get(reverse("home")).context["practice_count"] == 2

    submitted.refresh_from_db()
    workflow.practice_transition(
        action="archive", practice=submitted, by=coordinator, comment="Superseded."
    )
    assert client.get(reverse("home")).context["practice_count"] == 1


def test_the_language_switcher_changes_the_language(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response.content.decode().startswith("<!DOCTYPE html>")
    assert '<html lang="fr"' in response.content.decode()
