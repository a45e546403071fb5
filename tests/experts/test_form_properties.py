"""The experts HTML forms answer any input with a page or a form error, never a 500,
and never store what PostgreSQL cannot (Hypothesis: any code point, NUL and lone
surrogates included, in every text field at once)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from experts.models import ExpertiseRequest, ExpertProfile
from netbioclue.confirm import CONFIRM_FIELD, CONFIRM_VALUE
from netbioclue.text import is_storable
from tests.factories import UserFactory
from tests.raw_forms import post_any_text

pytestmark = pytest.mark.django_db

PROPERTIES = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANY_TEXT = st.text(max_size=300)  # any code point, surrogates and NUL included
EXPERT_TEXT = ("name", "headline", "bio", "organisation_name", "languages", "links",
               "capacity", "not_available_until", "country")  # fmt: skip
REQUEST_TEXT = ("title", "description", "deadline", "experts_wanted", "cluster_country",
                "stage", "format")  # fmt: skip


def _stored_cleanly():
    for expert in ExpertProfile.objects.all():
        assert all(is_storable(getattr(expert, f)) for f in ("name", "headline", "bio"))
    for request in ExpertiseRequest.objects.all():
        assert is_storable(request.title) and is_storable(request.description)


@PROPERTIES
@given(values=st.fixed_dictionaries(dict.fromkeys(EXPERT_TEXT, ANY_TEXT)))
def test_the_application_form_answers_any_text(client, values):
    client.force_login(UserFactory())
    response = post_any_text(client, reverse("experts:apply"), {**values, "consent": "on"})
    assert response.status_code in (302, 400)
    _stored_cleanly()


@PROPERTIES
@given(values=st.fixed_dictionaries(dict.fromkeys((*EXPERT_TEXT, "email"), ANY_TEXT)))
def test_the_proposal_form_answers_any_text(client, org, alice, values):
    client.force_login(alice)
    response = post_any_text(client, reverse("experts:propose"), {**values, "organisation": org.pk})
    assert response.status_code in (302, 400)
    _stored_cleanly()


@PROPERTIES
@given(values=st.fixed_dictionaries(dict.fromkeys(REQUEST_TEXT, ANY_TEXT)))
def test_the_request_form_answers_any_text(client, values):
    client.force_login(UserFactory())
    response = post_any_text(client, reverse("experts:request_create"), values)
    assert response.status_code in (302, 400)
    _stored_cleanly()


@PROPERTIES
@given(reason=ANY_TEXT, decision=ANY_TEXT)
def test_the_rejection_form_answers_any_text(client, coordinator, reason, decision):
    from tests.experts.factories import ExpertFactory

    expert = ExpertFactory(status="applied")
    client.force_login(coordinator)
    url = reverse("experts:decide", kwargs={"pk": expert.pk})
    # Confirmed, as the confirmation page would post it (netbioclue.confirm).
    confirmed = {"decision": decision, "reason": reason, CONFIRM_FIELD: CONFIRM_VALUE}
    response = post_any_text(client, url, confirmed)
    assert response.status_code == 302
