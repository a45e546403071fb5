"""``/api/v1/taxonomy/``: the shared vocabulary, one definition for every client."""

import pytest
from django.utils import translation

from netbioclue.vocabulary import FACETS, ContentLanguage
from tests.api.helpers import problem

pytestmark = pytest.mark.django_db

TAXONOMY = "/api/v1/taxonomy/"


def test_every_facet_is_listed_with_its_values_and_labels(api_client):
    body = api_client.get(TAXONOMY).json()
    assert [facet["key"] for facet in body] == [*FACETS, "language"]
    by_key = {facet["key"]: facet for facet in body}
    with translation.override("en"):
        for key, (choices, label) in FACETS.items():
            assert by_key[key]["label"] == str(label)
            assert by_key[key]["values"] == [
                {"value": value, "label": str(name)} for value, name in choices.choices
            ]
    assert {v["value"] for v in by_key["language"]["values"]} == set(ContentLanguage.values)
    assert by_key["stage"]["url"] == "http://testserver/api/v1/taxonomy/stage/"


def test_one_facet(api_client):
    body = api_client.get(f"{TAXONOMY}tool_type/").json()
    assert body["key"] == "tool_type"
    assert {"value": "incubator", "label": "Incubator / science park"} in body["values"]


def test_an_unknown_facet_is_a_404_problem(api_client):
    response = api_client.get(f"{TAXONOMY}colour/")
    assert response.status_code == 404
    assert problem(response)["status"] == 404


def test_the_vocabulary_answers_conditional_requests(api_client, django_assert_num_queries):
    etag = api_client.get(TAXONOMY)["ETag"]
    # (+1: the rate-limit counter, one upsert; none with Redis.)
    with django_assert_num_queries(1):
        assert api_client.get(TAXONOMY, headers={"If-None-Match": etag}).status_code == 304
