"""Physical checks on solved keyframes: what the tests (and a content author) rely on.

- every segment keeps its anthropometric length;
- every joint angle stays inside its human range;
- every contact touches its support exactly;
- no part of the body sinks into the floor or into a prop (touching is fine);
- the pose shows what it should (``pose_problems``): each keyframe's ``expects:``, no band
  through the body, nothing lying beside the mat.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import pairwise

from rugcoach.core.figures.body import SEGMENT_LENGTHS, Sphere
from rugcoach.core.figures.expects import BENDS, LIMBS, parse_expectation
from rugcoach.core.figures.features import FEATURES
from rugcoach.core.figures.geometry import Vec, add, dot, norm, scale, sub
from rugcoach.core.figures.joints import out_of_range
from rugcoach.core.figures.pose import Expect, Figure
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
    problems.extend(pose_problems(figure, placements))
    problems.extend(picture_problems(figure, placements, span))
    return problems


# --- Checks for poses: the figure shows what its steps say (issue #11) --------------------

ON_FLOOR = 0.01 * METRE  # "on floor": within 1 cm
OFF_FLOOR = 0.05 * METRE  # "off floor": at least 5 cm clear
LEVEL_DEGREES = 10.0  # "level" / "upright": within this of horizontal / vertical
BENT_DEGREES = 45.0  # "bent": drawn at least this far from straight
SEEN_FRACTION = 0.6  # "seen": drawn at least this share of its length
BAND_DEPTH = 0.01 * METRE  # a band may brush the clothes, not run through the body
MAT_MARGIN = 0.02 * METRE
BAND_FREE = 0.8  # the share of a band, from its anchor, that must stay clear of the trunk


def _angle(u: Vec, v: Vec) -> float:
    """The angle between two vectors, in degrees (0 when either is zero)."""
    lengths = norm(u) * norm(v)
    if lengths == 0:
        return 0.0
    return math.degrees(math.acos(max(-1.0, min(1.0, dot(u, v) / lengths))))


def expectation_problems(figure: Figure, name: str, placement: Placement) -> list[str]:
    """Every ``expects:`` of one keyframe that the solved pose does not show."""
    keyframe = figure.keyframe(name)
    joints = placement.body.joints
    camera = camera_for(figure)
    floor = floor_level(figure) if figure.prop("mat") is None else 0.0

    def drawn(point: str) -> Vec:
        u, v, _ = camera.project(joints[point])
        return (u, v, 0.0)

    problems = []
    for text in keyframe.expects:
        e = parse_expectation(text)
        ok = True
        if e.verb in ("on", "off"):
            # "on": all of it lies there (a forearm, not just the wrist end of a straight
            # arm); "off": all of it is clear
            spheres = FEATURES[e.subject].collect(placement.body)
            gaps = [s.centre[1] - s.radius - floor for s in spheres]
            ok = max(gaps) <= ON_FLOOR if e.verb == "on" else min(gaps) >= OFF_FLOOR
        elif e.verb in ("level", "upright"):
            a, b = LIMBS[e.subject]
            tilt = _angle(sub(joints[b], joints[a]), (0.0, 1.0, 0.0))  # 0 up … 180 down
            from_horizontal = abs(90.0 - tilt)
            ok = (
                from_horizontal <= LEVEL_DEGREES
                if e.verb == "level"
                else from_horizontal >= 90.0 - LEVEL_DEGREES
            )
        elif e.verb == "seen":
            a, b = LIMBS[e.subject]
            length = math.dist(joints[a], joints[b]) * PIXELS_PER_HEIGHT
            ok = norm(sub(drawn(b), drawn(a))) >= SEEN_FRACTION * length
        elif e.verb == "bent":
            a, joint, b = BENDS[e.subject]
            inner = _angle(sub(drawn(a), drawn(joint)), sub(drawn(b), drawn(joint)))
            ok = 180.0 - inner >= BENT_DEGREES
        else:  # below / above, as drawn: screen y grows downwards
            assert e.object is not None
            lower = drawn(e.subject)[1] > drawn(e.object)[1]
            ok = lower if e.verb == "below" else not lower
        if not ok:
            problems.append(f"keyframe '{name}': expected '{text}', the drawing does not show it")
    return problems


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


def pose_problems(figure: Figure, placements: dict[str, Placement]) -> list[str]:
    """What the drawing shows against what it should: expectations, bands, the mat."""
    problems: list[str] = []
    for name, placement in placements.items():
        problems.extend(expectation_problems(figure, name, placement))
        problems.extend(band_problems(figure, name, placement))
        problems.extend(mat_problems(figure, name, placement))
    return problems


# --- What the picture shows (issue #11): faults a reader sees although the physics holds.

TOGETHER = 0.08  # 14 cm between two places that should touch (feet together)
NEAR_FLOOR = 0.06  # 10 cm: "low, near the floor"
NOT_ABOVE = 0.02  # 3.5 cm of slack for a place that should not be higher than another
DISTINCT = 0.02  # 3.5 cm: less than the smallest real move (a pelvic tilt, a breath)
MOVES = 0.08  # 14 cm: a place that "moves" (rolls to a new spot) must move this far
MAT_FROM_ABOVE = (15.0, 75.0)  # camera elevations at which a mat reads as a floating sheet
MAT_SQUARE_YAW = 15.0  # a camera turned less than this looks square at the body


def picture_problems(
    figure: Figure, placements: dict[str, Placement], span: tuple[float, float, float]
) -> list[str]:
    """Faults in what the figure shows: the general ones and the figure's ``expect`` rules."""
    problems = mat_seen_from_above(figure)
    problems += identical_keyframes(figure, placements)
    first = figure.keyframes[0].name
    for expect in figure.expect:
        default = [n for n in placements if n != first] if expect.moves else list(placements)
        for name in expect.keyframes or default:
            problems += [
                f"keyframe '{name}': {p}"
                for p in expect_rule_problems(
                    figure, expect, placements[name], span, placements[first]
                )
            ]
    return problems


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


