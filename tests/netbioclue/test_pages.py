import pytest
from django.urls import reverse

from tests.factories import ClusterFactory, OrganisationFactory, PracticeFactory

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


def test_the_language_switcher_changes_the_language(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response.content.decode().startswith("<!DOCTYPE html>")
    assert '<html lang="fr"' in response.content.decode()
