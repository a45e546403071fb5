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
from django.utils.translation import gettext as _

from clusters.maps import Layer, Marker
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


def event_layer(events: list[Event] | None = None) -> Layer:
    """The events as a layer of ``clusters.maps``: squares linking to each event."""
    events = mapped_events() if events is None else events
    markers = []
    for event in events:
        position = public_position(event)
        if position is None:
            continue
        when = formats.date_format(timezone.localtime(event.starts_at, event.tzinfo), "j M Y")
        label = _("Event: %(title)s, %(date)s, %(city)s") % {
            "title": event.title,
            "date": when,
            "city": event.city or "",
        }
        markers.append(Marker(label, event.get_absolute_url(), *position))
    return Layer("event", tuple(markers), radius=SIZE / 2, shape="square")
