"""Physical checks on solved keyframes: what the tests (and a content author) rely on.

- every segment keeps its anthropometric length;
- every joint angle stays inside its human range;
- every contact touches its support exactly;
- no part of the body sinks into the floor or into a prop (touching is fine);
- the pose shows what it should (``pose_problems``): each keyframe's ``expects:``, no band
  through the body, nothing lying beside the mat, no mat seen as a floating sheet, no two
  keyframes alike.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import pairwise

from rugcoach.core.figures.body import SEGMENT_LENGTHS, Sphere
from rugcoach.core.figures.expects import BENDS, LIMBS, Expectation, parse_expectation
from rugcoach.core.figures.features import FEATURES
from rugcoach.core.figures.geometry import Vec, add, dot, norm, scale, sub
from rugcoach.core.figures.joints import out_of_range
from rugcoach.core.figures.pose import Figure
from rugcoach.core.figures.props import floor_level, prop_shapes
from rugcoach.core.figures.reach import spot
from rugcoach.core.figures.scene import camera_for, mat_span, solve_all
from rugcoach.core.figures.shapes import PIXELS_PER_HEIGHT, Shape
from rugcoach.core.figures.sizes import MAT_HALF_WIDTH, METRE
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
    problems.extend(pose_problems(figure, placements, span))
    return problems


# --- Checks for poses: the figure shows what its steps say (issue #11) --------------------

ON_FLOOR = 0.01 * METRE  # "on floor": within 1 cm
OFF_FLOOR = 0.05 * METRE  # "off floor": at least 5 cm clear
NEAR_FLOOR = 0.105 * METRE  # "near floor": low, at most about 10 cm up
LEVEL_DEGREES = 10.0  # "level" / "upright": within this of horizontal / vertical
BENT_DEGREES = 45.0  # "bent": drawn at least this far from straight
SEEN_FRACTION = 0.6  # "seen": drawn at least this share of its length
TOGETHER = 0.14 * METRE  # "near" another place: touching, as feet together
NOT_ABOVE = 0.035 * METRE  # "not above": slack for a place level with another
MOVES = 0.14 * METRE  # "moves": the smallest move that reads as rolling to a new spot
BAND_DEPTH = 0.01 * METRE  # a band may brush the clothes, not run through the body
MAT_MARGIN = 0.02 * METRE
BAND_FREE = 0.8  # the share of a band, from its anchor, that must stay clear of the trunk


def _angle(u: Vec, v: Vec) -> float:
    """The angle between two vectors, in degrees (0 when either is zero)."""
    lengths = norm(u) * norm(v)
    if lengths == 0:
        return 0.0
    return math.degrees(math.acos(max(-1.0, min(1.0, dot(u, v) / lengths))))


def _cm(length: float) -> str:
    return f"{length / METRE * 100:.0f} cm"


def expectation_problems(
    figure: Figure,
    name: str,
    placement: Placement,
    span: tuple[float, float, float],
    first: Placement,
) -> list[str]:
    """Every ``expects:`` of one keyframe that the solved pose does not show.

    ``first`` is the figure's first keyframe, which ``moves`` measures from.
    """
    problems = []
    for text in figure.keyframe(name).expects:
        seen = _what_is_seen(figure, parse_expectation(text), placement, span, first)
        if seen is not None:
            problems.append(f"keyframe '{name}': expected '{text}', but {seen}")
    return problems


def _what_is_seen(
    figure: Figure,
    e: Expectation,
    placement: Placement,
    span: tuple[float, float, float],
    first: Placement,
) -> str | None:
    """What the pose shows instead of the expectation, or None when it shows it."""
    body = placement.body
    joints = body.joints
    camera = camera_for(figure)
    floor = floor_level(figure) if figure.prop("mat") is None else 0.0

    def drawn(point: Vec) -> Vec:
        u, v, _ = camera.project(point)
        return (u, v, 0.0)

    if e.verb in ("on", "off", "near") and e.objects == ("floor",):
        # "on": all of it lies there (a forearm, not just the wrist end of a straight
        # arm); "off": all of it is clear; "near": its lowest point is low
        gaps = [s.centre[1] - s.radius - floor for s in FEATURES[e.subject].collect(body)]
        if e.verb == "on" and max(gaps) > ON_FLOOR:
            return f"part of it is {_cm(max(gaps))} above the floor"
        if e.verb == "off" and min(gaps) < OFF_FLOOR:
            return f"it comes within {_cm(min(gaps))} of the floor"
        if e.verb == "near" and min(gaps) > NEAR_FLOOR:
            return f"it is {_cm(min(gaps))} above the floor"
        return None
    if e.verb in ("level", "upright", "rises"):
        a, b = LIMBS[e.subject]
        (dx, dy, dz) = sub(joints[b], joints[a])
        rise = math.degrees(math.atan2(dy, math.hypot(dx, dz)))  # -90 down … 90 up
        if e.verb == "level" and abs(rise) > LEVEL_DEGREES:
            return f"it is {abs(rise):.0f}° from horizontal"
        if e.verb == "upright" and abs(rise) < 90.0 - LEVEL_DEGREES:
            return f"it is {90 - abs(rise):.0f}° from vertical"
        if e.verb == "rises":
            assert e.degrees is not None
            low, high = e.degrees
            if not low <= rise <= high:
                return f"it rises {rise:.0f}° above the horizontal"
        return None
    if e.verb == "seen":
        a, b = LIMBS[e.subject]
        length = math.dist(joints[a], joints[b]) * PIXELS_PER_HEIGHT
        share = norm(sub(drawn(joints[b]), drawn(joints[a]))) / length
        return f"it is drawn at {share:.0%} of its length" if share < SEEN_FRACTION else None
    if e.verb == "bent":
        end_a, joint, end_b = (drawn(joints[j]) for j in BENDS[e.subject])
        bend = 180.0 - _angle(sub(end_a, joint), sub(end_b, joint))
        return f"it is drawn {bend:.0f}° from straight" if bend < BENT_DEGREES else None
    if e.verb in ("below", "above"):  # as drawn: screen y grows downwards
        (other,) = e.objects
        lower = drawn(spot(body, e.subject))[1] > drawn(spot(body, other))[1]
        if lower != (e.verb == "below"):
            return f"it is drawn {'above' if e.verb == 'below' else 'below'} {other}"
        return None
    if e.verb == "not above":
        (other,) = e.objects
        rise = spot(body, e.subject)[1] - spot(body, other)[1]
        return f"it is {_cm(rise)} higher" if rise > NOT_ABOVE else None
    if e.verb == "near":
        (other,) = e.objects
        gap = math.dist(spot(body, e.subject), spot(body, other))
        return f"they are {_cm(gap)} apart" if gap > TOGETHER else None
    if e.verb == "between":
        a, b = e.objects
        shapes = [s for s in prop_shapes(figure, placement, span) if s.key == f"prop.{e.subject}"]
        if not shapes:
            return f"no {e.subject} is drawn"
        centre = shapes[0].points[0]
        pa, pb = spot(body, a), spot(body, b)
        off = _segment_distance(centre, pa, pb)
        along = dot(sub(centre, pa), sub(pb, pa)) / max(1e-9, dot(sub(pb, pa), sub(pb, pa)))
        if off > shapes[0].radii[0] or not 0.0 < along < 1.0:
            return f"it lies {_cm(off)} off the line between them"
        return None
    assert e.verb == "moves"
    moved = math.dist(spot(body, e.subject), spot(first.body, e.subject))
    return f"it moves only {_cm(moved)} from the first keyframe" if moved < MOVES else None


def _trunk_segments(placement: Placement) -> Iterator[tuple[str, Sphere, Sphere]]:
    """The trunk and head as capsules (a tube's samples joined pairwise)."""
    for part in placement.body.parts:
        if part.chain != "trunk":
            continue
        spheres = part.spheres if len(part.spheres) > 1 else part.spheres * 2
        for a, b in pairwise(spheres):
            yield part.name, a, b


def band_problems(figure: Figure, name: str, placement: Placement) -> list[str]:
    """A band or cable from its anchor must not be drawn across the trunk or head.

    Measured in the picture, not in the room: a band that runs beside the body but is
    drawn through the chest reads as another exercise (a Pallof press as a chest press).
    The last stretch, where it reaches the hands in front of the body, may overlap.
    """
    camera = camera_for(figure)

    def drawn(point: Vec) -> Vec:
        u, v, _ = camera.project(point)
        return (u, v, 0.0)

    problems: list[str] = []
    for prop in figure.props:
        if prop.kind not in ("band", "cable") or not prop.to:
            continue
        line = next(
            (s for s in prop_shapes(figure, placement, (0.0, 0.0, 1.0)) if s.key.endswith(".line")),
            None,
        )
        if line is None:  # a loop around the knees runs between body places by design
            continue
        start, end = line.points
        crossed = set()
        for i in range(int(SAMPLES * BAND_FREE)):
            point = drawn(add(start, scale(sub(end, start), i / SAMPLES)))
            for part, a, b in _trunk_segments(placement):
                radius = max(a.radius, b.radius) * PIXELS_PER_HEIGHT
                distance = _segment_distance(point, drawn(a.centre), drawn(b.centre))
                if distance < radius - BAND_DEPTH * PIXELS_PER_HEIGHT:
                    crossed.add(part)
        problems.extend(
            f"keyframe '{name}': the {prop.kind} is drawn through the {part}"
            for part in sorted(crossed)
        )
    return problems


def mat_problems(figure: Figure, name: str, placement: Placement) -> list[str]:
    """With a mat, a trunk, head or leg lying on the floor lies on the mat, not beside it.

    Arms and hands may reach past its edges, as they do on a real 60 cm mat.
    """
    mat = figure.prop("mat")
    if mat is None:
        return []
    middle = mat.z or 0.0
    off = set()
    for part in placement.body.parts:
        if part.chain.endswith("_arm"):
            continue
        for sphere in part.spheres:
            on_floor = sphere.centre[1] - sphere.radius <= ON_FLOOR
            if on_floor and abs(sphere.centre[2] - middle) > MAT_HALF_WIDTH + MAT_MARGIN:
                off.add(part.name)
    return [f"keyframe '{name}': the {part} lies beside the mat" for part in sorted(off)]


def pose_problems(
    figure: Figure, placements: dict[str, Placement], span: tuple[float, float, float]
) -> list[str]:
    """What the drawing shows against what it should: expectations, bands, the mat, and
    faults a reader sees although the physics holds."""
    problems = mat_seen_from_above(figure)
    problems += identical_keyframes(figure, placements)
    first = placements[figure.keyframes[0].name]
    for name, placement in placements.items():
        problems += expectation_problems(figure, name, placement, span, first)
        problems += band_problems(figure, name, placement)
        problems += mat_problems(figure, name, placement)
    return problems


DISTINCT = 0.02  # 3.5 cm: less than the smallest real move (a pelvic tilt, a breath)
MAT_FROM_ABOVE = (15.0, 75.0)  # camera elevations at which a mat reads as a floating sheet
MAT_SQUARE_YAW = 15.0  # a camera turned less than this looks square at the body


def mat_seen_from_above(figure: Figure) -> list[str]:
    """A square side or front view tipped down draws the mat as a sheet and the body above it.

    A turned (three-quarter) camera draws the mat in perspective under the body, which reads
    as lying on it, so only a camera that looks square at the body (|yaw| < 15°) is faulted.
    """
    elevation = figure.camera.elevation if figure.camera else 0.0
    yaw = figure.camera.yaw if figure.camera else 0.0
    low, high = MAT_FROM_ABOVE
    square = abs(yaw) < MAT_SQUARE_YAW
    if (
        figure.prop("mat") is not None
        and figure.view != "top"
        and square
        and low < elevation < high
    ):
        return [
            f"the mat is seen from {elevation:g}° above, so the body seems to float over it: "
            "look from the side (elevation 0) or straight from above"
        ]
    return []


def identical_keyframes(figure: Figure, placements: dict[str, Placement]) -> list[str]:
    """Two keyframes that look the same: the movement is not shown."""
    problems = []
    names = list(placements)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            ja, jb = placements[a].body.joints, placements[b].body.joints
            moved = max(math.dist(ja[j], jb[j]) for j in ja)
            if moved < DISTINCT:
                problems.append(
                    f"keyframes '{a}' and '{b}' look the same (no joint moves more than "
                    f"{moved:.3f}): show the change"
                )
    return problems
