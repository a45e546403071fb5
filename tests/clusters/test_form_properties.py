"""Property-based tests of the cluster pages' inputs (Hypothesis): any Unicode in any
field, NUL and lone surrogates included, gives the page or a form error (4xx), never a
500, and a refused form keeps what was typed."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusters import diagnosis
from tests.clusters.answers import CAMBRIDGE
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

PROPERTIES = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANY_TEXT = st.text(max_size=300)  # any code point, surrogates and NUL included
NUMBERISH = st.one_of(
    ANY_TEXT,
    st.sampled_from(["-5", "1e400", "NaN", "inf", "1" * 60, "١٢٣", "0x10", " 12 ", "1,5"]),
)


def http(text: str) -> str:
    # What a form post or a query string carries: UTF-8 (a lone surrogate arrives as
    # U+FFFD); NUL bytes do arrive.
    return text.encode("utf-8", "replace").decode("utf-8")


def never_a_server_error(response):
    assert response.status_code < 500, response.content[:500]


@PROPERTIES
@given(key=st.sampled_from([q.key for q in diagnosis.QUESTIONS]), value=NUMBERISH)
def test_any_answer_gives_a_diagnosis_or_a_form_error(client, key, value):
    response = client.get(reverse("clusters:assess_result"), {**CAMBRIDGE, key: http(value)})
    never_a_server_error(response)
    assert response.status_code in (200, 400)


@PROPERTIES
@given(field=st.sampled_from(["description", "key_actors", "website", "latitude",
                              "force_financial", "genesis", "world_region"]),
       value=NUMBERISH)  # fmt: skip
def test_any_profile_text_is_proposed_or_refused_with_the_text_kept(
    client, editor, home, field, value
):
    client.force_login(editor)
    url = reverse("clusters:edit", args=[home.slug])
    data = {
        k: v if v is not None else "" for k, v in client.get(url).context["form"].initial.items()
    }
    data[field] = http(value)
    response = client.post(url, data)
    never_a_server_error(response)
    assert response.status_code in (302, 400, 409)


@PROPERTIES
@given(field=st.sampled_from(["year", "value", "source", "recorded_on", "indicator"]),
       value=NUMBERISH)  # fmt: skip
def test_any_indicator_value_is_proposed_or_refused(client, editor, home, companies, field, value):
    client.force_login(editor)
    data = {"indicator": companies.pk, "year": "2024", "value": "12", "source": "Survey",
            "recorded_on": "2025-01-01", field: http(value)}  # fmt: skip
    response = client.post(reverse("clusters:indicator_add", args=[home.slug]), data)
    never_a_server_error(response)
    assert response.status_code in (302, 400)


@PROPERTIES
@given(field=st.sampled_from(["title", "rationale", "practices", "stage", "audience"]),
       value=ANY_TEXT)  # fmt: skip
def test_any_recommendation_text_is_proposed_or_refused(client, editor, home, field, value):
    client.force_login(editor)
    data = {"title": "Fund proof of concept", "stage": "emerging", "audience": "regional",
            "rationale": "Because.", "practices": "", field: http(value)}  # fmt: skip
    response = client.post(reverse("clusters:recommendation_propose"), data)
    never_a_server_error(response)
    assert response.status_code in (302, 400)


@PROPERTIES
@given(values=st.lists(ANY_TEXT, max_size=7), parameter=st.sampled_from(["c", "format"]))
def test_any_comparison_query_gives_a_page_or_a_400(client, values, parameter):
    response = client.get(reverse("clusters:compare"), {parameter: [http(v) for v in values]})
    never_a_server_error(response)


@PROPERTIES
@given(parameter=st.sampled_from(["cluster", "assessment"]), value=ANY_TEXT)
def test_any_fit_question_gives_a_page_or_a_404(client, parameter, value):
    practice = PracticeFactory(published=True)
    response = client.get(reverse("clusters:fit", args=[practice.slug]), {parameter: http(value)})
    never_a_server_error(response)
    assert response.status_code in (200, 400, 404)


@PROPERTIES
@given(value=ANY_TEXT)
def test_any_cluster_to_fit_in_the_catalogue_gives_a_page_or_a_400(client, value):
    response = client.get(reverse("practices:list"), {"sort": "fit", "fit": http(value)})
    never_a_server_error(response)
    assert response.status_code in (200, 400)
