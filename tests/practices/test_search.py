"""The catalogue search: ranking, web-search syntax, accents, facets, sorting, suggestions."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from practices import relevance
from practices.models import Practice, SearchWord, Status
from practices.selectors import catalogue
from practices.selectors.catalogue import (
    catalogue_filter,
    catalogue_search,
    related_practices,
    relevance_keyset_page,
    search_suggestion,
)
from practices.services.search_index import catalogue_changed, rebuild_search_words
from tests.factories import ClusterFactory, PracticeFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def practice(days_ago: int = 0, **fields):
    """A published practice, published ``days_ago`` days ago."""
    published = NOW - datetime.timedelta(days=days_ago)
    return PracticeFactory(published=True, published_at=published, **fields)


def search(**params):
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    filterset = catalogue_filter(query)
    assert filterset.is_valid(), filterset.errors
    return catalogue_search(filterset, page_number=params.get("page"))


def slugs(result) -> list[str]:
    return [p.slug for p in result.practices]


def counts(result, parameter: str) -> dict[str, int]:
    (facet,) = [f for f in result.facets if f.parameter == parameter]
    return {value.value: value.count for value in facet.values if value.count}


# --- matching and ranking -------------------------------------------------------------------


def test_a_title_match_ranks_above_a_body_match():
    practice(slug="body", title="Regional fund", description="It runs an incubator.")
    practice(days_ago=30, slug="title", title="Incubator for start-ups")
    practice(days_ago=10, slug="summary", summary="An incubator programme for SMEs.")

    assert slugs(search(q="incubator")) == ["title", "summary", "body"]


def test_body_only_matches_follow_newest_first():
    practice(days_ago=3, slug="older", description="A seed fund.")
    practice(days_ago=1, slug="newer", description="A seed fund too.")

    assert slugs(search(q="seed")) == ["newer", "older"]


def test_only_published_practices_are_found():
    practice(slug="published", title="Incubator")
    PracticeFactory(slug="draft", title="Incubator", status=Status.DRAFT)
    PracticeFactory(slug="submitted", title="Incubator", status=Status.SUBMITTED)

    result = search(q="incubator")

    assert slugs(result) == ["published"]
    assert result.total == 1


def test_words_match_in_all_their_forms():
    practice(slug="plural", title="Three incubators in one region")

    assert slugs(search(q="incubator")) == ["plural"]


def test_a_minus_sign_excludes_a_word():
    practice(slug="with-fund", title="Incubator with a seed fund")
    practice(slug="without", title="Incubator with mentoring")

    assert slugs(search(q="incubator -fund")) == ["without"]


def test_a_quoted_phrase_matches_only_the_words_together():
    practice(slug="phrase", title="Technology transfer office")
    practice(slug="apart", title="Transfer of staff to a technology park")

    assert slugs(search(q='"technology transfer"')) == ["phrase"]
    assert set(slugs(search(q="technology transfer"))) == {"phrase", "apart"}


def test_or_finds_either_word():
    practice(slug="seed", title="Seed fund")
    practice(slug="venture", title="Venture capital fair")
    practice(slug="other", title="Training days")

    assert set(slugs(search(q="seed or venture"))) == {"seed", "venture"}


@pytest.mark.parametrize("query", ["genopole", "Génopole", "GENOPÔLE"])
def test_accents_and_case_do_not_matter(query):
    practice(slug="genopole", title="Génopole's bioincubator", description="Évry and Genopole")

    assert slugs(search(q=query)) == ["genopole"]


def test_a_query_of_only_stop_words_or_symbols_finds_nothing_without_failing():
    practice(title="The incubator")

    assert search(q="the of and").total == 0
    assert search(q="!!! ''' -").total == 0


# --- highlighting ----------------------------------------------------------------------------


def test_matches_are_highlighted_in_title_and_snippet():
    practice(title="Seed fund for start-ups", description="The seed fund invests early.")

    (found,) = search(q="seed").practices

    assert "<mark>Seed</mark> fund" in found.title_html
    assert "<mark>seed</mark>" in found.snippet_html


def test_practice_text_cannot_inject_markup_into_results():
    practice(
        title="<script>alert(1)</script> incubator",
        summary='An <img src=x onerror="alert(2)"> incubator for R&D "quoted".',
    )

    (found,) = search(q="incubator").practices

    assert "<script" not in found.title_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>incubator</mark>" in found.title_html
    # ts_headline leaves tags out of fragments; everything else is escaped.
    assert "<img" not in found.snippet_html
    assert "R&amp;D &quot;quoted" in found.snippet_html
    assert found.snippet_html.count("<") == found.snippet_html.count("<mark>") * 2


def test_without_a_query_the_summary_is_shown_escaped():
    practice(title="<b>Bold</b>", summary="<i>x</i>")

    (found,) = search().practices

    assert found.title_html == "&lt;b&gt;Bold&lt;/b&gt;"
    assert found.snippet_html == "&lt;i&gt;x&lt;/i&gt;"


# --- facets ----------------------------------------------------------------------------------


def test_facet_counts_reflect_the_query():
    practice(title="Incubator A", stages=["emerging"], tool_types=["incubator"])
    practice(title="Incubator B", stages=["emerging", "mature"], tool_types=["incubator"])
    practice(title="Fund", stages=["mature"], tool_types=["funding"])

    result = search(q="incubator")

    assert counts(result, "stage") == {"emerging": 2, "mature": 1}
    assert counts(result, "tool_type") == {"incubator": 2}
    assert not result.facets_are_estimates
    assert not result.total_is_estimate


def test_values_of_one_facet_are_alternatives_and_facets_combine():
    practice(slug="emerging-gb", stages=["emerging"], country="GB")
    practice(slug="mature-gb", stages=["mature"], country="GB")
    practice(slug="renewing-gb", stages=["renewing"], country="GB")
    practice(slug="emerging-fr", stages=["emerging"], country="FR")

    result = search(stage=["emerging", "mature"], country="GB")

    assert set(slugs(result)) == {"emerging-gb", "mature-gb"}
    assert result.total == 2


def test_a_facets_counts_apply_the_other_facets_but_not_itself():
    practice(stages=["emerging"], country="GB")
    practice(stages=["mature"], country="GB")
    practice(stages=["mature"], country="FR")

    result = search(stage="emerging", country="GB")

    # Stage counts: practices in GB, whatever their stage (so another stage can be added).
    assert counts(result, "stage") == {"emerging": 1, "mature": 1}
    # Country counts: emerging practices, whatever their country.
    assert counts(result, "country") == {"GB": 1}
    # Other facets: practices matching both.
    assert counts(result, "tool_type") == {"incubator": 1}
    assert result.total == 1


def test_selected_values_are_marked_and_labelled():
    cluster = ClusterFactory(name="Genopole", slug="genopole")
    practice(origin_cluster=cluster, country="FR", transferability="high", language="fr")

    result = search(origin_cluster="genopole", country="FR")
    facets = {f.parameter: f for f in result.facets}

    assert [(v.label, v.count, v.selected) for v in facets["origin_cluster"].values] == [
        ("Genopole", 1, True)
    ]
    assert [(v.label, v.selected) for v in facets["country"].values] == [("France", True)]
    assert [v.label for v in facets["language"].values] == ["French"]
    assert counts(result, "transferability") == {"high": 1}


def test_facet_filters_by_scalar_values():
    practice(slug="high", transferability="high", evidence_level="evaluated")
    practice(slug="low", transferability="low", evidence_level="anecdotal")

    assert slugs(search(transferability="high")) == ["high"]
    assert slugs(search(evidence_level=["anecdotal"])) == ["low"]


def test_large_results_give_estimated_counts(monkeypatch):
    monkeypatch.setattr(catalogue, "FACET_SAMPLE", 3)
    for _ in range(6):
        practice(title="Incubator", stages=["emerging"])

    result = search(q="incubator")

    # Facet counts are read from the first 4 rows and scaled to the exact total (6).
    assert result.facets_are_estimates
    assert counts(result, "stage") == {"emerging": 6}
    assert result.total == 6 and not result.total_is_estimate
    assert len(result.practices) == 6


def test_very_large_results_give_an_estimated_total(monkeypatch):
    monkeypatch.setattr(catalogue, "FACET_SAMPLE", 3)
    monkeypatch.setattr(catalogue, "MAX_RESULTS", 4)
    for _ in range(6):
        practice(title="Incubator")

    result = search(q="incubator")

    assert result.total_is_estimate
    assert result.total >= 5  # the planner's estimate, never below what was counted
    assert len(result.practices) == 4  # the first MAX_RESULTS


def _phrase_catalogue(adjacent: int, apart: int) -> None:
    for number in range(adjacent):
        practice(title=f"Seed fund {number}", stages=["emerging"])
    for number in range(apart):
        practice(title=f"Fund for seed {number}", stages=["mature"])


def test_a_phrase_below_the_threshold_is_counted_exactly(monkeypatch):
    # Its words are in 23 practices, more than the sample; the phrase in 3 of them.
    monkeypatch.setattr(catalogue, "FACET_SAMPLE", 5)
    monkeypatch.setattr(catalogue, "MAX_RESULTS", 5)
    _phrase_catalogue(adjacent=3, apart=20)

    result = search(q='"seed fund"')

    assert result.total == 3 and not result.total_is_estimate
    assert not result.facets_are_estimates
    assert counts(result, "stage") == {"emerging": 3}


def test_a_frequent_phrase_is_estimated_from_its_share_of_the_words_matches(monkeypatch):
    # The words in 60 practices, the phrase in 45: checked on a sample of the 60 only.
    monkeypatch.setattr(catalogue, "FACET_SAMPLE", 5)
    monkeypatch.setattr(catalogue, "MAX_RESULTS", 5)
    monkeypatch.setattr(catalogue, "PHRASE_SAMPLE", 40)
    _phrase_catalogue(adjacent=45, apart=15)
    with connection.cursor() as cursor:  # the planner's estimate of the words' matches
        cursor.execute("ANALYZE practices_practice")
    checked = []
    share = catalogue._phrase_share
    monkeypatch.setattr(
        catalogue, "_phrase_share", lambda *a: checked.append(share(*a)) or checked[-1]
    )

    result = search(q='"seed fund"')

    assert checked and checked[0][1] == 40  # the phrase checked on 40 rows, not all
    assert result.total_is_estimate and result.facets_are_estimates
    assert 20 <= result.total <= 70
    assert len(result.practices) == 5
    assert all(entry.title.startswith("Seed fund") for entry in result.practices)


# --- order and pages -------------------------------------------------------------------------


def test_newest_first_is_the_order_without_a_query():
    practice(days_ago=5, slug="old")
    practice(days_ago=1, slug="new")

    assert slugs(search()) == ["new", "old"]
    assert slugs(search(q="practice", sort="newest")) == ["new", "old"]


def test_transferability_sort_puts_high_first_and_unassessed_last():
    practice(days_ago=1, slug="unassessed", transferability="")
    practice(days_ago=2, slug="low", transferability="low")
    practice(days_ago=3, slug="high", transferability="high")
    practice(days_ago=4, slug="medium", transferability="medium")

    assert slugs(search(sort="transferability")) == ["high", "medium", "low", "unassessed"]


def test_relevance_ranks_only_the_most_recent_title_matches(monkeypatch):
    monkeypatch.setattr(relevance, "RANKED_CANDIDATES", 2)
    practice(days_ago=1, slug="recent-summary", summary="About an incubator.")
    practice(days_ago=2, slug="recent-title", title="Incubator")
    practice(days_ago=3, slug="old-title", title="Incubator")
    practice(days_ago=0, slug="body", description="An incubator.")

    # Ranked: the two most recent title/summary matches; then the rest, newest first.
    assert slugs(search(q="incubator")) == ["recent-title", "recent-summary", "body", "old-title"]


def test_results_are_paged():
    for n in range(25):
        practice(days_ago=n, slug=f"p{n:02d}", title=f"Incubator {n}")

    first, second = search(q="incubator"), search(q="incubator", page="2")

    assert first.total == 25 and len(first.practices) == 20
    assert slugs(second) == [f"p{n:02d}" for n in range(20, 25)]
    assert slugs(search(q="incubator", page="abc")) == slugs(first)
    assert slugs(search(q="incubator", page="99")) == slugs(second)


def test_only_the_first_results_can_be_paged_through(monkeypatch):
    monkeypatch.setattr(catalogue, "MAX_RESULTS", 20)
    for n in range(25):
        practice(days_ago=n, title="Incubator")

    result = search(q="incubator", page="2")

    assert result.total == 25
    assert result.more_than_shown
    assert result.page.paginator.num_pages == 1


# --- did you mean -----------------------------------------------------------------------------


def test_a_typo_gets_a_suggestion_from_the_catalogue_words():
    practice(title="Incubator for start-ups")
    rebuild_search_words()

    result = search(q="incubatr")

    assert result.total == 0
    assert result.suggestion.query == "incubator"


def test_suggestions_keep_the_rest_of_the_query():
    practice(title="Seed fund at Génopole")
    rebuild_search_words()

    suggestion = search_suggestion('"seed fundd" genopol')

    assert suggestion.query == '"seed fund" genopole'
    assert suggestion.corrections == [("fundd", "fund"), ("genopol", "genopole")]


def test_no_suggestion_when_every_word_is_known_or_nothing_is_close():
    practice(title="Seed fund")
    rebuild_search_words()

    assert search_suggestion("seed fund") is None
    assert search_suggestion("xylophone") is None
    assert search(q="seed -fund").suggestion is None


# --- the search vocabulary ---------------------------------------------------------------------


def test_search_words_are_the_published_titles_and_summaries_words():
    practice(title="Génopole Incubator", summary="An incubator, in Évry: 2 rooms.")
    PracticeFactory(title="Secret draft", summary="Unpublished words.", status=Status.DRAFT)
    SearchWord.objects.create(word="stale", frequency=9)

    rebuild_search_words()

    words = dict(SearchWord.objects.values_list("word", "frequency"))
    assert words == {"genopole": 1, "incubator": 2, "evry": 1, "rooms": 1}


def test_rebuilding_twice_gives_the_same_words():
    practice(title="Incubator")
    rebuild_search_words()
    first = set(SearchWord.objects.values_list("word", "frequency"))
    rebuild_search_words()

    assert set(SearchWord.objects.values_list("word", "frequency")) == first
    assert ("incubator", 1) in first


def test_a_catalogue_change_rebuilds_the_words_after_commit(django_capture_on_commit_callbacks):
    practice(title="Incubator")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        catalogue_changed()
        assert not SearchWord.objects.exists()
    # The cached count of published practices is forgotten, then the task is queued.
    assert len(callbacks) == 2

    callbacks[1]()  # the task runs in-process without a broker

    assert SearchWord.objects.filter(word="incubator").exists()


# --- related practices --------------------------------------------------------------------------


def test_related_practices_share_the_cluster_and_facets_most_first(django_assert_num_queries):
    cluster = ClusterFactory()
    base = {"stages": ["emerging"], "tool_types": ["incubator"], "beneficiaries": ["startups"]}
    subject = practice(origin_cluster=cluster, **base)
    practice(slug="same-everything", origin_cluster=cluster, **base)
    practice(slug="same-facets", **base)
    practice(
        slug="one-tool",
        stages=["mature"],
        tool_types=["incubator"],
        beneficiaries=["smes"],
        growth_forces=["financial"],
        business_models=["product"],
    )
    practice(
        slug="unrelated",
        stages=["mature"],
        tool_types=["funding"],
        beneficiaries=["smes"],
        growth_forces=["financial"],
        business_models=["product"],
    )
    PracticeFactory(slug="draft", origin_cluster=cluster, status=Status.DRAFT, **base)

    with django_assert_num_queries(1):
        related = related_practices(subject, limit=5)
        assert [p.slug for p in related] == ["same-everything", "same-facets", "one-tool"]
        assert related[0].origin_cluster == cluster and related[0].owner.name


def test_related_practices_respects_the_limit():
    subject = practice()
    for _ in range(4):
        practice()

    assert len(related_practices(subject, limit=2)) == 2


# --- the planner setting stays inside the search ------------------------------------------------


def test_the_search_does_not_leave_sequential_scans_disabled():
    practice(title="Incubator")
    search(q="incubator")

    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)


def test_the_api_reads_the_pages_relevance_order_by_position():
    practice(days_ago=2, slug="title", title="Incubator")
    practice(days_ago=1, slug="body", description="An incubator.")
    filterset = catalogue_filter(QueryDict("q=incubator"))
    assert filterset.is_valid()

    rows = relevance_keyset_page(filterset, after=None, limit=20)

    page = [entry.slug for entry in catalogue_search(filterset).practices]
    assert page == ["title", "body"]
    assert [row.id for row in rows] == [Practice.objects.get(slug=slug).pk for slug in page]
    assert relevance_keyset_page(filterset, after=rows[0], limit=1) == rows[1:]
    with pytest.raises(ValueError, match="text query"):
        relevance_keyset_page(catalogue_filter(QueryDict("")), after=None, limit=20)


def test_relevance_pages_by_position_continue_through_both_tiers(monkeypatch):
    monkeypatch.setattr(relevance, "RANKED_CANDIDATES", 2)
    practice(days_ago=1, slug="recent-summary", summary="About an incubator.")
    practice(days_ago=2, slug="recent-title", title="Incubator")
    practice(days_ago=3, slug="old-title", title="Incubator")
    practice(days_ago=0, slug="body", description="An incubator.")
    practice(days_ago=4, slug="old-body", description="An incubator.")
    filterset = catalogue_filter(QueryDict("q=incubator"))
    assert filterset.is_valid()
    # The HTML page's order (catalogue_search), as ids.
    slugs = [entry.slug for entry in catalogue_search(filterset).practices]
    ids = dict(Practice.objects.values_list("slug", "pk"))
    order = [ids[slug] for slug in slugs]

    rows = relevance_keyset_page(filterset, after=None, limit=20)
    assert [row.id for row in rows] == order
    assert [row.tier for row in rows] == [1, 1, 2, 2, 2]
    assert rows[0].rank >= rows[1].rank > 0 == rows[2].rank
    for limit in (1, 2, 3):
        paged, after = [], None
        while page := relevance_keyset_page(filterset, after=after, limit=limit):
            paged += [row.id for row in page]
            after = page[-1]
        assert paged == order
    # From a position in either tier, forward and back.
    assert relevance_keyset_page(filterset, after=rows[1], limit=20) == rows[2:]
    assert relevance_keyset_page(filterset, after=rows[2], limit=20) == rows[3:]
    assert relevance_keyset_page(filterset, after=rows[3], limit=20, backward=True) == (rows[2::-1])
    assert relevance_keyset_page(filterset, after=rows[1], limit=20, backward=True) == rows[:1]
    assert relevance_keyset_page(filterset, after=None, limit=20, backward=True) == rows[::-1]
