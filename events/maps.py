"""Events on the clusters map (``clusters.maps.cluster_map``'s ``layers``).

The next ``MAP_EVENTS`` on-site events that have not ended, each a square (clusters are
circles: the shape tells them apart, not only the colour) linking to the event. The
exact venue is for registered people only (``events.policy.can_see_venue``): the map
places an event at its coordinates rounded to 0.1° (about 10 km, the city that every
visitor already reads on the event's page), never at the venue.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from events.models import Event, Status

MAP_EVENTS = 100
PUBLIC_PRECISION = Decimal("0.1")
SIZE = 8


def public_position(event: Event) -> tuple[float, float] | None:
    """(latitude, longitude) as precise as the city, or None (online, or not placed)."""
    if event.is_online or event.latitude is None or event.longitude is None:
        return None
    return (
        float(event.latitude.quantize(PUBLIC_PRECISION, rounding=ROUND_HALF_EVEN)),
        float(event.longitude.quantize(PUBLIC_PRECISION, rounding=ROUND_HALF_EVEN)),
    )


def mapped_events(limit: int = MAP_EVENTS) -> list[Event]:
    """The next published on-site events with coordinates, soonest first (one query
    and the scan's bound)."""
    return list(
        Event.objects.filter(
            status=Status.PUBLISHED,
            is_online=False,
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .upcoming()
        .order_by("starts_at", "id")
        .only(
            "slug", "title", "starts_at", "timezone", "city", "latitude", "longitude", "is_online"
        )[:limit]
    )


def event_layer(events: list[Event] | None = None) -> SafeString:
    """The SVG of the events' markers, in ``clusters.maps``'s coordinates."""
    from clusters.maps import project

    events = mapped_events() if events is None else events
    marks = []
    for event in events:
        position = public_position(event)
        if position is None:
            continue
        x, y = project(position[1], position[0])
        when = formats.date_format(timezone.localtime(event.starts_at, event.tzinfo), "j M Y")
        label = _("Event: %(title)s, %(date)s, %(city)s") % {
            "title": event.title,
            "date": when,
            "city": event.city or "",
        }
        marks.append(
            (event.get_absolute_url(), f"{x - SIZE / 2:.1f}", f"{y - SIZE / 2:.1f}", label)
        )
    if not marks:
        return SafeString("")
    return format_html(
        '<g class="events" fill="#d35400" stroke="#fff" stroke-width="1.5">{}</g>',
        format_html_join(
            "",
            '<a href="{}"><rect class="event" x="{}" y="{}" width="'
            + str(SIZE)
            + '" height="'
            + str(SIZE)
            + '"><title>{}</title></rect></a>',
            marks,
        ),
    )
