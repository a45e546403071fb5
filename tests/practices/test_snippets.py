"""Result snippets start and end on whole words, with "…" where text is left out."""

import re

import pytest
from django.http import QueryDict

from practices.selectors.catalogue import catalogue_filter, catalogue_search
from practices.snippets import headline_snippet, summary_snippet
from tests.factories import PracticeFactory

START, STOP = "\ue000", "\ue001"
FILLER = (
    "Regional agencies, universities and investors met every quarter to compare their "
    "programmes and decide together which of them deserved another year of funding. "
)


def search(q):
    filterset = catalogue_filter(QueryDict(f"q={q}"))
    assert filterset.is_valid(), filterset.errors
    return catalogue_search(filterset).practices


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[\w'-]+", text))


def test_a_short_summary_is_shown_whole():
    assert summary_snippet("A desk for start-ups.") == "A desk for start-ups."


def test_a_long_summary_is_cut_after_a_whole_word_with_an_ellipsis():
    summary = "Incubator " * 20 + "programmes supporting spin-offs across the whole region."
    for limit in range(195, 225):
        snippet = summary_snippet(summary, limit=limit)
        assert snippet.endswith("…") and len(snippet) <= limit + 1
        kept = snippet[:-1].split()
        assert kept == summary.split()[: len(kept)], limit


def test_a_fragment_from_the_middle_gets_ellipses_on_both_sides():
    headline = f"the {START}seed{STOP} fund invests early in"
    snippet = headline_snippet(headline, "A summary that does not match.", start=START, stop=STOP)
    assert snippet == "… the <mark>seed</mark> fund invests early in …"


def test_a_fragment_that_is_the_whole_summary_gets_none():
    summary = "The seed fund invests early."
    headline = f"The {START}seed{STOP} fund invests early."
    assert headline_snippet(headline, summary, start=START, stop=STOP) == (
        "The <mark>seed</mark> fund invests early."
    )


def test_the_start_of_the_summary_has_no_leading_ellipsis():
    summary = "The seed fund invests early in companies that spin out of the university labs."
    headline = f"The {START}seed{STOP} fund invests early in companies"
    assert headline_snippet(headline, summary, start=START, stop=STOP) == (
        "The <mark>seed</mark> fund invests early in companies …"
    )


@pytest.mark.django_db
def test_a_match_deep_in_the_description_shows_whole_words_only():
    # The match sits ~2,000 characters into the text: the snippet comes from a window cut
    # around it, whose split words must not show.
    description = FILLER * 12 + "Then the biobank opened its catalogue to start-ups. " + FILLER * 3
    PracticeFactory(published=True, summary="Something else entirely.", description=description)

    (found,) = search("biobank")

    text = str(found.snippet_html)
    assert text.startswith("… ") and text.endswith(" …")
    assert "<mark>biobank</mark>" in text
    plain = text.replace("<mark>", "").replace("</mark>", "").strip("… ")
    assert words_of(plain) <= words_of(description)
