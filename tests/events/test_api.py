"""``/api/v1/events/``: public reads, partner writes through the services."""

import json

import pytest
from django.urls import reverse

from events.models import Event, Status
from organisations.models import ApiKeyScope
from tests.api.helpers import bearer
from tests.events.conftest import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/events/"


def _payload(**overrides):
    data = {
        "title": "Matchmaking in Brno",
        "kind": "partnering",
        "summary": "B2B meetings for medtech start-ups.",
        "starts_at": "2031-06-10T09:00:00+02:00",
        "ends_at": "2031-06-10T17:00:00+02:00",
        "timezone": "Europe/Prague",
        "topics": ["events"],
        "venue_address": "Purkyňova 649/127, Brno",
        "capacity": 40,
    }
    data.update(overrides)
    return data


def test_the_list_is_public_and_hides_drafts_registrations_and_venue(api_client, org):
    event = EventFactory(host=org)
    RegistrationFactory(event=event, email="secret@example.com")
    EventFactory(host=org, draft=True, title="Hidden draft")
    response = api_client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    (item,) = response.json()["results"]
    assert item["slug"] == event.slug and item["host"]["slug"] == org.slug
    assert item["starts_at"].endswith("Z") and item["timezone"] == "Europe/Berlin"
    for secret in ("secret@example.com", "Hidden draft", event.venue_address, "registrations"):
        assert secret not in body


def test_filters_are_the_calendars_and_bad_values_are_400(api_client, org):
    EventFactory(host=org, kind="webinar", title="Web")
    EventFactory(host=org, kind="workshop", title="Work")
    assert [e["title"] for e in api_client.get(LIST, {"kind": "webinar"}).json()["results"]] == [
        "Web"
    ]
    assert api_client.get(LIST, {"kind": "party"}).status_code == 400
    assert api_client.get(LIST, {"when": "someday"}).status_code == 400
    assert api_client.get(LIST, {"knd": "webinar"}).status_code == 400


def test_a_write_key_creates_publishes_and_edits_its_organisations_events(api_client, key_for, org):
    key = key_for(org, ApiKeyScope.WRITE)
    response = api_client.post(LIST, _payload(), format="json", headers=bearer(key))
    assert response.status_code == 201, response.content
    slug = response.json()["slug"]
    assert response.json()["status"] == Status.DRAFT
    assert response.json()["venue_address"] == "Purkyňova 649/127, Brno"  # its own event
    event = Event.objects.get(slug=slug)
    assert event.host == org and event.starts_at.isoformat() == "2031-06-10T07:00:00+00:00"
    # Anonymous readers do not see the draft.
    assert api_client.get(f"{LIST}{slug}/").status_code == 404
    response = api_client.post(f"{LIST}{slug}/publish/", headers=bearer(key))
    assert response.status_code == 200 and response.json()["status"] == "published"
    response = api_client.patch(
        f"{LIST}{slug}/", {"capacity": 50}, format="json", headers=bearer(key)
    )
    assert response.status_code == 200 and response.json()["capacity"] == 50
    response = api_client.post(f"{LIST}{slug}/publish/", headers=bearer(key))
    assert response.status_code == 409
    public = api_client.get(f"{LIST}{slug}/").json()
    assert "venue_address" not in public


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("anonymous", 401), ("read_key", 403), ("other_write_key", 403), ("write_key", 200)],
)
def test_permission_matrix_for_editing(api_client, key_for, org, other_org, actor, expected):
    event = EventFactory(host=org)
    headers = {}
    if actor == "read_key":
        headers = bearer(key_for(org, ApiKeyScope.READ))
    elif actor == "other_write_key":
        headers = bearer(key_for(other_org, ApiKeyScope.WRITE))
    elif actor == "write_key":
        headers = bearer(key_for(org, ApiKeyScope.WRITE))
    response = api_client.patch(
        f"{LIST}{event.slug}/", {"price_note": "Free"}, format="json", headers=headers
    )
    assert response.status_code == expected
    response = api_client.post(f"{LIST}{event.slug}/cancel/", headers=headers)
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("actor", "expected"),
    # Drafts are for those who edit (as bob, a plain member, on the portal): a read key no.
    [("anonymous", 404), ("read_key", 404), ("other_write_key", 404), ("write_key", 200)],
)
def test_permission_matrix_for_drafts(api_client, key_for, org, other_org, actor, expected):
    draft = EventFactory(host=org, draft=True)
    headers = {}
    if actor == "read_key":
        headers = bearer(key_for(org, ApiKeyScope.READ))
    elif actor == "other_write_key":
        headers = bearer(key_for(other_org, ApiKeyScope.WRITE))
    elif actor == "write_key":
        headers = bearer(key_for(org, ApiKeyScope.WRITE))
    assert api_client.get(f"{LIST}{draft.slug}/", headers=headers).status_code == expected


def test_a_key_cannot_create_for_another_organisation(api_client, key_for, org, other_org):
    key = key_for(org, ApiKeyScope.WRITE)
    response = api_client.post(
        LIST, _payload(host=other_org.slug), format="json", headers=bearer(key)
    )
    assert response.status_code == 403


def test_bad_input_is_a_400_never_a_500(api_client, key_for, org):
    key = key_for(org, ApiKeyScope.WRITE)
    for bad in (
        _payload(timezone="Mars/Olympus"),
        _payload(title="nul\x00"),
        _payload(ends_at="2031-06-10T08:00:00+02:00"),
        _payload(kind="party"),
        _payload(country="XX"),
        _payload(questions=["ok", "\ud800"]),
    ):
        response = api_client.post(
            LIST, json.dumps(bad), content_type="application/json", headers=bearer(key)
        )
        assert response.status_code == 400, (bad, response.content)


def test_list_and_detail_cost_the_same_for_1_and_25_events(
    api_client, org, django_assert_num_queries
):
    EventFactory(host=org)
    # events joined with host and cluster; their co-hosts
    # (+1: the rate-limit counter, one upsert; none with Redis.)
    with django_assert_num_queries(3):
        api_client.get(LIST)
    EventFactory.create_batch(24, host=org)
    with django_assert_num_queries(3):
        response = api_client.get(LIST, {"page_size": 25})
    assert len(response.json()["results"]) == 25
    event = Event.objects.first()
    # the event with host and cluster; its co-hosts; the rate-limit counter
    with django_assert_num_queries(3):
        api_client.get(f"{LIST}{event.slug}/")


def test_open_data_streams_public_events_only(client, org):
    event = EventFactory(host=org, title="=cmd")
    RegistrationFactory(event=event, email="secret@example.com")
    EventFactory(host=org, draft=True, title="Draft")
    jsonl = b"".join(client.get(reverse("open-data-events-jsonl")).streaming_content).decode()
    lines = [json.loads(line) for line in jsonl.splitlines()]
    assert lines[0]["metadata"]["licence"] == "CC BY 4.0"
    assert [row["slug"] for row in lines[1:]] == [event.slug]
    csv_body = b"".join(client.get(reverse("open-data-events-csv")).streaming_content).decode()
    assert "'=cmd" in csv_body and "Draft" not in csv_body
    for body in (jsonl, csv_body):
        assert "secret@example.com" not in body and event.venue_address not in body
