"""Events on the clusters map (issue 10, point 5): the next on-site events, placed at
their city, never at the venue that only registered people see."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters.maps import project, render_map
from events import maps
from events.models import Status
from tests.events.conftest import EventFactory

pytestmark = pytest.mark.django_db


def _squares(body: str) -> dict[str, tuple[float, float]]:
    """href -> (x, y) of each event square on the map."""
    return {
        href: (float(x), float(y))
        for href, x, y in re.findall(
            r'<a href="([^"]+)" aria-label="[^"]*"><rect x="([\d.-]+)" y="([\d.-]+)" '
            r'width="[\d.]+" height="[\d.]+" class="event"',
            body,
        )
    }


def test_the_clusters_map_shows_upcoming_on_site_events_at_their_city(client, org):
    shown = EventFactory(
        host=org, title="Heidelberg study visit", latitude=Decimal("49.41736"),
        longitude=Decimal("8.67212"),
    )  # fmt: skip
    soon = timezone.now() + datetime.timedelta(days=3)
    hidden = [
        EventFactory(host=org, is_online=True, online_url="https://meet.example.org/x",
                     latitude=Decimal("48.1"), longitude=Decimal("11.6")),
        EventFactory(host=org, draft=True, latitude=Decimal("48.1"), longitude=Decimal("11.6")),
        EventFactory(host=org, starts_at=soon - datetime.timedelta(days=30),
                     ends_at=soon - datetime.timedelta(days=29),
                     latitude=Decimal("48.1"), longitude=Decimal("11.6")),
        EventFactory(host=org, latitude=None, longitude=None),
    ]  # fmt: skip

    body = client.get(reverse("clusters:map")).content.decode()

    squares = _squares(body)
    assert list(squares) == [shown.get_absolute_url()]
    assert all(event.get_absolute_url() not in squares for event in hidden)
    # Placed at 49.4, 8.7 (the city), not at the venue's 49.41736, 8.67212.
    x, y = project(8.7, 49.4)
    assert squares[shown.get_absolute_url()] == (
        round(x - maps.SIZE / 2, 1),
        round(y - maps.SIZE / 2, 1),
    )
    assert "49.41736" not in body and "8.67212" not in body
    assert "Event: Heidelberg study visit" in body
    assert body.count("<circle") == body.count('class="europe"') + body.count('class="comparator"')


def test_cancelled_events_leave_the_map(client, org):
    EventFactory(
        host=org, status=Status.CANCELLED, latitude=Decimal("49.4"), longitude=Decimal("8.7")
    )
    assert _squares(client.get(reverse("clusters:map")).content.decode()) == {}


def test_the_map_shows_the_next_events_only(org):
    start = timezone.now() + datetime.timedelta(days=1)
    for n in range(maps.MAP_EVENTS + 5):
        EventFactory(
            host=org, starts_at=start + datetime.timedelta(hours=n),
            ends_at=start + datetime.timedelta(hours=n + 1),
            latitude=Decimal("50.1"), longitude=Decimal("14.4"),
        )  # fmt: skip
    mapped = maps.mapped_events()
    assert len(mapped) == maps.MAP_EVENTS
    assert mapped == sorted(mapped, key=lambda e: e.starts_at)
    assert len(maps.event_layer(mapped).markers) == maps.MAP_EVENTS


def test_a_title_with_markup_is_text_on_the_map(org):
    event = EventFactory(
        host=org, title='<script>alert("x")</script>', latitude=Decimal("1"), longitude=Decimal("1")
    )
    svg = render_map([maps.event_layer([event])], title="Events")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
