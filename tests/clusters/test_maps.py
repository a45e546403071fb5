"""Maps: the profile's locator instead of raw coordinates, and layers for other apps."""

from decimal import Decimal

import pytest

from clusters import maps
from tests.factories import ClusterFactory


@pytest.mark.django_db
def test_a_profile_shows_a_small_map_never_raw_coordinates(client):
    cluster = ClusterFactory(latitude=Decimal("52.20530"), longitude=Decimal("0.12180"),
                             city="Cambridge")  # fmt: skip
    body = client.get(cluster.get_absolute_url()).content.decode()
    assert '<svg class="map locator"' in body and 'class="land" aria-hidden="true" d="M' in body
    assert "<circle" in body and "Where " in body
    for raw in ("52.2053", "0.1218", "Coordinates"):
        assert raw not in body
    unplaced = ClusterFactory(latitude=None, longitude=None)
    assert "map locator" not in client.get(unplaced.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("lat", "lon"), [(52.2, 0.12), (49.2, 16.6), (17.4, 78.5), (-89.0, 179.9), (89.9, -180.0)]
)
def test_the_locator_frame_holds_the_place_within_the_world(lat, lon):
    frame = maps.locator_frame(lat, lon)
    assert frame.contains(lon, lat)
    assert -180 <= frame.west < frame.east <= 180 and -90 <= frame.south < frame.north <= 90
    x, y = frame.project(lon, lat)
    assert 0 <= x <= frame.width and 0 <= y <= frame.height


def test_the_land_of_a_small_frame_is_a_fraction_of_the_world():
    europe = maps.locator_frame(52.2, 0.12)
    assert 0 < len(maps.land_path(europe)) < len(maps.land_path(maps.WORLD))


def test_other_apps_add_their_points_as_a_layer():
    events = maps.Layer("events", (maps.Marker("Bio<Europe>", "/events/1/", 48.1, 11.6),))
    svg = maps.render_map(
        [maps.cluster_layer([("Munich", "/clusters/munich/", 48.1, 11.6, False)]), events],
        title="Clusters and events",
    )
    assert svg.count("<circle") == 2
    assert 'class="events"' in svg and 'href="/events/1/"' in svg
    assert "Bio&lt;Europe&gt;" in svg  # labels are escaped
