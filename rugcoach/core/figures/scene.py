"""From a figure to frames of shapes: solving, in-between poses, highlighting, timing."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from rugcoach.core.figures.body import Body, pose_body
from rugcoach.core.figures.geometry import Vec
from rugcoach.core.figures.pose import Figure, Keyframe
from rugcoach.core.figures.props import prop_shapes
from rugcoach.core.figures.shapes import Camera, Shape
from rugcoach.core.figures.solver import Placement, solve, solve_keyframe, support_specs
from rugcoach.core.figures.supports import Placed

#: Which drawn body region stands for each target muscle.
MUSCLE_REGIONS: dict[str, str] = {
    "erector-spinae": "lower-trunk",
    "multifidus": "lower-trunk",
    "quadratus-lumborum": "lower-trunk",
    "transversus-abdominis": "lower-trunk",
    "rectus-abdominis": "lower-trunk",
    "obliques": "lower-trunk",
    "diaphragm": "lower-trunk",
    "pelvic-floor": "lower-trunk",
    "gluteus-maximus": "glute",
    "gluteus-medius": "glute",
    "hamstrings": "thigh",
    "hip-flexors": "thigh",
    "quadriceps": "thigh",
}
PRIMARY_MUSCLES = 2  # the first muscles listed are the exercise's main targets
SIDED_REGIONS = {"glute", "thigh", "shin", "arm", "foot"}
STEPS_PER_MOVE = 6
MAX_HOLD_SECONDS = 3.0
WALL_ABOVE_HEAD = 0.12
MIN_WALL = 0.45
START_REST_SECONDS = 0.6
PASS_SECONDS = 0.25
MIN_MOVE_SECONDS = 0.6


def highlight_regions(muscles: Sequence[str]) -> frozenset[str]:
    """The body regions drawn in yellow for an exercise's main target muscles.

    The first muscle always counts; the second only where it is trunk or glutes, so that
    a bridge lights up the glutes and not the whole leg.
    """
    regions = [
        MUSCLE_REGIONS[str(m)] for m in muscles[:PRIMARY_MUSCLES] if str(m) in MUSCLE_REGIONS
    ]
    return frozenset(r for i, r in enumerate(regions) if i == 0 or r != "thigh")


def camera_for(figure: Figure) -> Camera:
    if figure.camera is not None:
        return Camera(figure.camera.yaw, figure.camera.elevation)
    return Camera(0.0, 90.0) if figure.view == "top" else Camera()


def near_side(camera: Camera, body: Body) -> str:
    """The side nearer the viewer (drawn darker); the right side when it is a tie."""
    right = sum(camera.project(body.joints[f"r_{j}"])[2] for j in ("hip", "shoulder"))
    left = sum(camera.project(body.joints[f"l_{j}"])[2] for j in ("hip", "shoulder"))
    return "l" if left > right + 0.02 else "r"


def body_shapes(body: Body, near: str, regions: frozenset[str], side: str) -> list[Shape]:
    working = {"right": {"r"}, "left": {"l"}, "both": {"r", "l"}, "none": set()}[side]
    shapes = []
    for part in body.parts:
        tone = "near" if part.chain == "trunk" or part.side in (None, near) else "far"
        if part.region == "glute":
            tone = "near"  # the buttocks belong to the trunk's outline
        lit = part.region in regions and (part.region not in SIDED_REGIONS or part.side in working)
        style = f"{tone} hl" if lit else tone
        points = tuple(s.centre for s in part.spheres)
        radii = tuple(s.radius for s in part.spheres)
        kind = part.kind
        if kind == "tube":
            radii = (radii[0],)
        shapes.append(Shape(f"body.{part.name}", part.chain, style, kind, points, radii))
    return shapes


@dataclass(frozen=True)
class Frame:
    """One picture: the solved pose and every shape in it."""

    placement: Placement
    keyframe: Keyframe
    shapes: tuple[Shape, ...]


@functools.lru_cache(maxsize=256)
def solve_all(figure: Figure) -> dict[str, Placement]:
    """Every keyframe solved (cached: a figure is immutable, so is its solution)."""
    return {kf.name: solve_keyframe(figure, kf) for kf in figure.keyframes}


def mat_span(figure: Figure, placements: Sequence[Placement]) -> tuple[float, float, float]:
    """Where the mat runs (x from, x to) and how high a wall reaches, over all poses."""
    xs = [
        x
        for p in placements
        for part in p.body.parts
        for s in part.spheres
        if s.centre[1] - s.radius < 0.12
        for x in (s.centre[0] - s.radius, s.centre[0] + s.radius)
    ] or [0.0]
    top = max(s.centre[1] + s.radius for p in placements for part in p.body.parts
              for s in part.spheres)  # fmt: skip
    return min(xs) - 0.08, max(xs) + 0.08, max(top + WALL_ABOVE_HEAD, MIN_WALL)


def make_frame(
    figure: Figure,
    placement: Placement,
    keyframe: Keyframe,
    *,
    camera: Camera,
    near: str,
    regions: frozenset[str],
    span: tuple[float, float, float],
) -> Frame:
    shapes = [
        *prop_shapes(figure, placement, span),
        *body_shapes(placement.body, near, regions, keyframe.side),
    ]
    return Frame(placement, keyframe, tuple(shapes))


def between(
    figure: Figure, a: Placement, ka: Keyframe, b: Placement, kb: Keyframe, s: float
) -> Placement:
    """An in-between pose: angles blended, contacts both poses share kept touching."""
    angles = {name: a.angles[name] + (b.angles[name] - a.angles[name]) * s for name in a.angles}
    keys_b = {c.key for c in kb.resolved_contacts()}
    common = tuple(c for c in ka.resolved_contacts() if c.key in keys_b)
    theta = a.theta + (b.theta - a.theta) * s
    specs = support_specs(figure)
    contacts = common or ka.resolved_contacts()
    try:
        placed = solve(
            angles,
            contacts,
            specs,
            view=figure.view,
            hint=theta,
            roll=ka.roll + (kb.roll - ka.roll) * s,
            anchor=figure.anchor,
            strict=False,
            window=25.0,
            precise=False,
        )
    except ValueError:
        return a if s < 0.5 else b
    if figure.anchor is not None:
        return placed
    first = contacts[0]
    xa = next((p[0] for c, p, _ in a.contacts if c.key == first.key), 0.0)
    xb = next((p[0] for c, p, _ in b.contacts if c.key == first.key), 0.0)
    return _shifted(placed, xa + (xb - xa) * s)


def _shifted(placement: Placement, dx: float) -> Placement:
    """The same placement moved ``dx`` to the right."""
    if abs(dx) < 1e-12:
        return placement
    root = (placement.root[0] + dx, placement.root[1], placement.root[2])
    body = pose_body(placement.angles, placement.rotation, root)

    def move(v: Vec) -> Vec:
        return (v[0] + dx, v[1], v[2])

    supports = {
        k: Placed(move(p.point), p.normal, None if p.centre is None else move(p.centre))
        for k, p in placement.supports.items()
    }
    contacts = tuple((c, move(p), r) for c, p, r in placement.contacts)
    return Placement(
        placement.angles, placement.theta, root, placement.rotation, body, contacts, supports
    )


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)


def timing(figure: Figure, dose: object | None) -> tuple[float, float, float]:
    """Seconds to move out, to hold, and to come back, from the exercise's dose."""
    move, pause, back = 2.0, 1.0, 2.0
    tempo = getattr(dose, "tempo", None)
    pace = getattr(dose, "breathing_pace", None)
    hold = getattr(dose, "hold_seconds", None)
    if tempo is not None:
        move, pause, back = float(tempo.move), float(tempo.pause), float(tempo.back)
    elif pace is not None:
        move, pause, back = float(pace.inhale), float(pace.hold), float(pace.exhale)
    if hold is not None and (tempo is None or tempo.pause == 0):
        pause = float(hold.low)
    k = figure.time_scale
    return (
        max(move * k, MIN_MOVE_SECONDS),
        min(pause * k, MAX_HOLD_SECONDS),
        max(back * k, MIN_MOVE_SECONDS),
    )


