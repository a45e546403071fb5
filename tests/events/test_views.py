import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import tokens
from events.models import Event, Registration, RegistrationStatus, Status
from tests.events.conftest import EventFactory, RegistrationFactory
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_the_calendar_lists_upcoming_events_and_says_events_are_not_moderated(client, event):
    response = client.get(reverse("events:index"))
    assert response.status_code == 200
    assert event.title in response.text
    assert "without prior moderation" in response.text


def test_filters_narrow_the_list_and_a_bad_value_is_a_400_page(client, org):
    EventFactory(
        host=org,
        title="Berlin webinar",
        kind="webinar",
        is_online=True,
        online_url="https://meet.example.org/x",
    )
    EventFactory(host=org, title="Szeged workshop", kind="workshop", country="HU")
    text = client.get(reverse("events:index"), {"kind": "webinar"}).text
    assert "Berlin webinar" in text and "Szeged workshop" not in text
    text = client.get(reverse("events:index"), {"country": "HU", "online": "no"}).text
    assert "Szeged workshop" in text and "Berlin webinar" not in text
    response = client.get(reverse("events:index"), {"kind": "picnic"})
    assert response.status_code == 400 and "picnic" in response.text


def test_the_month_view_places_events_on_their_days(client, org):
    start = datetime.datetime(2031, 3, 12, 9, tzinfo=datetime.UTC)
    EventFactory(
        host=org, title="March meeting", starts_at=start, ends_at=start + datetime.timedelta(days=1)
    )
    response = client.get(reverse("events:month", args=[2031, 3]))
    assert response.status_code == 200 and "March meeting" in response.text
    assert client.get(reverse("events:month", args=[2031, 13])).status_code == 404


def test_the_archive_shows_outcomes_and_practices(client, org):
    start = timezone.now() - datetime.timedelta(days=10)
    past = EventFactory(
        host=org,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        outcome_note="Three practices came out of it.",
    )
    practice = PracticeFactory(owner=org, published=True, title="Shared incubator")
    past.outcome_practices.add(practice)
    text = client.get(reverse("events:archive")).text
    assert past.title in text and "Three practices" in text and "Shared incubator" in text
    detail = client.get(past.get_absolute_url()).text
    assert "Past" in detail and "Shared incubator" in detail


def test_the_venue_address_is_for_registered_people(client, event, bob):
    assert event.venue_address not in client.get(event.get_absolute_url()).text
    RegistrationFactory(event=event, user=bob, email=bob.email)
    client.force_login(bob)
    assert event.venue_address in client.get(event.get_absolute_url()).text


def test_a_guest_registers_confirms_by_link_and_cancels_without_signing_in(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:register", args=[event.slug]),
            {"name": "Gina Guest", "email": "gina@example.com", "country": "IT"},
        )
    assert response.status_code == 200 and "confirm your address" in response.text
    registration = Registration.objects.get(email="gina@example.com")
    assert registration.status == RegistrationStatus.PENDING
    confirm = reverse(
        "events:registration_confirm", args=[tokens.make_token(registration, tokens.CONFIRM)]
    )
    assert confirm in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(confirm).status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    cancel = reverse(
        "events:registration_cancel", args=[tokens.make_token(registration, tokens.CANCEL)]
    )
    assert client.get(cancel).status_code == 200  # asks only
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert client.post(cancel).status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert client.post(cancel).status_code == 200  # twice: still a clear page


@pytest.mark.parametrize("token", ["forged", "a" * 300, "eyJ9:1abc:def", "%00"])
def test_forged_links_get_a_clear_page(client, token):
    for name in ("registration_confirm", "registration_cancel", "registration_accept"):
        response = client.get(reverse(f"events:{name}", args=[token]))
        assert response.status_code == 400
        assert "not valid" in response.text


def test_an_expired_confirmation_link_says_so(client, event, settings):
    registration = RegistrationFactory(event=event, status=RegistrationStatus.PENDING)
    token = tokens.make_token(registration, tokens.CONFIRM)
    later = timezone.now() + tokens.CONFIRM_MAX_AGE + datetime.timedelta(hours=1)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.get(reverse("events:registration_confirm", args=[token]))
    assert response.status_code == 400 and "expired" in response.text


