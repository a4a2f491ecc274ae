"""Put a hand on a place: the shoulder and elbow turn until the hand's grip is there.

Used for hands on the belly or the hips, behind a knee or on a bar. Works in the picture
plane (world x and y; x and z in the view from above): two angles, two coordinates,
Newton steps with a numerical Jacobian, deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rugcoach.core.figures.body import TRUNK_RADIUS, Body
from rugcoach.core.figures.geometry import Vec, add, apply, lerp
from rugcoach.core.figures.joints import DOFS

#: Body places a hand may reach for, besides the joints themselves.
SPOTS = ("belly", "lap", "chest", "r_above_knee", "l_above_knee", "r_waist", "l_waist")
STEPS = 40
DELTA = 1e-3


def spot(body: Body, name: str) -> Vec:
    """A named place on the body: a joint or one of ``SPOTS``."""
    joints, frames = body.joints, body.frames
    if name in joints and name != "belly":
        return joints[name]
    if name == "belly":
        return add(joints["root"], apply(frames["pelvis"], (TRUNK_RADIUS + 0.02, 0.08, 0.0)))
    if name == "lap":
        return add(joints["root"], apply(frames["pelvis"], (TRUNK_RADIUS + 0.02, 0.035, 0.0)))
    if name == "chest":
        return add(joints["waist"], apply(frames["thorax"], (TRUNK_RADIUS + 0.035, 0.11, 0.0)))
    side, _, where = name.partition("_")
    if where == "above_knee":
        return lerp(joints[f"{side}_knee"], joints[f"{side}_hip"], 0.15)
    if where == "waist":
        sign = 1.0 if side == "r" else -1.0
        return add(joints["waist"], apply(frames["pelvis"], (0.0, -0.03, sign * 0.1)))
    raise KeyError(f"unknown body place '{name}'")


def reach(
    angles: dict[str, float],
    hand: str,
    target: str,
    build: Callable[[Mapping[str, float]], Body],
    view: str = "side",
    elbow: Callable[[Body], float] | None = None,
) -> Body:
    """Turn ``hand``'s shoulder and elbow so its grip is at ``target``; returns the body.

    In the front view the shoulder moves sideways (abduction) instead of forwards. With
    ``elbow`` (how far the elbow is off its support) the elbow is kept resting as well,
    using the shoulder's flexion and abduction both.
    """
    side = hand[0]
    shoulder = f"{side}_shoulder_abd" if view == "front" else f"{side}_shoulder"
    dofs: tuple[str, ...] = (shoulder, f"{side}_elbow")
    if elbow is not None:
        dofs = (f"{side}_shoulder", f"{side}_shoulder_abd", f"{side}_elbow")
    goal = spot(build(angles), target)

    depth_axis = 1 if view == "top" else 2  # what the picture does not show
    u, v = (i for i in range(3) if i != depth_axis)

    def miss(values: Mapping[str, float]) -> tuple[float, ...]:
        body = build(values)
        grip = body.joints[f"{side}_grip"]
        rest = (elbow(body),) if elbow is not None else ()
        return (grip[u] - goal[u], grip[v] - goal[v], *rest)

    for _ in range(STEPS):
        r = miss(angles)
        if sum(abs(v) for v in r) < 1e-8:
            break
        columns = []
        for dof in dofs:
            moved = miss({**angles, dof: angles[dof] + DELTA})
            columns.append(tuple((m - v) / DELTA for m, v in zip(moved, r, strict=True)))
        step = _solve([list(row) for row in zip(*columns, strict=True)], list(r))
        if step is None:
            break
        largest = max(abs(v) for v in step)
        factor = min(1.0, 15.0 / largest) if largest else 1.0
        for dof, delta in zip(dofs, step, strict=True):
            low, high = DOFS[dof].low, DOFS[dof].high
            angles[dof] = min(high, max(low, angles[dof] - delta * factor))
    return build(angles)


def _solve(matrix: list[list[float]], rhs: list[float]) -> list[float] | None:
    """Gaussian elimination with partial pivoting; None when the matrix is singular."""
    n = len(rhs)
    rows = [[*row, value] for row, value in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda i: abs(rows[i][col]))
        if abs(rows[pivot][col]) < 1e-12:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for i in range(col + 1, n):
            f = rows[i][col] / rows[col][col]
            rows[i] = [a - f * b for a, b in zip(rows[i], rows[col], strict=True)]
    out = [0.0] * n
    for i in reversed(range(n)):
        out[i] = (rows[i][n] - sum(rows[i][j] * out[j] for j in range(i + 1, n))) / rows[i][i]
    return out