def timeline(
    figure: Figure, placements: dict[str, Placement], dose: object | None
) -> list[tuple[float, Placement, Keyframe]]:
    """(time, pose, keyframe it belongs to) through one loop; the last time is the loop's end."""
    move, pause, back = timing(figure, dose)
    order = figure.loop_order
    steps: list[tuple[float, Placement, Keyframe]] = []
    now = 0.0
    for index, keyframe in enumerate(order):
        placement = placements[keyframe.name]
        dwell = START_REST_SECONDS if index == 0 else PASS_SECONDS
        if keyframe.hold:
            dwell = pause
        steps.append((now, placement, keyframe))
        now += dwell
        steps.append((now, placement, keyframe))
        target = order[(index + 1) % len(order)]
        duration = back if target is order[0] else move
        for k in range(1, STEPS_PER_MOVE):
            s = _ease(k / STEPS_PER_MOVE)
            pose = between(figure, placement, keyframe, placements[target.name], target, s)
            steps.append((now + duration * k / STEPS_PER_MOVE, pose, keyframe))
        now += duration
    steps.append((now, placements[order[0].name], order[0]))
    return steps


def moved_joints(a: Body, b: Body, camera: Camera) -> list[tuple[str, float]]:
    """Joints ordered by how far they move on screen between two poses."""
    names = (
        "root",
        "waist",
        "c7",
        "head",
        "r_wrist",
        "l_wrist",
        "r_elbow",
        "l_elbow",
        "r_knee",
        "l_knee",
        "r_ankle",
        "l_ankle",
    )
    moves = []
    for name in names:
        pa, pb = camera.project(a.joints[name]), camera.project(b.joints[name])
        moves.append((name, math.hypot(pa[0] - pb[0], pa[1] - pb[1])))
    return sorted(moves, key=lambda item: -item[1])
