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

    assert '<form id="catalogue" class="search-form catalogue" method="get"' in page
    assert 'type="checkbox" name="stage" value="emerging"' in page
    assert '<select id="catalogue-sort" name="sort">' in page
    # Buttons apply the filters and the order; the scripts (files: no inline code under
    # the Content-Security-Policy) only make them apply on change, and make wide tables
    # reachable by keyboard.
    assert "Apply filters</button>" in page
    assert ">Sort</button>" in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert sorted(scripts) == [
        '<script src="/static/netbioclue/scroll-regions.js" defer>',
        '<script src="/static/practices/catalogue-filters.js" defer>',
    ], scripts


def test_facet_counts_are_shown_and_selected_values_checked(client):
    practice(stages=["emerging"], country="FR")
    practice(stages=["mature"], country="FR")

    page = html(client.get(URL, {"stage": "emerging"}))

    assert (
        'name="stage" value="emerging" id="facet-stage-1" checked>'
        '<label for="facet-stage-1">Emerging <span class="muted">(1)</span>' in page
    )
    # "Developing" matches nothing: it is not offered.
    assert '<label for="facet-stage-2">Mature <span class="muted">(1)</span>' in page
    assert 'value="developing"' not in page
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

    fieldset = page[page.index('<legend class="visually-hidden">Life-cycle stage</legend>') :]
    fieldset = fieldset[: fieldset.index("</fieldset>")]
    assert "boiling is not one of the available choices" in fieldset
    assert 'value="mature" id="facet-stage-3" checked' in fieldset
    # The panel and the group with the error are open.
    assert '<details class="filters-disclosure" id="filters" open>' in page
    assert '<details class="facet-group" id="facet-group-stage" open>' in page


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


def test_the_result_shows_owner_country_cluster_and_stage(client):
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


def test_on_a_phone_the_filters_wait_behind_a_disclosure_that_counts_them(client):
    practice(stages=["emerging"], country="FR")
    practice(stages=["mature"], country="DE")

    page = html(client.get(URL, {"stage": "emerging", "country": "FR"}))

    # Closed (results first), works without a script, says how many filters apply.
    assert '<details class="filters-disclosure" id="filters">' in page
    assert '<span class="filters-count">(2 active)</span>' in page
    # One collapsed group per facet, saying how many of its values are selected.
    assert '<details class="facet-group" id="facet-group-stage">' in page
    assert 'Life-cycle stage <span class="facet-group-count">· 1 selected</span>' in page
    # The disclosure comes before the results, the results before nothing else.
    assert page.index('class="filters-disclosure"') < page.index('id="results"')
    assert '<a href="#results">Skip to results</a>' in page
    assert '<section id="results" class="catalogue-results" tabindex="-1"' in page


def test_active_filters_are_chips_that_each_remove_one(client):
    practice(stages=["emerging"], country="FR")

    page = html(client.get(URL, {"stage": "emerging", "country": "FR", "page": "1"}))

    assert (
        '<a class="chip" href="?country=FR" '
        'aria-label="Remove the filter Life-cycle stage: Emerging">' in page
    )
    assert 'aria-label="Remove the filter Country: France">' in page
    assert '<a href="/practices/">Clear all filters</a>' in page


def test_chips_stay_when_nothing_matches(client):
    practice(stages=["emerging"], country="FR")

    page = html(client.get(URL, {"stage": "mature", "country": "FR"}))

    assert "No practice matches all these filters." in page
    assert 'aria-label="Remove the filter Life-cycle stage: Mature">' in page


def test_a_selected_value_without_matches_stays_last_to_be_unticked(client):
    practice(stages=["emerging"], country="FR")
    practice(stages=["mature"], country="DE")

    page = html(client.get(URL, {"country": "FR", "stage": "mature"}))

    # Nothing is both French and "mature": the value stays, ticked, after those that match.
    stage_group = page[
        page.index('id="facet-group-stage"') : page.index(
            "</details>", page.index('id="facet-group-stage"')
        )
    ]
    assert stage_group.index('value="emerging"') < stage_group.index('value="mature"')
    assert (
        '<li class="facet-none"><input type="checkbox" name="stage" value="mature"' in stage_group
    )
    assert 'value="mature" id="facet-stage-2" checked>' in stage_group
    assert 'value="developing"' not in stage_group


def test_the_illustrative_mark_is_explained_once_above_the_list(client):
    practice(is_illustrative=True)
    practice(is_illustrative=True)

    page = html(client.get(URL))

    assert page.count("illustrative examples</strong>") == 1
    assert '<a href="#about-illustrative">What this means</a>' in page
    assert 'id="about-illustrative"' in page
    assert ">Illustrative</span>" not in page


def test_a_page_that_mixes_examples_and_cases_marks_each_example(client):
    practice(is_illustrative=True, title="An invented example")
    practice(is_illustrative=False, title="A documented case")

    page = html(client.get(URL))

    assert "Practices marked <strong>Illustrative</strong> are examples." in page
    assert page.count('<span class="badge badge-warning">Illustrative</span>') == 1


def test_without_illustrative_practices_nothing_is_said_about_them(client):
    practice(is_illustrative=False)

    page = html(client.get(URL))

    assert "illustrative" not in page.lower()


def test_a_practice_reached_from_the_catalogue_links_back_to_the_same_results(client):
    found = practice(title="Incubator")
    came_from = "http://testserver/practices/?q=incubator&stage=emerging&page=2"

    page = html(client.get(found.get_absolute_url(), headers={"referer": came_from}))

    assert (
        f'<a href="/practices/?q=incubator&amp;stage=emerging&amp;page=2#result-{found.slug}">'
        in page
    )
    assert "Back to your results" in page


@pytest.mark.parametrize(
    "came_from",
    ["", "http://evil.example/practices/?q=x", "http://testserver/clusters/", "not a url"],
)
def test_no_way_back_unless_the_visitor_came_from_this_catalogue(client, came_from):
    found = practice(title="Incubator")

    page = html(client.get(found.get_absolute_url(), headers={"referer": came_from}))

    assert "Back to your results" not in page
