"""iCalendar output, parsed back with ``icalendar``."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from events import services
from tests.events.conftest import EventFactory

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _vevents(calendar):
    return list(calendar.walk("VEVENT"))


def test_an_event_downloads_with_its_zone_a_stable_uid_and_a_rising_sequence(client, org, editor):
    start = datetime.datetime(2031, 5, 6, 9, 30, tzinfo=BERLIN)
    event = EventFactory(host=org, starts_at=start, ends_at=start + datetime.timedelta(hours=7))
    first = _parse(client.get(reverse("events:ics", args=[event.slug])))
    (vevent,) = _vevents(first)
    assert [tz["TZID"] for tz in first.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert vevent.decoded("dtstart") == start
    assert vevent["dtstart"].params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("dtstart").astimezone(datetime.UTC).hour == 7
    assert vevent["status"] == "CONFIRMED"
    assert event.venue_address not in first.to_ical().decode()  # for registrants only
    uid, sequence = str(vevent["uid"]), int(vevent["sequence"])

    services.event_update(
        event=event, by=editor, data={"title": "Renamed", "ends_at": event.ends_at}
    )
    event.refresh_from_db()
    (vevent,) = _vevents(_parse(client.get(reverse("events:ics", args=[event.slug]))))
    assert str(vevent["uid"]) == uid
    assert int(vevent["sequence"]) == sequence + 1
    assert str(vevent["summary"]) == "Renamed"

    services.event_cancel(event=event, by=editor)
    (vevent,) = _vevents(_parse(client.get(reverse("events:ics", args=[event.slug]))))
    assert vevent["status"] == "CANCELLED"
    assert int(vevent["sequence"]) == sequence + 2


def test_times_across_a_dst_change_keep_their_wall_clock(client, org):
    # The Saturday before and the Monday after Europe's spring change (30 March 2031).
    before = datetime.datetime(2031, 3, 29, 10, 0, tzinfo=BERLIN)
    after = datetime.datetime(2031, 3, 31, 10, 0, tzinfo=BERLIN)
    EventFactory(
        host=org, title="Before", starts_at=before, ends_at=before + datetime.timedelta(hours=2)
    )
    EventFactory(
        host=org, title="After", starts_at=after, ends_at=after + datetime.timedelta(hours=2)
    )
    calendar = _parse(client.get(reverse("events:feed_ics")))
    by_title = {str(v["summary"]): v for v in _vevents(calendar)}
    assert by_title["Before"].decoded("dtstart").astimezone(datetime.UTC).hour == 9  # CET
    assert by_title["After"].decoded("dtstart").astimezone(datetime.UTC).hour == 8  # CEST
    for vevent in by_title.values():
        assert vevent.decoded("dtstart").astimezone(BERLIN).hour == 10
    # The VTIMEZONE carries both offsets, so any client can resolve the change.
    (vtimezone,) = calendar.walk("VTIMEZONE")
    offsets = {str(c["TZOFFSETTO"].to_ical()) for c in vtimezone.subcomponents}
    assert {"+0100", "+0200"} <= offsets


def test_the_feed_takes_the_calendar_filters_and_one_vtimezone_per_zone(client, org, other_org):
    EventFactory(
        host=org, title="Webinar", kind="webinar", timezone="America/New_York", country="US"
    )
    EventFactory(
        host=other_org, title="Workshop", kind="workshop", country="CZ", topics=["funding"]
    )
    EventFactory(host=org, title="Draft", draft=True)
    everything = _parse(client.get(reverse("events:feed_ics")))
    assert sorted(str(v["summary"]) for v in _vevents(everything)) == ["Webinar", "Workshop"]
    assert sorted(tz["TZID"] for tz in everything.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/Berlin",
    ]
    for query, expected in [
        ({"kind": "webinar"}, ["Webinar"]),
        ({"country": "CZ"}, ["Workshop"]),
        ({"topic": "funding"}, ["Workshop"]),
        ({"organisation": other_org.slug}, ["Workshop"]),
    ]:
        calendar = _parse(client.get(reverse("events:feed_ics"), query))
        assert [str(v["summary"]) for v in _vevents(calendar)] == expected, query
    assert client.get(reverse("events:feed_ics"), {"kind": "party"}).status_code == 400


def test_co_hosted_events_are_in_the_co_hosts_feed(client, org, other_org):
    event = EventFactory(host=org, title="Joint")
    event.co_hosts.add(other_org)
    calendar = _parse(client.get(reverse("events:feed_ics"), {"organisation": other_org.slug}))
    assert [str(v["summary"]) for v in _vevents(calendar)] == ["Joint"]
