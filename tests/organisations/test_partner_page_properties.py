"""The partner page's form (``organisations:profile``) answers any text with the page or
a form error, never a 500, and stores nothing PostgreSQL would refuse."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netbioclue.text import is_storable
from organisations.models import Organisation
from tests.organisations.test_partner_pages import edit_url
from tests.raw_forms import post_any_text

pytestmark = pytest.mark.django_db

ANY_TEXT = st.text(max_size=400)  # any code point, lone surrogates and NUL included


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(description=ANY_TEXT, website=ANY_TEXT, remove_logo=ANY_TEXT)
def test_the_partner_page_form_answers_any_text(client, org, alice, description, website,
                                                remove_logo):  # fmt: skip
    client.force_login(alice)
    data = {"description": description, "website": website, "remove_logo": remove_logo}
    response = post_any_text(client, edit_url(org), data)
    assert response.status_code in (302, 400)
    saved = Organisation.objects.get(pk=org.pk)
    assert is_storable(saved.description) and is_storable(saved.website)
    if response.status_code == 400:
        assert "error" in response.content.decode().lower()


def test_the_edit_page_query_budget(client, org, alice, django_assert_num_queries):
    client.force_login(alice)
    # session, user, the membership with its organisation, the roles for the admin check
    with django_assert_num_queries(4):
        assert client.get(edit_url(org)).status_code == 200
