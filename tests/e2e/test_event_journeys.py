"""Events in the browser: a partner announces an event, a guest registers and confirms,
a full event waitlists someone who is promoted after a cancellation, the organiser
checks people in from the phone page, and a person follows a topic and gets a digest."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from events import digest
from events.models import Event, Registration, RegistrationStatus
from organisations.permissions import Role
from tests.e2e.journeys import sign_in, sign_out
from tests.events.conftest import EventFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _link(body: str, kind: str) -> str:
    return re.search(rf"https?://\S+/events/r/\S+/{kind}/", body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_a_partner_announces_an_event_and_a_guest_registers_and_confirms(page):
    org = OrganisationFactory(name="Heidelberg Technology Park", slug="htp")
    MembershipFactory(organisation=org, role=Role.EDITOR, user__email="ed@htp.example")
    sign_in(page, "ed@htp.example")
    page.goto("/events/new/")
    page.get_by_label("Title").fill("Heidelberg study visit")
    page.get_by_label("Kind").select_option("study-visit")
    page.get_by_label("Summary").fill("A day at the Technology Park's incubator.")
    page.get_by_label("Starts").fill("2031-05-06T09:30")
    page.get_by_label("Ends").fill("2031-05-06T17:00")
    page.get_by_label("Time zone").select_option("Europe/Berlin")
    page.get_by_label("Capacity").fill("2")
    page.get_by_label("Venue address").fill("Im Neuenheimer Feld 582")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Heidelberg study visit")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("button", name="Yes, publish the event").click()
    expect(page.get_by_text("The event is published.")).to_be_visible()
    event_url = page.url
    sign_out(page)

    page.goto(event_url)
    expect(page.get_by_text("Im Neuenheimer Feld 582")).to_have_count(0)
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Name", exact=True).fill("Gina Guest")
    page.get_by_label("E-mail address").fill("gina@example.com")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("confirm your address")).to_be_visible()
    confirm = _link(mail.outbox[-1].body, "confirm")
    page.goto(_path(confirm))
    expect(page.get_by_text("Your place is confirmed")).to_be_visible()
    assert Registration.objects.get(email="gina@example.com").status == "confirmed"


def test_a_full_event_waitlists_promotes_after_a_cancellation_and_checks_in(page):
    org = OrganisationFactory(slug="jic-e2e")
    MembershipFactory(organisation=org, role=Role.EDITOR, user__email="ed@jic.example")
    event = EventFactory(host=org, title="Brno matchmaking", capacity=1)
    first = UserFactory(email="first@example.org", full_name="First Person")
    second = UserFactory(email="second@example.org", full_name="Second Person")

    for person in (first, second):
        sign_in(page, person.email)
        page.goto(event.get_absolute_url())
        page.get_by_role("link", name="Register").click()
        page.get_by_role("button", name="Register").click()
        sign_out(page)
    assert Registration.objects.get(user=second).status == RegistrationStatus.WAITLISTED

    # The first person cancels from the link in their e-mail, without signing in.
    cancel = _link(next(m.body for m in mail.outbox if m.to == [first.email]), "cancel")
    page.goto(_path(cancel))
    page.get_by_role("button", name="Yes, cancel my registration").click()
    expect(page.get_by_text("Your registration is cancelled")).to_be_visible()
    offer = next(m for m in mail.outbox if m.to == [second.email] and "/accept/" in m.body)
    page.goto(_path(_link(offer.body, "accept")))
    page.get_by_role("button", name="Yes, I take the place").click()
    expect(page.get_by_text("Your place is confirmed")).to_be_visible()

    # On the day, the organiser checks the second person in from the phone page.
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in(page, "ed@jic.example")
    page.goto(f"/events/{event.slug}/checkin/")
    page.get_by_label("Name, e-mail or organisation").fill("second")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Second Person is checked in.")).to_be_visible()
    assert Registration.objects.get(user=second).checked_in_at is not None


def test_following_a_topic_then_receiving_a_digest(page):
    org = OrganisationFactory()
    reader = UserFactory(email="reader@example.org")
    sign_in(page, reader.email)
    page.goto("/events/following/")
    page.get_by_label("Follow", exact=True).select_option("topic")
    page.get_by_label("Topic").select_option("tool_type:incubator")
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.get_by_text("Followed.")).to_be_visible()

    event = EventFactory(host=org, title="Incubator managers meet", topics=["incubator"])
    Event.objects.filter(pk=event.pk).update(published_at=timezone.now())
    now = timezone.now() + datetime.timedelta(minutes=1)
    reader.digest_preference.weekday = now.weekday()
    reader.digest_preference.save()
    assert digest.send_digests(now=now)["sent"] == 1
    message = mail.outbox[-1]
    assert message.to == [reader.email] and "Incubator managers meet" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
