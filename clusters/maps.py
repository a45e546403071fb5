"""Maps without a tile server: Natural Earth land (vendored, public domain, see
``clusters/data/README.md``) drawn as server-rendered SVG, each marker a link.

TopoJSON is decoded here (delta-encoded, quantised arcs: about thirty lines) rather than
with a GIS library, which would bring GDAL for one static outline. The projection is
equirectangular over a ``Frame``: ``WORLD`` (cropped to the latitudes where the clusters
lie) for the map of the clusters, a small frame around one place for a profile
(``locator_map``). The land path is built once per frame and process.

Other apps add their own points as a layer: ``render_map`` takes any number of
``Layer``s, each a CSS class and ``Marker``s (label, link, latitude, longitude), drawn
in order over the land; ``cluster_layer`` is the clusters' one. The events calendar,
for instance, passes ``[cluster_layer(...), Layer("events", event_markers)]``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import format_html
from django.utils.safestring import SafeString

LAND = Path(__file__).resolve().parent / "data" / "land-110m.json"


@dataclass(frozen=True)
class Frame:
    """The part of the world drawn, in degrees, and the SVG size it is drawn at."""

    west: float
    east: float
    north: float
    south: float
    width: int
    height: int

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return x, y

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


WORLD = Frame(west=-130.0, east=150.0, north=72.0, south=-12.0, width=960, height=420)
WIDTH, HEIGHT = WORLD.width, WORLD.height
# The locator of a profile: 24° of longitude by 12° of latitude around the place.
LOCATOR_SPAN_LON, LOCATOR_SPAN_LAT, LOCATOR_WIDTH = 24, 12, 320


def project(lon: float, lat: float) -> tuple[float, float]:
    """A point on the world map (``WORLD``)."""
    return WORLD.project(lon, lat)


@dataclass(frozen=True)
class Marker:
    label: str
    url: str  # "" for a point that is not a link
    latitude: float
    longitude: float
    css_class: str = ""  # overrides the layer's class for this marker


@dataclass(frozen=True)
class Layer:
    css_class: str
    markers: Sequence[Marker] = field(default_factory=tuple)
    radius: float = 5
    # "circle" or "square": layers differ by shape as well as colour (clusters are circles,
    # events squares), so no one has to tell them apart by colour alone.
    shape: str = "circle"


@functools.cache
def _topology() -> tuple[list[list[tuple[float, float]]], list]:
    topology = json.loads(LAND.read_text())
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs, topology["objects"]["land"]["geometries"]


def _ring(arcs: list[list[tuple[float, float]]], indexes: Iterable[int]) -> list:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


@functools.lru_cache(maxsize=256)
def land_path(frame: Frame = WORLD) -> str:
    """The SVG path data of the land in ``frame`` (rings wholly outside are left out;
    the SVG viewport clips the rest)."""
    arcs, geometries = _topology()
    parts = []
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                lonlats = _ring(arcs, ring)
                lons = [lon for lon, _lat in lonlats]
                lats = [lat for _lon, lat in lonlats]
                if (
                    max(lons) < frame.west
                    or min(lons) > frame.east
                    or max(lats) < frame.south
                    or min(lats) > frame.north
                ):
                    continue  # fmt: skip
                points = [frame.project(lon, lat) for lon, lat in lonlats]
                # A ring crossing the antimeridian (Chukotka) would draw a line across
                # the whole map: start a new subpath where the longitude jumps.
                path = []
                for index, (x, y) in enumerate(points):
                    jump = index and abs(lonlats[index][0] - lonlats[index - 1][0]) > 180
                    path.append(("M" if index == 0 or jump else "L") + f"{x:.1f},{y:.1f}")
                parts.append("".join(path) + "Z")
    return "".join(parts)


_CIRCLE = '<circle cx="{}" cy="{}" r="{}" class="{}"><title>{}</title></circle>'
_SQUARE = '<rect x="{}" y="{}" width="{}" height="{}" class="{}"><title>{}</title></rect>'


def _marks(layers: Sequence[Layer], frame: Frame) -> SafeString:
    parts = []
    for layer in layers:
        for m in layer.markers:
            x, y = frame.project(m.longitude, m.latitude)
            css_class, r = m.css_class or layer.css_class, layer.radius
            if layer.shape == "square":
                shape = format_html(_SQUARE, f"{x - r:.1f}", f"{y - r:.1f}", 2 * r, 2 * r,
                                    css_class, m.label)  # fmt: skip
            else:
                shape = format_html(_CIRCLE, f"{x:.1f}", f"{y:.1f}", r, css_class, m.label)
            parts.append(
                format_html('<a href="{}" aria-label="{}">{}</a>', m.url, m.label, shape)
                if m.url
                else shape
            )
    return SafeString("".join(parts))


def render_map(
    layers: Sequence[Layer], *, title: str, frame: Frame = WORLD, css_class: str = "map"
) -> SafeString:
    """The land of ``frame`` and the markers of ``layers``; a marker with a ``url`` is a
    link. A map with links is a ``group`` (an ``img`` may not hold interactive content),
    its land hidden from assistive technology; one without is an ``img``."""
    linked = any(m.url for layer in layers for m in layer.markers)
    return format_html(
        '<svg class="{c}" viewBox="0 0 {w} {h}" width="100%" role="{r}" aria-label="{t}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{t}</title>'
        '<path class="land" aria-hidden="true" d="{d}"/>{marks}</svg>',
        c=css_class,
        r="group" if linked else "img",
        w=frame.width,
        h=frame.height,
        t=title,
        d=land_path(frame),
        marks=_marks(layers, frame),
    )


def cluster_layer(points: Iterable[tuple[str, str, float, float, bool]]) -> Layer:
    """``points``: (label, url, latitude, longitude, is_comparator)."""
    return Layer(
        "europe",
        tuple(
            Marker(label, url, lat, lon, "comparator" if comparator else "europe")
            for label, url, lat, lon, comparator in points
        ),
    )


def cluster_map(
    points: Iterable[tuple[str, str, float, float, bool]], *, title: str, layers=()
) -> SafeString:
    """The map of the clusters: ``points`` are (name, url, latitude, longitude,
    is_comparator). Each is a link. ``layers`` are drawn above the clusters (such as
    ``events.maps.event_layer``)."""
    return render_map([cluster_layer(points), *layers], title=title)


def locator_frame(latitude: float, longitude: float) -> Frame:
    """A small frame centred (to the whole degree, so frames are shared and cached)
    on a place."""
    lon, lat = round(longitude), round(latitude)
    west = max(-180, min(180 - LOCATOR_SPAN_LON, lon - LOCATOR_SPAN_LON / 2))
    north = min(90, max(-90 + LOCATOR_SPAN_LAT, lat + LOCATOR_SPAN_LAT / 2))
    height = round(LOCATOR_WIDTH * LOCATOR_SPAN_LAT / LOCATOR_SPAN_LON)
    return Frame(west=west, east=west + LOCATOR_SPAN_LON, north=north,
                 south=north - LOCATOR_SPAN_LAT, width=LOCATOR_WIDTH, height=height)  # fmt: skip


def locator_map(*, latitude: float, longitude: float, label: str, title: str, url: str = ""):
    """A small map of where one place is: what a profile shows instead of coordinates
    (an image; the page links to the full map beside it)."""
    frame = locator_frame(latitude, longitude)
    marker = Marker(label, url, latitude, longitude)
    return render_map(
        [Layer("place", (marker,), radius=6)], title=title, frame=frame, css_class="map locator"
    )
