"""iCalendar output (RFC 5545) with the ``icalendar`` library.

One ``VEVENT`` per event, times in the event's own zone (``TZID``) with the matching
``VTIMEZONE`` built from the IANA database (``Calendar.add_missing_timezones``), so a
calendar shows 09:30 in Heidelberg whatever the subscriber's zone, across DST changes.
``UID`` is made from the primary key (stable across edits and slug changes);
``SEQUENCE`` is the event's ``sequence``, raised by the services on every change a
calendar cares about; a cancelled event is ``STATUS:CANCELLED``. The venue address and
the online link are never in the public files: they are for registered people only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import lru_cache

import icalendar
from django.conf import settings

from events.models import Event, Status

PRODID = "-//NETBIOCLUE//Events//EN"
# VTIMEZONE definitions cover these years: enough for the archive and the future.
_TZ_FIRST = datetime.date(2000, 1, 1)
_TZ_LAST = datetime.date(2040, 1, 1)


@lru_cache(maxsize=64)
def _vtimezone(name: str) -> bytes:
    # Building a VTIMEZONE walks the zone's transitions; a feed repeats few zones.
    return icalendar.Timezone.from_tzid(name, first_date=_TZ_FIRST, last_date=_TZ_LAST).to_ical()


def _vevent(event: Event) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    vevent.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    vevent.add("dtstart", event.local_starts_at)
    vevent.add("dtend", event.local_ends_at)
    vevent.add("summary", event.title)
    vevent.add("description", event.summary)
    vevent.add("url", settings.SITE_URL + event.get_absolute_url())
    vevent.add("categories", [event.get_kind_display()])
    vevent.add(
        "organizer",
        f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}",
        parameters={"cn": event.host.name},
    )
    if event.is_online:
        vevent.add("location", "Online")
    else:
        location = ", ".join(
            part for part in (event.venue_name, event.city, event.country.name) if part
        )
        if location:
            vevent.add("location", location)
    if event.status == Status.CANCELLED:
        vevent.add("status", "CANCELLED")
    else:
        vevent.add("status", "CONFIRMED")
    return vevent


def calendar_bytes(events: Iterable[Event], *, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per event and one VTIMEZONE per zone used."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    zones: set[str] = set()
    for event in events:
        calendar.add_component(_vevent(event))
        zones.add(event.timezone)
    for zone in sorted(zones):
        calendar.add_component(icalendar.Timezone.from_ical(_vtimezone(zone)))
    return calendar.to_ical()
