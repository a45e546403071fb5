"""Property-based tests at the input boundaries (issue 7, point 2), with Hypothesis.

Over arbitrary Unicode (NUL and lone surrogates included) and operator-heavy search
syntax: the catalogue's query parser never fails in PostgreSQL (HTML and API: a page or
a 400), the cursor decoder turns any string into a page or a 400, and the list fields
(form and API) either refuse an item or store it.
"""

import base64
import json

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practices.forms import PracticeForm
from practices.models import Practice
from practices.search_syntax import normalise_query
from tests.api.helpers import bearer
from tests.practices.factories_workflow import content, form_data

pytestmark = pytest.mark.django_db

PROPERTIES = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Web-search syntax and separators, weighted towards long runs of operators.
OPERATORS = st.sampled_from(["-", '"', "(", ")", "|", "!", "&", "<->", ":*", " ", "or", "'"])
WORDS = st.sampled_from(["fund", "cluster", "é", "_", "a", "2008", "fund-raising", "\u00df"])
# Runs of negations: PostgreSQL's parser stacks at most 32 of them between two words.
RUNS = st.builds(
    lambda unit, count: unit * count,
    st.sampled_from(["-", "- ", "-(", '-"', "-_", "-é"]),
    st.integers(1, 60),
)
OPERATOR_QUERIES = (
    st.lists(st.one_of(OPERATORS, RUNS, RUNS, WORDS), min_size=1, max_size=60)
    .map("".join)
    .map(lambda text: text[:200])
)
ANY_TEXT = st.text(max_size=200)  # any code point, surrogates and NUL included
QUERIES = st.one_of(OPERATOR_QUERIES, ANY_TEXT.filter(lambda t: "\x00" not in t))


@pytest.fixture(autouse=True)
def _no_rate_limits(throttle_rates):
    throttle_rates(anon="100000/min", key="100000/min")


def _http_text(text: str) -> str:
    # What a query string can carry: UTF-8, so a lone surrogate arrives as U+FFFD.
    return text.encode("utf-8", "replace").decode("utf-8")


@PROPERTIES
@given(text=OPERATOR_QUERIES)
def test_normalised_queries_never_fail_in_postgresql(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery('english', %s)", [normalise_query(text)])


@PROPERTIES
@given(query=QUERIES)
def test_the_catalogue_page_answers_any_query(client, query):
    response = client.get("/practices/", {"q": _http_text(query)})
    assert response.status_code in (200, 400)


@PROPERTIES
@given(query=QUERIES)
def test_the_api_answers_any_query(client, query):
    response = client.get("/api/v1/practices/", {"q": _http_text(query)})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "q" in response.json()["errors"]


def _cursor_of(raw: str) -> str:
    return base64.b64encode(raw.encode("utf-8", "surrogatepass")).decode()


CURSORS = st.one_of(
    ANY_TEXT,
    ANY_TEXT.map(_cursor_of),
    st.builds(
        lambda o, r, p: _cursor_of(f"o={o}&r={r}&p={p}"),
        st.text(max_size=6),
        st.text(max_size=3),
        ANY_TEXT,
    ),
    st.builds(
        lambda values: _cursor_of("p=" + json.dumps(values)),
        st.lists(st.one_of(ANY_TEXT, st.integers(), st.floats(), st.none()), max_size=5),
    ),
)


@settings(PROPERTIES, max_examples=25)
@given(cursor=CURSORS, ordering=st.sampled_from(["", "title", "-title", "published_at"]))
def test_the_cursor_decoder_answers_any_string(client, cursor, ordering):
    for url in ("/api/v1/practices/", "/api/v1/clusters/", "/api/v1/organisations/"):
        params = {"cursor": _http_text(cursor)}
        if url == "/api/v1/practices/" and ordering:
            params["ordering"] = ordering
        response = client.get(url, params)
        assert response.status_code in (200, 400), (url, response.content)
        if response.status_code == 400:
            assert "cursor" in response.json()["errors"]


LIST_ITEMS = st.lists(ANY_TEXT.filter(lambda t: t.strip()), max_size=5)


@PROPERTIES
@given(items=LIST_ITEMS, field=st.sampled_from(["dos", "donts", "links"]))
def test_the_form_list_fields_refuse_or_store_any_text(org, editor, items, field):
    from practices.services import workflow

    data = form_data(content(), **{field: [_http_text(item) for item in items]})
    form = PracticeForm(data)
    if form.is_valid():
        practice = workflow.practice_create(organisation=org, data=form.content(), by=editor)
        assert Practice.objects.filter(pk=practice.pk).exists()
        practice.delete()


@PROPERTIES
@given(items=LIST_ITEMS, field=st.sampled_from(["dos", "donts", "links"]))
def test_the_api_list_fields_refuse_or_store_any_text(api_client, write_key, items, field):
    body = json.dumps(content(**{field: items}))  # ensure_ascii: "\\ud800" escapes
    response = api_client.generic(
        "POST",
        "/api/v1/practices/",
        body,
        content_type="application/json",
        headers=bearer(write_key),
    )
    assert response.status_code in (201, 400), response.content
    if response.status_code == 400:
        assert any(name.split(".")[0] == field for name in response.json()["errors"])
    Practice.objects.all().delete()
