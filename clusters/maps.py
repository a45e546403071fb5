"""A map of clusters without a tile server: Natural Earth land (vendored, public domain,
see ``clusters/data/README.md``) drawn as server-rendered SVG, one link per cluster.

TopoJSON is decoded here (delta-encoded, quantised arcs: about thirty lines) rather than
with a GIS library, which would bring GDAL for one static outline. The projection is
equirectangular, cropped to the latitudes where the clusters lie; the land path is built
once per process.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

LAND = Path(__file__).resolve().parent / "data" / "land-110m.json"
WIDTH, HEIGHT = 960, 420
WEST, EAST, NORTH, SOUTH = -130.0, 150.0, 72.0, -12.0


def project(lon: float, lat: float) -> tuple[float, float]:
    x = (lon - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - lat) / (NORTH - SOUTH) * HEIGHT
    return x, y


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: Iterable[int]) -> list:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


@functools.cache
def land_path() -> str:
    """The SVG path data of all land, in map coordinates."""
    topology = json.loads(LAND.read_text())
    arcs = _arcs(topology)
    parts = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                lonlats = _ring(arcs, ring)
                points = [project(lon, lat) for lon, lat in lonlats]
                # Rings wholly outside the frame (Antarctica...) are left out.
                if all(y > HEIGHT or y < 0 for _x, y in points):
                    continue
                # A ring crossing the antimeridian (Chukotka) would draw a line across
                # the whole map: start a new subpath where the longitude jumps.
                path = []
                for index, (x, y) in enumerate(points):
                    jump = index and abs(lonlats[index][0] - lonlats[index - 1][0]) > 180
                    path.append(("M" if index == 0 or jump else "L") + f"{x:.1f},{y:.1f}")
                parts.append("".join(path) + "Z")
    return "".join(parts)


def cluster_map(
    points: Iterable[tuple[str, str, float, float, bool]], *, title: str, layers=()
) -> SafeString:
    """``points``: (name, url, latitude, longitude, is_comparator). Each is a link.
    ``layers``: SVG drawn above the clusters (events.maps.event_layer)."""
    marks = format_html_join(
        "",
        '<a href="{}"><circle cx="{}" cy="{}" r="5" class="{}"><title>{}</title></circle></a>',
        (
            (url, f"{project(lon, lat)[0]:.1f}", f"{project(lon, lat)[1]:.1f}",
             "comparator" if comparator else "europe", name)
            for name, url, lat, lon, comparator in points
        ),
    )  # fmt: skip
    return format_html(
        '<svg class="map" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{t}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{t}</title>'
        '<path class="land" d="{d}"/>{marks}{layers}</svg>',
        w=WIDTH,
        h=HEIGHT,
        t=title,
        d=land_path(),
        marks=marks,
        layers=format_html_join("", "{}", ((layer,) for layer in layers)),
    )
