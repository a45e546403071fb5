"""Property-based tests of the events HTML forms (issue 10, point 10), with Hypothesis.

Whatever is typed (any Unicode, NUL, lone surrogates as a browser sends them, numbers
out of range): every form answers with a page (a form error or the result), never a
500, and what was typed stays on screen when the form is refused.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.events.conftest import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PROPERTIES = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ANY_TEXT = st.text(max_size=300)  # any code point: NUL and lone surrogates included
NUMBERISH = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", " ", "0", "-1", "1e9", "٣", "NaN", "9" * 5000, "1.5", "0x10"]),
    ANY_TEXT,
)
OK = (200, 302, 400, 409)


def _sent(text: str) -> str:
    """What an HTML form can carry: UTF-8, so a lone surrogate arrives as U+FFFD."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _kept(text: str, page: str) -> bool:
    """The typed text is on the page (inputs keep it; NUL is refused, not echoed)."""
    text = text.strip()
    return not text or "\x00" in text or escape(text) in page or escape(text).strip() in page


@pytest.fixture
def open_event(org):
    return EventFactory(host=org, questions=["Dietary needs?"], capacity=None)


@PROPERTIES
@given(name=ANY_TEXT, email=ANY_TEXT, organisation=ANY_TEXT, country=ANY_TEXT, answer=ANY_TEXT)
def test_the_guest_registration_form_answers_anything(
    client, open_event, name, email, organisation, country, answer
):
    data = {
        "name": _sent(name),
        "email": _sent(email),
        "organisation_name": _sent(organisation),
        "country": _sent(country),
        "answer_0": _sent(answer),
        "consent_to_share": "on",
    }
    response = client.post(reverse("events:register", args=[open_event.slug]), data)
    assert response.status_code in OK
    if response.status_code == 400:
        page = response.content.decode()
        assert _kept(data["name"], page) and _kept(data["organisation_name"], page)


@PROPERTIES
@given(title=ANY_TEXT, summary=ANY_TEXT, venue=ANY_TEXT, capacity=NUMBERISH, lat=NUMBERISH,
       start=ANY_TEXT, zone=ANY_TEXT)  # fmt: skip
def test_the_event_form_answers_anything(
    client, editor, org, title, summary, venue, capacity, lat, start, zone
):
    client.force_login(editor)
    data = {
        "host": org.pk,
        "title": _sent(title),
        "kind": "workshop",
        "summary": _sent(summary),
        "language": "en",
        "timezone": _sent(zone) if zone else "Europe/Berlin",
        "starts_at": _sent(start) or "2031-07-01T09:30",
        "ends_at": "2031-07-01T17:00",
        "venue_name": _sent(venue),
        "capacity": _sent(capacity),
        "latitude": _sent(lat),
        "longitude": "8.5",
    }
    response = client.post(reverse("events:create"), data)
    assert response.status_code in OK
    if response.status_code == 400:
        page = response.content.decode()
        assert _kept(data["title"], page) and _kept(data["summary"], page)


@PROPERTIES
@given(subject=ANY_TEXT, body=ANY_TEXT)
def test_the_message_form_answers_anything(client, editor, org, subject, body):
    client.force_login(editor)
    event = EventFactory(host=org)
    data = {"subject": _sent(subject), "body": _sent(body)}
    response = client.post(reverse("events:message", args=[event.slug]), data)
    assert response.status_code in OK
    if response.status_code == 400:
        assert _kept(data["subject"], response.content.decode())


@PROPERTIES
@given(note=ANY_TEXT, links=ANY_TEXT, practice=NUMBERISH)
def test_the_outcome_form_answers_anything(client, editor, org, note, links, practice):
    client.force_login(editor)
    moment = timezone.now() - datetime.timedelta(days=3)
    event = EventFactory(host=org, starts_at=moment, ends_at=moment + datetime.timedelta(hours=2))
    data = {
        "outcome_note": _sent(note),
        "outcome_links": _sent(links),
        "outcome_practices": _sent(practice),
    }
    response = client.post(reverse("events:outcome", args=[event.slug]), data)
    assert response.status_code in OK


@PROPERTIES
@given(query=ANY_TEXT, registration=NUMBERISH)
def test_check_in_answers_any_search_and_any_registration(client, editor, org, query, registration):
    client.force_login(editor)
    event = EventFactory(host=org)
    RegistrationFactory(event=event, name="Ada Lovelace")
    url = reverse("events:checkin", args=[event.slug])
    assert client.get(url, {"q": _sent(query)}).status_code == 200
    response = client.post(url, {"registration": _sent(registration), "q": _sent(query)})
    assert response.status_code in OK


@PROPERTIES
@given(kind=ANY_TEXT, topic=ANY_TEXT, search=ANY_TEXT, remove=NUMBERISH, target=ANY_TEXT)
def test_the_follow_form_answers_anything(client, alice, kind, topic, search, remove, target):
    client.force_login(alice)
    url = reverse("events:follow")
    data = {"kind": _sent(kind), "topic": _sent(topic), "search": _sent(search)}
    assert client.post(url, {**data, "next": _sent(target)}).status_code in OK
    assert client.post(url, {"remove": _sent(remove)}).status_code in OK


@PROPERTIES
@given(
    params=st.dictionaries(
        st.sampled_from(["kind", "topic", "language", "country", "online", "organisation",
                         "cluster", "page"]),
        ANY_TEXT,
        max_size=4,
    )
)  # fmt: skip
def test_calendar_pages_and_feeds_answer_any_filter(client, params):
    sent = {name: _sent(value) for name, value in params.items()}
    for url in (
        reverse("events:index"),
        reverse("events:month", args=[2031, 3]),
        reverse("events:day", args=[2031, 3, 12]),
        reverse("events:archive"),
        reverse("events:feed_ics"),
        reverse("events:feed_atom"),
    ):
        assert client.get(url, sent).status_code in (200, 400), url
