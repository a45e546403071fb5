"""The events admin: read-only records whose actions call the services."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from events.models import Status
from tests.events.conftest import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:events_event_changelist"


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_changelist_and_a_read_only_event_page(admin_client, org):
    event = EventFactory(host=org)
    RegistrationFactory(event=event, name="Listed Person")
    assert admin_client.get(reverse(CHANGELIST)).status_code == 200
    page = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert page.status_code == 200 and "Listed Person" in page.text
    assert page.context["adminform"].form.fields == {}
    assert admin_client.get(reverse("admin:events_event_add")).status_code == 403


def test_actions_call_the_services_and_report_refusals(admin_client, org):
    draft = EventFactory(host=org, draft=True)
    published = EventFactory(host=org)
    response = admin_client.post(
        reverse(CHANGELIST),
        {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [draft.pk, published.pk]},
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    text = response.text
    assert "1 event(s) published" in text and "not possible" in text
    admin_client.post(
        reverse(CHANGELIST), {"action": "cancel", helpers.ACTION_CHECKBOX_NAME: [published.pk]}
    )
    published.refresh_from_db()
    assert published.status == Status.CANCELLED