def _lowest(body_part: str, placement: Placement) -> float:
    spheres = FEATURES[body_part].collect(placement.body)
    return min(s.centre[1] - s.radius for s in spheres)


def expect_rule_problems(
    figure: Figure,
    expect: Expect,
    placement: Placement,
    span: tuple[float, float, float],
    first: Placement,
) -> list[str]:
    """One ``expect`` rule of the figure checked on one solved keyframe."""
    body = placement.body
    if expect.moves is not None:
        moved = math.dist(spot(body, expect.moves), spot(first.body, expect.moves))
        if moved < MOVES:
            return [f"{expect.moves} moves only {moved:.3f} from the first keyframe"]
        return []
    if expect.together is not None:
        a, b = expect.together
        gap = math.dist(spot(body, a), spot(body, b))
        return [f"{a} and {b} are {gap:.3f} apart, not together"] if gap > TOGETHER else []
    if expect.near_floor is not None:
        floor = floor_level(figure) if figure.prop("mat") is None else 0.0
        return [
            f"{part} is {_lowest(part, placement) - floor:.3f} above the floor, not near it"
            for part in expect.near_floor
            if _lowest(part, placement) - floor > NEAR_FLOOR
        ]
    if expect.not_above is not None:
        a, b = expect.not_above
        rise = spot(body, a)[1] - spot(body, b)[1]
        return [f"{a} is {rise:.3f} higher than {b}"] if rise > NOT_ABOVE else []
    if expect.between is not None:
        kind, a, b = expect.between
        shapes = [s for s in prop_shapes(figure, placement, span) if s.key == f"prop.{kind}"]
        if not shapes:
            return [f"no {kind} is drawn"]
        centre = shapes[0].points[0]
        pa, pb = spot(body, a), spot(body, b)
        off = _segment_distance(centre, pa, pb)
        along = dot(sub(centre, pa), sub(pb, pa)) / max(1e-9, dot(sub(pb, pa), sub(pb, pa)))
        if off > shapes[0].radii[0] or not 0.0 < along < 1.0:
            return [f"the {kind} is not between {a} and {b} ({off:.3f} off their line)"]
        return []
    assert expect.neck_rise is not None
    low, high = expect.neck_rise
    c7, head = body.joints["c7"], body.joints["head"]
    angle = math.degrees(math.atan2(head[1] - c7[1], math.hypot(head[0] - c7[0], head[2] - c7[2])))
    if not low <= angle <= high:
        return [f"the neck rises {angle:.0f}° above the horizontal, not {low:g}…{high:g}"]
    return []
