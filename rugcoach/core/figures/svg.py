"""SVG path strings for the figure's shapes, with a fixed command structure per shape.

The structure of a shape's path never depends on its size or place, so that a shape's
frames can be animated with SMIL (``<animate attributeName="d">``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

Point = tuple[float, float]

__all__ = ["escape", "quoteattr"]


def num(value: float) -> str:
    """A coordinate with one decimal, no trailing zero, no negative zero."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text in ("-0", "0") else text


def pt(p: Point) -> str:
    return f"{num(p[0])} {num(p[1])}"


def capsule(c1: Point, r1: float, c2: Point, r2: float) -> str:
    """The hull of two circles (a tapered capsule); the bigger circle should be first."""
    dx, dy = c2[0] - c1[0], c2[1] - c1[1]
    d = math.hypot(dx, dy)
    phi = math.atan2(dy, dx) if d > 1e-9 else -math.pi / 2
    sin_beta = max(-0.95, min(0.95, (r1 - r2) / d)) if d > 1e-9 else 0.0
    alpha = math.pi / 2 - math.asin(sin_beta)

    def on(c: Point, r: float, angle: float) -> Point:
        return (c[0] + r * math.cos(angle), c[1] + r * math.sin(angle))

    a1, a2 = on(c1, r1, phi + alpha), on(c2, r2, phi + alpha)
    b2, b1 = on(c2, r2, phi - alpha), on(c1, r1, phi - alpha)
    return (
        f"M{pt(a1)}L{pt(a2)}A{num(r2)} {num(r2)} 0 0 0 {pt(b2)}"
        f"L{pt(b1)}A{num(r1)} {num(r1)} 0 1 0 {pt(a1)}Z"
    )


def circle(c: Point, r: float) -> str:
    # rounded first, so that both half circles meet exactly
    x, y, r = round(c[0], 1), round(c[1], 1), max(round(r, 1), 0.1)
    return f"M{num(x - r)} {num(y)}A{num(r)} {num(r)} 0 0 0 {num(x + r)} {num(y)}" + (
        f"A{num(r)} {num(r)} 0 0 0 {num(x - r)} {num(y)}Z"
    )


def ellipse(c: Point, rx: float, ry: float, angle: float) -> str:
    """An ellipse with semi-axes rx, ry, its rx axis turned ``angle`` degrees."""
    a = math.radians(angle)
    p = (c[0] - rx * math.cos(a), c[1] - rx * math.sin(a))
    q = (c[0] + rx * math.cos(a), c[1] + rx * math.sin(a))
    r = f"{num(rx)} {num(max(ry, 0.1))} {num(angle)}"
    return f"M{pt(p)}A{r} 0 0 {pt(q)}A{r} 0 0 {pt(p)}Z"


def polyline(points: Sequence[Point]) -> str:
    return "M" + "L".join(pt(p) for p in points)


def polygon(points: Sequence[Point]) -> str:
    return polyline(points) + "Z"


def arrow(start: Point, end: Point, bend: float, head: float) -> tuple[str, str]:
    """A curved arrow from start to end: the shaft (a quadratic curve) and its head."""
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    control = (mx + nx * bend * length, my + ny * bend * length)
    tx, ty = end[0] - control[0], end[1] - control[1]
    t_len = math.hypot(tx, ty) or 1.0
    ux, uy = tx / t_len, ty / t_len
    tip = end
    left = (tip[0] - head * ux + head * 0.6 * uy, tip[1] - head * uy - head * 0.6 * ux)
    right = (tip[0] - head * ux - head * 0.6 * uy, tip[1] - head * uy + head * 0.6 * ux)
    shaft_end = (tip[0] - head * 0.7 * ux, tip[1] - head * 0.7 * uy)
    shaft = f"M{pt(start)}Q{pt(control)} {pt(shaft_end)}"
    return shaft, polygon([tip, left, right])


def convex_hull(points: Sequence[Point]) -> list[Point]:
    """Andrew's monotone chain; counter-clockwise, without repeated points."""
    unique = sorted(set(points))
    if len(unique) <= 2:
        return unique

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in unique:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 1e-12:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(unique):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 1e-12:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]
