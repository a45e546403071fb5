"""Permission matrix of every event page: (method, page, actor) -> status.

Actors: anonymous (also what a guest registrant is: they have no account), a
registrant with an account, bob (plain member of the host), the host's editor,
charlie (another organisation's admin) and the coordinator. Outsiders get 404 for
drafts and organiser pages (no leak that they exist); anonymous people are sent to
sign in for organiser pages.
"""

import pytest
from django.urls import reverse

from tests.events.conftest import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ORGANISER_PAGES = ["edit", "attendees", "attendees_csv", "message", "checkin", "outcome"]
ACTORS = ["anonymous", "registrant", "bob", "editor", "charlie", "coordinator"]
MANAGERS = {"editor", "coordinator"}


@pytest.fixture
def actors(bob, editor, charlie, coordinator):
    return {
        "anonymous": None,
        "registrant": UserFactory(email="registrant@example.org"),
        "bob": bob,
        "editor": editor,
        "charlie": charlie,
        "coordinator": coordinator,
    }


def _client(client, actors, actor):
    if actors[actor] is not None:
        client.force_login(actors[actor])
    return client


def _expected_for_organiser_page(actor):
    if actor == "anonymous":
        return 302
    return 200 if actor in MANAGERS else 404


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_organiser_pages(client, actors, actor, page, org):
    event = EventFactory(host=org)
    RegistrationFactory(event=event, user=actors["registrant"], email="registrant@example.org")
    response = _client(client, actors, actor).get(reverse(f"events:{page}", args=[event.slug]))
    assert response.status_code == _expected_for_organiser_page(actor)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("page", ["detail", "ics", "register"])
def test_drafts_are_hidden_from_outsiders(client, actors, actor, page, org):
    draft = EventFactory(host=org, draft=True)
    response = _client(client, actors, actor).get(reverse(f"events:{page}", args=[draft.slug]))
    assert response.status_code == (200 if actor in MANAGERS else 404)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("page", ["detail", "ics", "register"])
def test_published_events_are_public(client, actors, actor, page, org):
    event = EventFactory(host=org)
    response = _client(client, actors, actor).get(reverse(f"events:{page}", args=[event.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("anonymous", 302), ("registrant", 404), ("bob", 404), ("editor", 302),
     ("charlie", 404), ("coordinator", 302)],
)  # fmt: skip
def test_publishing(client, actors, actor, expected, org):
    draft = EventFactory(host=org, draft=True)
    response = _client(client, actors, actor).post(
        reverse("events:publish", args=[draft.slug]), {"confirmed": "yes"}
    )
    assert response.status_code == expected
    draft.refresh_from_db()
    assert draft.is_published == (actor in MANAGERS)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("anonymous", 302), ("registrant", 404), ("bob", 404), ("editor", 302),
     ("charlie", 404), ("coordinator", 302)],
)  # fmt: skip
def test_cancelling(client, actors, actor, expected, org):
    event = EventFactory(host=org)
    response = _client(client, actors, actor).post(
        reverse("events:cancel", args=[event.slug]), {"confirmed": "yes"}
    )
    assert response.status_code == expected
    event.refresh_from_db()
    assert event.is_cancelled == (actor in MANAGERS)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("anonymous", 302), ("registrant", 404), ("bob", 404), ("editor", 200),
     ("charlie", 200), ("coordinator", 200)],
)  # fmt: skip
def test_announcing_an_event(client, actors, actor, expected):
    # charlie may announce events, for his own organisation only (the host choices).
    response = _client(client, actors, actor).get(reverse("events:create"))
    assert response.status_code == expected


def test_the_host_choices_are_the_persons_organisations(client, charlie, org, other_org):
    client.force_login(charlie)
    response = client.post(reverse("events:create"), {"host": org.pk, "title": "x"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_a_registrant_cancels_only_their_own_registration(client, actors, org):
    event = EventFactory(host=org)
    mine = RegistrationFactory(
        event=event, user=actors["registrant"], email="registrant@example.org"
    )
    client.force_login(actors["registrant"])
    assert (
        client.post(
            reverse("events:my_cancel", args=[event.slug]), {"confirmed": "yes"}
        ).status_code
        == 302
    )
    mine.refresh_from_db()
    assert mine.status == "cancelled"
    client.force_login(actors["bob"])
    assert (
        client.post(
            reverse("events:my_cancel", args=[event.slug]), {"confirmed": "yes"}
        ).status_code
        == 404
    )