def test_a_link_for_one_purpose_does_not_serve_another(client, event):
    registration = RegistrationFactory(event=event)
    token = tokens.make_token(registration, tokens.CONFIRM)
    response = client.post(reverse("events:registration_cancel", args=[token]))
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_registration_problems_are_clear_pages_that_keep_the_typed_text(client, org, event):
    data = {"name": "Gina Ünïcode", "email": "gina@example.com", "organisation_name": "Biocat"}
    RegistrationFactory(event=event, email="gina@example.com")
    response = client.post(reverse("events:register", args=[event.slug]), data)
    assert response.status_code == 400
    assert "already registered" in response.text and "Gina Ünïcode" in response.text
    closed = EventFactory(host=org, registration_closes_at=timezone.now() - datetime.timedelta(1))
    response = client.post(reverse("events:register", args=[closed.slug]), data)
    assert response.status_code == 400 and "closed" in response.text
    cancelled = EventFactory(host=org, status=Status.CANCELLED)
    response = client.post(reverse("events:register", args=[cancelled.slug]), data)
    assert response.status_code == 400 and "cancelled" in response.text
    response = client.post(
        reverse("events:register", args=[event.slug]),
        {**data, "email": "x@example.com", "name": "Bad\x00name"},
    )
    assert response.status_code == 400 and "cannot be stored" in response.text


def test_an_editor_creates_an_event_in_its_local_time(client, editor, org):
    client.force_login(editor)
    response = client.post(
        reverse("events:create"),
        {
            "host": org.pk,
            "title": "Aarhus study visit",
            "kind": "study-visit",
            "summary": "Visit INCUBA.",
            "language": "en",
            "timezone": "Europe/Copenhagen",
            "starts_at": "2031-07-01T09:30",
            "ends_at": "2031-07-01T17:00",
            "topics": ["incubator"],
        },
    )
    assert response.status_code == 302, response.text
    event = Event.objects.get(title="Aarhus study visit")
    assert event.status == Status.DRAFT
    assert event.starts_at == datetime.datetime(2031, 7, 1, 7, 30, tzinfo=datetime.UTC)


def test_the_event_form_keeps_typed_text_on_error(client, editor, org):
    client.force_login(editor)
    response = client.post(
        reverse("events:create"),
        {
            "host": org.pk,
            "title": "Lost title?",
            "kind": "workshop",
            "summary": "Kept summary",
            "language": "en",
            "timezone": "Europe/Berlin",
            "starts_at": "2031-07-01T09:30",
            "ends_at": "2031-07-01T08:00",
        },
    )
    assert response.status_code == 400
    assert "Lost title?" in response.text and "Kept summary" in response.text
    assert "must end after it starts" in response.text


def test_a_time_skipped_by_the_spring_dst_change_is_refused(client, editor, org):
    client.force_login(editor)
    response = client.post(
        reverse("events:create"),
        {
            "host": org.pk,
            "title": "DST",
            "kind": "workshop",
            "summary": "s",
            "language": "en",
            "timezone": "Europe/Berlin",
            "starts_at": "2031-03-30T02:30",
            "ends_at": "2031-03-30T05:00",
        },
    )
    assert response.status_code == 400 and "does not exist" in response.text


def test_organisers_check_in_from_a_search(client, editor, event):
    registration = RegistrationFactory(event=event, name="Zdeněk Novák", organisation_name="JIC")
    client.force_login(editor)
    page = client.get(reverse("events:checkin", args=[event.slug]), {"q": "novák"})
    assert "Zdeněk Novák" in page.text
    for _ in range(2):  # idempotent
        response = client.post(
            reverse("events:checkin", args=[event.slug]), {"registration": registration.pk}
        )
        assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    bad = client.post(reverse("events:checkin", args=[event.slug]), {"registration": "x"})
    assert bad.status_code == 302


def test_the_attendee_csv_neutralises_formulas(client, editor, event):
    event.questions = ["Diet?"]
    event.save()
    RegistrationFactory(event=event, name="=HYPERLINK(1)", answers=["vegan"])
    client.force_login(editor)
    response = client.get(reverse("events:attendees_csv", args=[event.slug]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in body and "Diet?" in body and "vegan" in body


def test_a_time_repeated_by_the_autumn_dst_change_is_its_first_occurrence(client, editor, org):
    client.force_login(editor)
    response = client.post(
        reverse("events:create"),
        {
            "host": org.pk,
            "title": "Fall back",
            "kind": "workshop",
            "summary": "s",
            "language": "en",
            "timezone": "Europe/Berlin",
            "starts_at": "2031-10-26T02:30",
            "ends_at": "2031-10-26T05:00",
        },
    )
    assert response.status_code == 302, response.text
    event = Event.objects.get(title="Fall back")
    # 02:30 CEST (UTC+2) is the first 02:30 of that night; 05:00 is CET (UTC+1).
    assert event.starts_at == datetime.datetime(2031, 10, 26, 0, 30, tzinfo=datetime.UTC)
    assert event.ends_at == datetime.datetime(2031, 10, 26, 4, 0, tzinfo=datetime.UTC)
    assert (event.ends_at - event.starts_at) == datetime.timedelta(hours=3, minutes=30)
