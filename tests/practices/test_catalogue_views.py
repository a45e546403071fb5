"""The public catalogue page /practices/: states as URLs, bad parameters, query budget."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from practices.models import Status
from practices.services.search_index import rebuild_search_words
from tests.factories import ClusterFactory, PracticeFactory

pytestmark = pytest.mark.django_db

URL = reverse("practices:list")


def practice(days_ago: int = 0, **fields):
    published = timezone.now() - datetime.timedelta(days=days_ago)
    return PracticeFactory(published=True, published_at=published, **fields)


def html(response) -> str:
    return response.content.decode()


def test_the_catalogue_lists_published_practices_newest_first(client):
    practice(days_ago=2, title="Older incubator")
    practice(days_ago=1, title="Newer seed fund")
    PracticeFactory(title="A draft nobody sees", status=Status.DRAFT)

    response = client.get(URL)

    assert response.status_code == 200
    page = html(response)
    assert page.index("Newer seed fund") < page.index("Older incubator")
    assert "A draft nobody sees" not in page
    assert "2 practices match." in page


def test_a_search_highlights_and_links_each_result(client):
    found = practice(title="Incubator for spin-outs", transferability="high")

    page = html(client.get(URL, {"q": "incubator"}))

    assert f'href="{found.get_absolute_url()}"' in page
    assert "<mark>Incubator</mark> for spin-outs" in page
    assert "Transferability: High" in page
    assert 'value="incubator"' in page  # the query stays in the box


def test_the_page_works_without_javascript_as_one_get_form(client):
    practice(stages=["emerging"])

    page = html(client.get(URL))

    assert '<form id="catalogue" class="search-form" method="get"' in page
    assert 'type="checkbox" name="stage" value="emerging"' in page
    assert '<select id="catalogue-sort" name="sort">' in page
    # The only script is the site-wide one making wide tables reachable by keyboard.
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script src="/static/netbioclue/scroll-regions.js" defer>'], scripts


def test_facet_counts_are_shown_and_selected_values_checked(client):
    practice(stages=["emerging"], country="FR")
    practice(stages=["mature"], country="FR")

    page = html(client.get(URL, {"stage": "emerging"}))

    assert (
        'name="stage" value="emerging" id="facet-stage-1" checked>'
        '<label for="facet-stage-1">Emerging <span class="muted">(1)</span>' in page
    )
    assert '<label for="facet-stage-3">Mature <span class="muted">(1)</span>' in page
    assert "1 practice matches." in page


def test_every_state_is_a_shareable_url_kept_by_pages_and_exports(client):
    for n in range(25):
        practice(days_ago=n, title=f"Incubator {n}", stages=["emerging"])

    page = html(client.get(URL, {"q": "incubator", "stage": "emerging", "sort": "newest"}))

    assert "q=incubator&amp;stage=emerging&amp;sort=newest&amp;page=2" in page
    export = reverse("practices:export_csv") + "?q=incubator&amp;stage=emerging&amp;sort=newest"
    assert export in page
    second = html(client.get(URL, {"q": "incubator", "stage": "emerging", "page": "2"}))
    assert "<mark>Incubator</mark> 24<" in second and "<mark>Incubator</mark> 0<" not in second


def test_an_active_filter_can_be_removed_with_a_link(client):
    practice(stages=["emerging"], country="FR")

    page = html(client.get(URL, {"stage": "emerging", "country": "FR"}))

    assert 'href="?country=FR"' in page  # without the stage
    assert 'href="?stage=emerging"' in page  # without the country


def test_an_empty_result_explains_itself_and_suggests(client):
    practice(title="Incubator for start-ups", stages=["emerging"])
    rebuild_search_words()

    response = client.get(URL, {"q": "incubatr", "stage": "emerging"})

    assert response.status_code == 200
    page = html(response)
    assert "No practice matches “incubatr” with these filters." in page
    assert 'Did you mean <a href="?q=incubator&amp;stage=emerging">incubator</a>?' in page
    assert 'href="?q=incubatr">without Life-cycle stage: Emerging</a>' in page


def test_an_empty_catalogue_says_so(client):
    assert "No practice has been published yet." in html(client.get(URL))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"stage": "boiling"}, "Select a valid choice. boiling is not one of the available"),
        ({"country": "XX"}, "Select a valid choice. XX is not one of the available"),
        ({"origin_cluster": "nowhere"}, "Select a valid choice. nowhere is not one of the"),
        ({"sort": "random"}, "Select a valid choice. random is not one of the available"),
        ({"q": "x" * 2000}, "Ensure this value has at most 200 characters (it has 2000)."),
    ],
)
def test_bad_parameters_get_a_400_page_that_says_why(client, params, message):
    practice(title="Incubator")

    response = client.get(URL, {"q": "incubator", **params})

    assert response.status_code == 400
    page = html(response)
    assert message in page
    assert "This search could not be run." in page
    typed = params.get("q", "incubator")
    assert f'name="q" value="{typed}"' in page  # what was typed stays in the box


def test_an_invalid_facet_value_is_shown_next_to_its_facet_and_kept(client):
    page = html(client.get(URL, {"stage": ["boiling", "mature"]}))

    fieldset = page[page.index("<legend>Life-cycle stage</legend>") :]
    fieldset = fieldset[: fieldset.index("</fieldset>")]
    assert "boiling is not one of the available choices" in fieldset
    assert 'value="mature" id="facet-stage-3" checked' in fieldset


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", ""])
def test_a_malformed_or_out_of_range_page_gives_a_page_not_an_error(client, page):
    practice(title="Incubator")

    response = client.get(URL, {"q": "incubator", "page": page})

    assert response.status_code == 200
    assert "1 practice matches." in html(response)


@pytest.mark.parametrize("query", ['"', "-", "!!!", "a & b | c", "(((", "or or", "é" * 200])
def test_odd_queries_give_a_result_page(client, query):
    practice(title="Incubator")

    assert client.get(URL, {"q": query}).status_code == 200


def test_a_practice_titled_like_a_script_is_displayed_as_text(client):
    practice(title="<script>alert(1)</script> incubator", summary="<b>bold</b> incubator")

    for params in ({}, {"q": "incubator"}):
        page = html(client.get(URL, params))
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<b>bold</b>" not in page


def test_the_result_shows_owner_country_cluster_and_illustrative_badge(client):
    cluster = ClusterFactory(name="BioRegion Rhine-Neckar")
    practice(
        title="Incubator",
        country="DE",
        origin_cluster=cluster,
        is_illustrative=True,
        stages=["mature"],
        owner__short_name="TPH",
    )

    page = html(client.get(URL))

    assert "<span>TPH · Germany · BioRegion Rhine-Neckar</span>" in page
    assert "Illustrative example" in page
    assert '<span class="badge">Mature</span>' in page


def test_the_page_links_the_publication(client):
    assert reverse("practices:publication") in html(client.get(URL))


@pytest.mark.parametrize("count", [1, 25])
def test_the_search_page_query_count_does_not_grow_with_results(
    client, django_assert_num_queries, count
):
    for n in range(count):
        practice(days_ago=n, title=f"Incubator {n}")

    # The rate-limit counter (one upsert), SAVEPOINT (the search's transaction, nested in
    # the test's), SET LOCAL enable_seqscan, the facet counts and total, the page's ids by
    # relevance, the page's rows with owner, cluster and snippets, SET LOCAL back to its
    # default, RELEASE SAVEPOINT.
    with django_assert_num_queries(8):
        response = client.get(URL, {"q": "incubator"})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 25])
def test_the_list_page_query_count_does_not_grow_with_results(
    client, django_assert_num_queries, count
):
    for n in range(count):
        practice(days_ago=n, country="FR", origin_cluster=ClusterFactory())

    # The rate-limit counter; the facet counts and total; the page's rows with owner and
    # cluster.
    with django_assert_num_queries(3):
        response = client.get(URL, {"country": "FR"})
    assert response.status_code == 200


def test_a_cluster_filter_costs_one_query_to_check_the_slug(client, django_assert_num_queries):
    cluster = ClusterFactory(slug="genopole")
    practice(origin_cluster=cluster)

    # The rate-limit counter, the cluster slugs, the facet counts and total, the page's rows.
    with django_assert_num_queries(4):
        response = client.get(URL, {"origin_cluster": "genopole"})
    assert response.status_code == 200
