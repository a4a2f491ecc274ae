"""Physical checks on solved keyframes: what the tests (and a content author) rely on.

- every segment keeps its anthropometric length;
- every joint angle stays inside its human range;
- every contact touches its support exactly;
- no part of the body sinks into the floor or into a prop (touching is fine).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from rugcoach.core.figures.body import SEGMENT_LENGTHS, Sphere
from rugcoach.core.figures.geometry import Vec, add, dot, norm, scale, sub
from rugcoach.core.figures.joints import out_of_range
from rugcoach.core.figures.pose import Figure
from rugcoach.core.figures.props import floor_level, prop_shapes
from rugcoach.core.figures.scene import mat_span, solve_all
from rugcoach.core.figures.shapes import Shape
from rugcoach.core.figures.solver import Placement

LENGTH_TOLERANCE = 1e-9
CONTACT_TOLERANCE = 1e-5
DEPTH_TOLERANCE = 1e-4  # 0.2 mm on a 1.75 m body
SOLID_STYLES = ("ball", "roller", "massage-ball", "pillow", "bench", "bed", "wall", "pad")
SAMPLES = 12


def body_spheres(placement: Placement) -> Iterator[tuple[str, Sphere]]:
    """Every part of the body as spheres, capsules sampled along their length."""
    for part in placement.body.parts:
        if part.kind == "capsule":
            (a, b) = part.spheres
            for i in range(SAMPLES + 1):
                t = i / SAMPLES
                centre = add(a.centre, scale(sub(b.centre, a.centre), t))
                yield part.name, Sphere(centre, a.radius + (b.radius - a.radius) * t)
        else:
            for sphere in part.spheres:
                yield part.name, sphere


def _segment_distance(p: Vec, a: Vec, b: Vec) -> float:
    ab = sub(b, a)
    length = dot(ab, ab)
    t = 0.0 if length == 0 else max(0.0, min(1.0, dot(sub(p, a), ab) / length))
    return norm(sub(p, add(a, scale(ab, t))))


def _box_distance(p: Vec, lo: Vec, hi: Vec) -> float:
    """Signed distance from a point to a box (negative inside)."""
    outside = [max(lo[i] - p[i], 0.0, p[i] - hi[i]) for i in range(3)]
    if any(outside):
        return math.sqrt(sum(v * v for v in outside))
    return -min(min(p[i] - lo[i], hi[i] - p[i]) for i in range(3))


def clearance(solid: Shape, sphere: Sphere) -> float:
    """How far a body sphere is from a prop's solid (negative: it sinks in)."""
    p, r = sphere.centre, sphere.radius
    if solid.kind == "ball":
        return norm(sub(p, solid.points[0])) - solid.radii[0] - r
    if solid.kind == "capsule":
        return _segment_distance(p, solid.points[0], solid.points[1]) - solid.radii[0] - r
    if solid.kind == "box":
        return _box_distance(p, solid.points[0], solid.points[1]) - r
    return math.inf


def placement_problems(
    figure: Figure, name: str, placement: Placement, span: tuple[float, float, float]
) -> list[str]:
    """Everything physically wrong with one solved keyframe, as readable sentences."""
    where = f"keyframe '{name}'"
    problems = [f"{where}: {p}" for p in out_of_range(placement.angles)]
    joints = placement.body.joints
    for a, b, length in SEGMENT_LENGTHS:
        if abs(math.dist(joints[a], joints[b]) - length) > LENGTH_TOLERANCE:
            problems.append(f"{where}: segment {a}–{b} is not {length}")
    for contact, _, residual in placement.contacts:
        if abs(residual) > CONTACT_TOLERANCE:
            problems.append(
                f"{where}: {contact.part}@{contact.support} is {residual:+.4f} off its support"
            )
    floor = floor_level(figure) if figure.prop("mat") is None else 0.0
    solids = [s for s in prop_shapes(figure, placement, span) if s.style in SOLID_STYLES]
    worst: dict[tuple[str, str], float] = {}
    for part, sphere in body_spheres(placement):
        depths = [("floor", floor - (sphere.centre[1] - sphere.radius))]
        depths += [(solid.key[5:], -clearance(solid, sphere)) for solid in solids]
        for what, depth in depths:
            if depth > max(DEPTH_TOLERANCE, worst.get((part, what), 0.0)):
                worst[(part, what)] = depth
    problems.extend(
        f"{where}: {part} sinks {depth:.3f} into the {what}"
        for (part, what), depth in sorted(worst.items())
    )
    return problems


def figure_problems(figure: Figure) -> list[str]:
    """Everything physically wrong with a figure's keyframes (empty when all is well)."""
    try:
        placements = solve_all(figure)
    except ValueError as error:
        return [str(error)]
    span = mat_span(figure, list(placements.values()))
    problems: list[str] = []
    for name, placement in placements.items():
        problems.extend(placement_problems(figure, name, placement, span))
    return problems
