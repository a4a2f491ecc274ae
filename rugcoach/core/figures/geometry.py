"""Small 3D vector and rotation helpers (plain tuples, degrees), and 1D root finding."""

from __future__ import annotations

import math
from collections.abc import Callable

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows

IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
UP: Vec = (0.0, 1.0, 0.0)


def rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def mul(a: Mat, b: Mat) -> Mat:
    (a0, a1, a2), (a3, a4, a5), (a6, a7, a8) = a
    (b0, b1, b2), (b3, b4, b5), (b6, b7, b8) = b
    return (
        (a0 * b0 + a1 * b3 + a2 * b6, a0 * b1 + a1 * b4 + a2 * b7, a0 * b2 + a1 * b5 + a2 * b8),
        (a3 * b0 + a4 * b3 + a5 * b6, a3 * b1 + a4 * b4 + a5 * b7, a3 * b2 + a4 * b5 + a5 * b8),
        (a6 * b0 + a7 * b3 + a8 * b6, a6 * b1 + a7 * b4 + a8 * b7, a6 * b2 + a7 * b5 + a8 * b8),
    )


def apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def norm(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def lerp(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def capsule_distance(p: Vec, a: Vec, ra: float, b: Vec, rb: float) -> float:
    """Signed distance from a point to the hull of two spheres (a tapered capsule)."""
    axis = sub(b, a)
    length = norm(axis)
    if length <= abs(ra - rb):
        return min(norm(sub(p, a)) - ra, norm(sub(p, b)) - rb)
    u = scale(axis, 1 / length)
    x = dot(sub(p, a), u)
    y = norm(sub(sub(p, a), scale(u, x)))
    sin_b = (ra - rb) / length
    cos_b = math.sqrt(1 - sin_b * sin_b)
    along = x * cos_b - y * sin_b
    if along < 0:
        return norm(sub(p, a)) - ra
    if along > length * cos_b:
        return norm(sub(p, b)) - rb
    return x * sin_b + y * cos_b - ra


def direction(deg: float) -> Vec:
    """Unit vector in the world's vertical plane: 0° is up, 90° is +X (screen right)."""
    return (math.sin(math.radians(deg)), math.cos(math.radians(deg)), 0.0)


def find_root(
    f: Callable[[float], float],
    start: float,
    low: float,
    high: float,
    step: float = 2.0,
    tolerance: float = 1e-9,
) -> float | None:
    """The root of f nearest to ``start`` inside [low, high], or None.

    Scans outwards from ``start`` in ``step`` increments for a sign change, then narrows
    the bracket with the Illinois variant of regula falsi. Deterministic: the same
    function and bounds always give the same answer.
    """
    low, high = min(low, high), max(low, high)
    start = min(max(start, low), high)
    f_start = f(start)
    if abs(f_start) <= tolerance:
        return start
    bracket: tuple[float, float] | None = None
    previous = {1.0: (start, f_start), -1.0: (start, f_start)}
    open_sides = [1.0, -1.0]
    k = 0
    while open_sides and bracket is None:
        k += 1
        for sign in list(open_sides):
            x = min(max(start + sign * k * step, low), high)
            prev_x, prev_f = previous[sign]
            fx = f(x)
            if abs(fx) <= tolerance:
                return x
            if (prev_f < 0) != (fx < 0):
                bracket = (prev_x, x)
                break
            previous[sign] = (x, fx)
            if x in (low, high):
                open_sides.remove(sign)
    if bracket is None:
        return None
    a, b = bracket
    fa, fb = f(a), f(b)
    if fa == 0.0:
        return a
    side = 0
    for _ in range(100):
        mid = (a * fb - b * fa) / (fb - fa) if fb != fa else (a + b) / 2
        fm = f(mid)
        if abs(fm) <= tolerance or abs(b - a) < 1e-12:
            return mid
        if (fm < 0) == (fb < 0):
            b, fb = mid, fm
            if side == -1:
                fa /= 2
            side = -1
        else:
            a, fa = mid, fm
            if side == 1:
                fb /= 2
            side = 1
    return (a + b) / 2
