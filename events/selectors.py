"""Reads of events, shared by the HTML pages, the feeds and the API.

Every queryset starts from ``events.policy.visible_events`` (drafts only for those who
manage them) and applies the one ``EventFilter``; related rows are fetched up front so
each page costs the same number of queries for 1 or 25 events.
"""

from __future__ import annotations

import calendar
import datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404
from django.utils import timezone

from events import policy
from events.filters import EventFilter
from events.models import Event, Registration, RegistrationStatus
from organisations.models import Organisation, User

LIST_SIZE = 50
# A day of the month view shows this many of the events starting that day, then
# "N more", a link to the day's page (LIST_SIZE per page).
PER_DAY = 4


def with_related(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.select_related("host", "cluster").prefetch_related(
        Prefetch("co_hosts", queryset=Organisation.objects.only("pk", "name", "short_name", "slug"))
    )


def calendar_filter(params, *, user: User | None = None) -> EventFilter:
    """The bound FilterSet over the public calendar (published and cancelled events)."""
    return EventFilter(params, queryset=Event.objects.listed())


def upcoming(filterset: EventFilter, *, now=None) -> QuerySet[Event]:
    return with_related(filterset.qs.upcoming(now).order_by("starts_at", "id"))


def past(filterset: EventFilter, *, now=None) -> QuerySet[Event]:
    return with_related(
        filterset.qs.past(now).order_by("-starts_at", "-id").prefetch_related("outcome_practices")
    )


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    first = datetime.datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
    days = calendar.monthrange(year, month)[1]
    return first, first + datetime.timedelta(days=days)


def in_month(filterset: EventFilter, year: int, month: int) -> list[Event]:
    """Events overlapping the month (in the site's zone), by start: at most ``PER_DAY``
    of those starting on each day, each with ``day_total``, how many start that day.

    A month holds any number of events (1,700 in the benchmark); the page stays the
    same size. The first query ranks the month's events (read through the GiST index of
    spans) on narrow rows (id, start, day); the second reads the few shown in full.
    """
    start, end = month_bounds(year, month)
    zone = timezone.get_current_timezone()
    day = TruncDate("starts_at", tzinfo=zone)
    ranked = (
        filterset.qs.overlapping(start, end)
        .annotate(
            day_rank=Window(RowNumber(), partition_by=[day], order_by=[F("starts_at"), F("id")]),
            day_total=Window(Count("id"), partition_by=[day]),
        )
        .filter(day_rank__lte=PER_DAY)
        .order_by()
        .values_list("pk", "day_total")
    )
    totals = dict(ranked)
    if not totals:
        return []
    events = list(with_related(Event.objects.filter(pk__in=totals)).order_by("starts_at", "id"))
    for event in events:
        event.day_total = totals[event.pk]
    return events


def day_bounds(date: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    following = date + datetime.timedelta(days=1)
    return (
        datetime.datetime(date.year, date.month, date.day, tzinfo=zone),
        datetime.datetime(following.year, following.month, following.day, tzinfo=zone),
    )


def on_day(filterset: EventFilter, date: datetime.date) -> QuerySet[Event]:
    """Events overlapping the day (in the site's zone), by start."""
    start, end = day_bounds(date)
    return with_related(filterset.qs.overlapping(start, end).order_by("starts_at", "id"))


def event_for(user: User, slug: str) -> Event:
    """The event at ``slug`` if ``user`` may see it, else 404 (no leak that it exists)."""
    event = with_related(policy.visible_events(user)).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


def registration_of(user: User, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        event.registrations.active().filter(user=user).first()
        or event.registrations.active().filter(email__iexact=user.email).first()
    )


def places(event: Event) -> dict[str, int | None]:
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for row in event.registrations.values("status").order_by().annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    taken = counts[RegistrationStatus.CONFIRMED] + counts[RegistrationStatus.OFFERED]
    return {
        "taken": taken,
        "free": None if event.capacity is None else max(event.capacity - taken, 0),
        "waitlisted": counts[RegistrationStatus.WAITLISTED],
        "confirmed": counts[RegistrationStatus.CONFIRMED],
    }


def attendees(event: Event, *, query: str = "") -> QuerySet[Registration]:
    queryset = event.registrations.exclude(status=RegistrationStatus.CANCELLED).order_by(
        "status", "waitlist_position", "name", "id"
    )
    if query:
        queryset = queryset.filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation_name__icontains=query)
        )
    return queryset


def co_participants(event: Event) -> QuerySet[Registration]:
    return (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED, consent_to_share=True)
        .order_by("name")
        .only("name", "organisation_name", "country")
    )


def host_events(organisation: Organisation, *, limit: int = 5) -> list[Event]:
    """For the partner page: its next public events (hosted or co-hosted)."""
    return list(
        Event.objects.listed()
        # One organisation's events are few: no scan bound needed (nor its query).
        .filter(ends_at__gt=timezone.now())
        .filter(Q(host=organisation) | Q(co_hosts=organisation))
        .distinct()
        .order_by("starts_at", "id")[:limit]
    )
