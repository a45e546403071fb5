"""Time windows read through indexes (issue 10, point 9) give the same answers as a
full scan: events in progress for months, a month with more events than a page holds,
feeds whose window moves."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events import selectors
from events.models import Event, Status
from tests.events.conftest import EventFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2031, 3, 10, 12, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def _event(org, starts, ends, **kwargs):
    return EventFactory(host=org, starts_at=starts, ends_at=ends, **kwargs)


def test_upcoming_is_every_event_that_has_not_ended_in_order_of_start(org):
    long_running = _event(org, NOW - 200 * DAY, NOW + 10 * DAY, title="Half-year training")
    ended = _event(org, NOW - 100 * DAY, NOW - 99 * DAY)
    just_ended = _event(org, NOW - 2 * HOUR, NOW)
    in_progress = _event(org, NOW - HOUR, NOW + HOUR)
    later = [_event(org, NOW + n * DAY, NOW + n * DAY + HOUR) for n in (3, 1, 2)]

    upcoming = list(Event.objects.upcoming(NOW).order_by("starts_at", "id"))

    assert upcoming == [long_running, in_progress, later[1], later[2], later[0]]
    assert ended not in upcoming and just_ended not in upcoming
    # The same set as the plain definition, whatever the bound.
    assert set(upcoming) == set(Event.objects.filter(ends_at__gt=NOW))


def test_past_is_every_event_that_has_ended_newest_first(org):
    ended = [_event(org, NOW - n * DAY, NOW - n * DAY + HOUR) for n in (5, 1, 3)]
    _event(org, NOW - HOUR, NOW + HOUR)
    _event(org, NOW + DAY, NOW + DAY + HOUR)

    assert list(Event.objects.past(NOW).order_by("-starts_at")) == [ended[1], ended[2], ended[0]]


def test_the_list_shows_an_event_in_progress_since_months(client, org):
    _event(org, timezone.now() - 90 * DAY, timezone.now() + DAY, title="Season-long programme")
    response = client.get(reverse("events:index"))
    assert "Season-long programme" in response.content.decode()


def test_a_month_view_shows_a_few_events_a_day_and_links_to_the_rest(client, org):
    paris = zoneinfo.ZoneInfo("Europe/Brussels")
    busy = datetime.datetime(2031, 3, 12, 9, tzinfo=paris)
    for n in range(selectors.PER_DAY + 3):
        _event(org, busy + n * HOUR, busy + n * HOUR + HOUR, title=f"Busy day talk {n:02d}")
    quiet = _event(org, busy + 2 * DAY, busy + 2 * DAY + HOUR, title="Quiet day talk")
    # Started in February, still running in March: shown on its March days.
    spanning = _event(
        org,
        datetime.datetime(2031, 2, 26, 9, tzinfo=paris),
        datetime.datetime(2031, 3, 2, 17, tzinfo=paris),
        title="Winter school",
    )

    page = client.get(reverse("events:month", args=[2031, 3])).content.decode()

    shown = [n for n in range(selectors.PER_DAY + 3) if f"Busy day talk {n:02d}" in page]
    assert shown == list(range(selectors.PER_DAY))
    assert "3 more" in page
    assert reverse("events:day", args=[2031, 3, 12]) in page
    assert quiet.title in page and spanning.title in page

    day = client.get(reverse("events:day", args=[2031, 3, 12])).content.decode()
    assert all(f"Busy day talk {n:02d}" in day for n in range(selectors.PER_DAY + 3))
    assert quiet.title not in day


def test_the_month_view_filters_before_counting_a_day(client, org):
    busy = datetime.datetime(2031, 3, 12, 9, tzinfo=datetime.UTC)
    for n in range(selectors.PER_DAY + 2):
        _event(org, busy + n * HOUR, busy + n * HOUR + HOUR, kind="webinar", title=f"Web {n}")
    _event(org, busy, busy + HOUR, kind="workshop", title="The one workshop")

    page = client.get(reverse("events:month", args=[2031, 3]), {"kind": "workshop"})

    assert "The one workshop" in page.content.decode()
    assert "more" not in page.content.decode().split("month-calendar")[1]


@pytest.mark.parametrize("path", ["/events/day/2031/2/30/", "/events/day/1999/1/1/"])
def test_a_day_that_does_not_exist_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_a_bad_filter_on_the_day_page_is_a_400_page(client):
    response = client.get(reverse("events:day", args=[2031, 3, 12]), {"kind": "party"})
    assert response.status_code == 400


def test_the_month_query_reads_the_month_through_the_span_index(org):
    """At any size, the month's events come from the GiST index of spans, not a scan
    of every event from the first one (what made the month view slow)."""
    _event(org, NOW, NOW + HOUR)
    filterset = selectors.calendar_filter({})
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        start, end = selectors.month_bounds(2031, 3)
        sql, params = filterset.qs.overlapping(start, end).query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "event_span_gist" in plan


def test_the_feed_changes_when_an_event_leaves_it_and_another_takes_its_place(
    client, org, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from events import views

    start = timezone.now() + DAY
    events = [_event(org, start + n * HOUR, start + n * HOUR + HOUR) for n in range(3)]
    settings_size = views.FEED_SIZE
    views.FEED_SIZE = 2
    try:
        first = client.get(reverse("events:feed_ics")).content
        # The first event is deleted (not cancelled): the third one enters the feed.
        Event.objects.filter(pk=events[0].pk).delete()
        second = client.get(reverse("events:feed_ics")).content
    finally:
        views.FEED_SIZE = settings_size
    assert events[2].uid.encode() not in first
    assert events[2].uid.encode() in second


def test_cancelled_events_stay_listed_as_cancelled_in_the_month(client, org):
    _event(org, NOW, NOW + HOUR, status=Status.CANCELLED, title="Called off")
    page = client.get(reverse("events:month", args=[2031, 3])).content.decode()
    assert "<s>Called off</s>" in page


def test_the_upcoming_bound_costs_one_query_whatever_the_number_of_events(org):
    for n in range(5):
        _event(org, NOW - n * DAY, NOW + DAY)
    with CaptureQueriesContext(connection) as queries:
        list(Event.objects.upcoming(NOW)[:3])
    assert len(queries) == 2
