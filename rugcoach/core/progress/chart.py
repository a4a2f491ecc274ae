"""The pain chart as SVG, drawn on the server: no chart library, no font download.

One column per session, oldest left. Three series, told apart by shape as well as colour
(and by line style): before the session (circle, solid), right after (square, dashed) and
the next morning (triangle, dotted). The member's baseline is a grey dashed line across.
Colours are dark enough for 3:1 against white (WCAG 1.4.11, non-text contrast) and the
text for 4.5:1. Every text is escaped. The page gives the same numbers as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

__all__ = ["SERIES", "ChartLabels", "ChartSession", "pain_chart"]

# Drawn for a phone's width: at 360 units across, 13-unit text stays readable there.
WIDTH, HEIGHT = 360, 290
LEFT, RIGHT, TOP, BOTTOM = 30, 10, 78, 30
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"  # the device's own
TEXT = "#222222"
GRID = "#d0d0d0"
BASELINE = "#595959"


@dataclass(frozen=True)
class Series:
    key: str
    colour: str
    dash: str  # "" for a solid line


# Contrast on white: #1d4f91 8.0:1, #a33b00 6.6:1, #2b6a2f 6.3:1.
SERIES = (
    Series("before", "#1d4f91", ""),
    Series("after", "#a33b00", "6 4"),
    Series("morning", "#2b6a2f", "2 3"),
)


@dataclass(frozen=True)
class ChartSession:
    on: date
    before: int | None
    after: int | None
    morning: int | None

    def value(self, key: str) -> int | None:
        value: int | None = getattr(self, key)
        return value


@dataclass(frozen=True)
class ChartLabels:
    """Every word the chart shows, in the member's language."""

    title: str
    description: str
    before: str
    after: str
    morning: str
    baseline: str
    axis: str  # e.g. "Pijn (0–10)"
    date_format: str = "%d-%m"

    def series(self, key: str) -> str:
        label: str = getattr(self, key)
        return label


def _marker(key: str, x: float, y: float, colour: str) -> str:
    data = f'class="point point-{key}" fill="{colour}"'
    if key == "before":
        return f'<circle {data} cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
    if key == "after":
        return f'<rect {data} x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9"/>'
    return (
        f'<polygon {data} points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 4.5:.1f} '
        f'{x - 6:.1f},{y + 4.5:.1f}"/>'
    )


def pain_chart(
    sessions: Sequence[ChartSession],
    baseline: float | None,
    labels: ChartLabels,
    *,
    id_prefix: str = "pain-chart",
) -> str:
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def y_of(pain: float) -> float:
        return TOP + plot_h * (1 - pain / 10)

    count = len(sessions)
    step = plot_w / count if count else plot_w

    def x_of(index: int) -> float:
        return LEFT + step * (index + 0.5)

    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pain-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family={quoteattr(FONT)} font-size="13">',
        f'<title id="{title_id}">{escape(labels.title)}</title>',
        f'<desc id="{desc_id}">{escape(labels.description)}</desc>',
    ]
    # The grid and the axis: 0, 2, …, 10.
    for pain in range(0, 11, 2):
        y = y_of(pain)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{pain}</text>'
        )
    parts.append(f'<text x="4" y="16" fill="{TEXT}">{escape(labels.axis)}</text>')
    # The legend in two rows of two: each series' line and shape, then the baseline's line.
    half = (WIDTH - 8) / 2
    spots = [(4 + half * (n % 2), 36 + 20 * (n // 2)) for n in range(4)]
    for series, (x, y) in zip(SERIES, spots, strict=False):
        parts.append(_legend(series, x, y, labels.series(series.key)))
    x, y = spots[3]
    parts.append(
        f'<line x1="{x}" x2="{x + 18}" y1="{y}" y2="{y}" '
        f'stroke="{BASELINE}" stroke-width="2" stroke-dasharray="8 4"/>'
        f'<text x="{x + 24}" y="{y + 4}" fill="{TEXT}">{escape(labels.baseline)}</text>'
    )
    if baseline is not None:
        y = y_of(baseline)
        parts.append(
            f'<line class="baseline" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
            f'y2="{y:.1f}" stroke="{BASELINE}" stroke-width="2" stroke-dasharray="8 4"/>'
        )
    for series in SERIES:
        points = [
            (x_of(i), y_of(v))
            for i, s in enumerate(sessions)
            if (v := s.value(series.key)) is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dash = f' stroke-dasharray="{series.dash}"' if series.dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{series.colour}" '
                f'stroke-width="2"{dash}/>'
            )
        parts.extend(_marker(series.key, x, y, series.colour) for x, y in points)
    # Dates under the columns: at most five, so they never overlap.
    every = max(1, -(-count // 5))
    for index, session in enumerate(sessions):
        if index % every == 0 or index == count - 1:
            parts.append(
                f'<text x="{x_of(index):.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(session.on.strftime(labels.date_format))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _legend(series: Series, x: float, y: float, label: str) -> str:
    dash = f' stroke-dasharray="{series.dash}"' if series.dash else ""
    return (
        f'<line x1="{x}" x2="{x + 18}" y1="{y}" y2="{y}" stroke="{series.colour}" '
        f'stroke-width="2"{dash}/>'
        + _marker(series.key, x + 9, y, series.colour).replace("point point-", "legend-")
        + f'<text x="{x + 24}" y="{y + 4}" fill="{TEXT}">{escape(label)}</text>'
    )
