"""One relevance order (issue 7, point 16): the catalogue's pages, the API's cursor pages
and the exports list a text query's matches in the same order, because all three read
``practices.relevance``'s one definition of tier 1."""

import datetime
import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from practices import relevance
from practices.selectors import catalogue
from practices.selectors.catalogue import catalogue_filter, catalogue_search, export_rows
from tests.api.practice_data import PRACTICES
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

WORDS = ["incubator", "seed fund", "biobank", "mentoring", "venture"]


@pytest.fixture
def catalogue_of_ties(monkeypatch):
    """40 practices: the words in titles, summaries or bodies, shared publication times
    (ties broken by id), a few ranked candidates and short pages."""
    monkeypatch.setattr(relevance, "RANKED_CANDIDATES", 5)
    monkeypatch.setattr(catalogue, "PER_PAGE", 4)
    pick = random.Random(7)
    now = timezone.now()
    for number in range(40):
        words = pick.sample(WORDS, 2)
        place = pick.choice(["title", "summary", "description"])
        text = {
            "title": f"Practice {number}",
            "summary": "A practice.",
            "description": "How it works.",
        }
        text[place] = f"{text[place]} {' and '.join(words)}".strip()
        PracticeFactory(
            published=True,
            published_at=now - datetime.timedelta(days=number // 3),  # three per day
            slug=f"p{number:02d}",
            stages=[pick.choice(["emerging", "mature"])],
            **text,
        )


def _html(params: str) -> list[str]:
    filterset = catalogue_filter(QueryDict(params))
    assert filterset.is_valid(), filterset.errors
    first = catalogue_search(filterset)
    slugs = []
    for number in first.page.paginator.page_range:
        slugs += [entry.slug for entry in catalogue_search(filterset, page_number=number).practices]
    return slugs


def _api(client, params: str, ordering: str = "") -> list[str]:
    url, slugs = f"{PRACTICES}?{params}&page_size=3{ordering}", []
    while url:
        body = client.get(url).json()
        slugs += [item["slug"] for item in body["results"]]
        url = body["next"]
    return slugs


def _exported(params: str) -> list[str]:
    filterset = catalogue_filter(QueryDict(params))
    assert filterset.is_valid(), filterset.errors
    return [row["slug"] for row in export_rows(filterset, base_url="/")]


@pytest.mark.parametrize(
    "params",
    [
        "q=incubator",
        "q=incubator+-biobank",  # an excluded word: tier 1 tests the big vector too
        "q=%22seed+fund%22",  # a phrase
        "q=incubator+or+biobank",
        "q=venture&stage=emerging",  # the facets bound tier 1's candidates too
    ],
)
def test_pages_api_and_exports_list_a_search_in_one_order(catalogue_of_ties, params):
    api_client = APIClient()
    html = _html(params)
    assert len(html) > 5, "the query must reach past the ranked tier"
    assert _api(api_client, params) == html
    assert _api(api_client, params, "&ordering=-relevance") == html[::-1]
    assert _exported(params) == html


def test_the_order_is_the_definitions(catalogue_of_ties):
    """The ranked tier first by rank, then the other matches newest first, ids breaking ties."""
    filterset = catalogue_filter(QueryDict("q=incubator"))
    assert filterset.is_valid()
    ordered = list(filterset.qs.values_list("tier", "rank", "published_at", "id"))
    assert [tier for tier, *_ in ordered] == [1] * 5 + [2] * (len(ordered) - 5)
    assert ordered == sorted(ordered, key=lambda r: (r[0], -r[1], -r[2].timestamp(), -r[3]))
    assert all(rank > 0 for tier, rank, *_ in ordered if tier == 1)
    assert all(rank == 0 for tier, rank, *_ in ordered if tier == 2)
    # The paged reader's positions are the annotations.
    sql = relevance.compile_search(filterset)
    assert [tuple(row) for row in relevance.rows(sql, limit=100)] == ordered


def test_deep_pages_read_after_a_remembered_position_show_what_offsets_show(catalogue_of_ties):
    """A page read a second time, or after the page before it, starts after a remembered
    position (a row-value comparison, no offset) and shows the same practices."""
    filterset = catalogue_filter(QueryDict("q=incubator"))
    assert filterset.is_valid()
    pages = catalogue_search(filterset).page.paginator.page_range

    def read(number):
        return [e.slug for e in catalogue_search(filterset, page_number=number).practices]

    cache.clear()
    by_offset = {number: read(number) for number in reversed(pages)}  # no page before known
    for number in [*pages, *reversed(pages)]:
        with CaptureQueriesContext(connection) as queries:
            assert read(number) == by_offset[number]
        if number > 1:
            positioned = [q["sql"] for q in queries if "WITH tier1" in q["sql"]]
            assert "OFFSET 0 " in " ".join(positioned[0].split()) + " ", positioned


def test_an_api_ordering_mixing_relevance_with_a_field_pages_through_the_annotations(
    catalogue_of_ties,
):
    # title first (two titles share none here), then the relevance order: every page
    # follows from the annotations of the same definition.
    api_client = APIClient()
    whole = api_client.get(f"{PRACTICES}?q=incubator&page_size=100&ordering=-title,relevance")
    assert whole.status_code == 200, whole.content
    slugs = [item["slug"] for item in whole.json()["results"]]
    assert sorted(slugs) == sorted(_html("q=incubator"))
    assert _api(api_client, "q=incubator", "&ordering=-title,relevance") == slugs
