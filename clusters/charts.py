"""Server-rendered SVG charts: no script, no library, so they print and work in the PDF.

Written by hand because the two shapes needed (a yearly line and a five-axis radar) are
a few dozen lines each, while a plotting library would pull in a numeric stack for them.
Every chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``; the page puts
the same numbers in a table beside it for screen readers and export.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 480, 220
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 56, 12, 14, 30
PALETTE = ("#1b5e8c", "#c0392b", "#2e8b57", "#8e44ad", "#d35400")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _label(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.1f}"


def line_chart(
    points: Sequence[tuple[int, Decimal | float]], *, title: str, unit: str, chart_id: str = ""
) -> SafeString:
    """A line over the years; ``points`` are (year, value) in year order. ``chart_id``
    must be unique on the page (it names the title and description elements)."""
    if not points:
        return SafeString("")
    years = [year for year, _ in points]
    values = [float(value) for _, value in points]
    first, last = min(years), max(years)
    top = _nice_max(max(values))
    span = max(last - first, 1)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(year: int) -> float:
        return PAD_LEFT + (year - first) / span * plot_w

    def y(value: float) -> float:
        return PAD_TOP + plot_h - value / top * plot_h

    path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in zip(years, values, strict=True))
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"/>'
        '<text x="{}" y="{}" text-anchor="end" class="tick">{}</text>',
        (
            (PAD_LEFT, WIDTH - PAD_RIGHT, f"{y(top * i / 4):.1f}", f"{y(top * i / 4):.1f}",
             PAD_LEFT - 4, f"{y(top * i / 4) + 4:.1f}", _label(top * i / 4))
            for i in range(5)
        ),
    )  # fmt: skip
    step = max(1, math.ceil(span / 6))
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" class="tick">{}</text>',
        ((f"{x(yr):.1f}", HEIGHT - 10, yr) for yr in range(first, last + 1, step)),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="2.5"><title>{}: {} {}</title></circle>',
        ((f"{x(yr):.1f}", f"{y(v):.1f}", yr, _label(v), unit)
         for yr, v in zip(years, values, strict=True)),
    )  # fmt: skip
    description = f"{first}–{last}: from {_label(values[0])} to {_label(values[-1])} {unit}"
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>'
        '{grid}{ticks}<polyline points="{path}"/>{dots}</svg>',
        w=WIDTH,
        h=HEIGHT,
        id=chart_id or "chart",
        title=title,
        desc=description,
        grid=grid,
        ticks=ticks,
        path=path,
        dots=dots,
    )


def radar_chart(
    axes: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *, title: str
) -> SafeString:
    """A radar of scores 0–100 on ``axes``; one polygon per (name, scores) in ``series``."""
    size, centre, radius = 360, 180, 120
    count = len(axes)

    def point(index: int, score: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * max(0.0, min(score, 100.0)) / 100
        return centre + r * math.cos(angle), centre + r * math.sin(angle)

    rings = format_html_join(
        "",
        '<polygon points="{}" class="ring"/>',
        ((" ".join("{:.1f},{:.1f}".format(*point(i, level)) for i in range(count)),)
         for level in (25, 50, 75, 100)),
    )  # fmt: skip
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" class="axis">{}</text>',
        (
            (f"{point(i, 122)[0]:.1f}", f"{point(i, 122)[1]:.1f}", label)
            for i, label in enumerate(axes)
        ),
    )
    polygons = format_html_join(
        "",
        '<polygon points="{}" stroke="{}" fill="{}" fill-opacity=".12" stroke-width="2">'
        "<title>{}</title></polygon>",
        (
            (" ".join("{:.1f},{:.1f}".format(*point(i, s)) for i, s in enumerate(scores)),
             PALETTE[n % len(PALETTE)], PALETTE[n % len(PALETTE)],
             f"{name}: " + ", ".join(f"{a} {s:.0f}" for a, s in zip(axes, scores, strict=True)))
            for n, (name, scores) in enumerate(series)
        ),
    )  # fmt: skip
    legend = format_html_join(
        "",
        '<rect x="-52" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="-38" y="{}" class="axis">{}</text>',
        ((8 + 14 * n, PALETTE[n % len(PALETTE)], 17 + 14 * n, name)
         for n, (name, _) in enumerate(series)),
    )  # fmt: skip
    return format_html(
        '<svg class="chart radar" viewBox="-60 0 {w} {s}" width="{w}" height="{s}" role="img" '
        'aria-label="{title}" xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
        "{rings}{labels}{polygons}{legend}</svg>",
        s=size,
        w=size + 120,
        title=title,
        rings=rings,
        labels=labels,
        polygons=polygons,
        legend=legend,
    )
