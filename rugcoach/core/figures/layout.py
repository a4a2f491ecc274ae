"""Drawing order (painter's algorithm by chain) and the arrows that show a movement."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rugcoach.core.figures import svg
from rugcoach.core.figures.props import BACK_PROPS
from rugcoach.core.figures.scene import Frame, moved_joints
from rugcoach.core.figures.shapes import Camera, Shape, depth

ARROW_MIN_PIXELS = 6.0
ARROW_SHORTEN = 0.18
ARROW_BEND = 0.25
ARROW_HEAD = 7.0
TILT_MIN_DEGREES = 4.0
TILT_SWEEP_DEGREES = 80.0
TILT_RADIUS = 16.0


def ordered(camera: Camera, shapes: Sequence[Shape]) -> list[tuple[str, list[Shape]]]:
    """Shapes grouped, groups back to front: mat and wall first, then by depth.

    Arms lying beside a lying body are drawn behind its trunk, as in a hand drawing,
    so that the near arm does not cut the trunk's outline in two.
    """
    groups: dict[str, list[Shape]] = {}
    for shape in shapes:
        groups.setdefault(shape.group, []).append(shape)
    trunk = groups.get("trunk", [])
    tucked = set()
    if trunk and camera.elevation < 45:
        ys = [p[1] for s in trunk for p in s.points]
        spine = [s for s in trunk if s.kind == "tube"]
        ends = [spine[0].points[0], spine[-1].points[-1]] if spine else []
        lying = bool(ends) and abs(ends[1][1] - ends[0][1]) < 0.5 * max(
            1e-9, abs(ends[1][0] - ends[0][0])
        )
        for arm in ("r_arm", "l_arm"):
            members = groups.get(arm, [])
            if lying and members:
                arm_y = [p[1] for s in members for p in s.points]
                if sum(arm_y) / len(arm_y) < sum(ys) / len(ys):
                    tucked.add(arm)

    def key(item: tuple[str, list[Shape]]) -> tuple[int, float, int]:
        name, members = item
        base = name.split(":")[0]
        back = 0 if any(base.startswith(f"prop.{kind}") for kind in BACK_PROPS) else 1
        chain_depth = sum(depth(camera, s) for s in members) / len(members)
        if ":" in name:  # attachments (held weights, a band's line) go over their owner
            owner = groups.get(base)
            if owner:
                chain_depth = sum(depth(camera, s) for s in owner) / len(owner) + 1e-3
        if name in tucked:
            chain_depth = -1.0 + chain_depth * 1e-3
        return back, round(chain_depth, 6), 1 if ":" in name else 0

    def layer(shape: Shape) -> int:
        # glutes hide behind the thigh unless highlighted, then they sit on top of it
        if shape.key.endswith("_glute"):
            return 2 if "hl" in shape.style.split() else 0
        return 0 if shape.key == "body.belly" else 1

    return [(name, sorted(members, key=layer)) for name, members in sorted(groups.items(), key=key)]


def motion_arrows(
    camera: Camera, before: Frame, after: Frame, offset: tuple[float, float]
) -> list[str]:
    """Curved arrows from where the most-moved joints were to where they are now.

    At most two, from different limbs, each at least 60% of the largest movement.
    """
    moves = moved_joints(before.placement.body, after.placement.body, camera)
    if not moves or moves[0][1] < ARROW_MIN_PIXELS:
        return _tilt_arrow(camera, before, after, offset)
    chosen: list[str] = []
    for name, distance in moves:
        if distance < max(ARROW_MIN_PIXELS, 0.6 * moves[0][1]) or len(chosen) == 2:
            break
        limb = name.split("_")[0] if "_" in name else "trunk"
        if any((c.split("_")[0] if "_" in c else "trunk") == limb for c in chosen):
            continue
        chosen.append(name)
    root = camera.project(after.placement.body.joints["root"])
    out = []
    for name in chosen:
        a = camera.project(before.placement.body.joints[name])
        b = camera.project(after.placement.body.joints[name])
        dx, dy = b[0] - a[0], b[1] - a[1]
        start = (a[0] + dx * ARROW_SHORTEN + offset[0], a[1] + dy * ARROW_SHORTEN + offset[1])
        end = (b[0] - dx * ARROW_SHORTEN + offset[0], b[1] - dy * ARROW_SHORTEN + offset[1])
        # bow away from the body's centre
        mid = ((a[0] + b[0]) / 2 - root[0], (a[1] + b[1]) / 2 - root[1])
        bend = -ARROW_BEND if dx * mid[1] - dy * mid[0] > 0 else ARROW_BEND
        shaft, head = svg.arrow(start, end, bend, ARROW_HEAD)
        out.append(f'<path class="arrow" d="{shaft}"/><path class="arrowhead" d="{head}"/>')
    return out


def _tilt_arrow(
    camera: Camera, before: Frame, after: Frame, offset: tuple[float, float]
) -> list[str]:
    """For a movement too small for joint arrows (a pelvic tilt): an arc about the pelvis."""

    def pelvis_angle(frame: Frame) -> float:
        root = camera.project(frame.placement.body.joints["root"])
        waist = camera.project(frame.placement.body.joints["waist"])
        return math.atan2(waist[1] - root[1], waist[0] - root[0])

    turn = math.degrees(pelvis_angle(after) - pelvis_angle(before))
    turn = (turn + 180) % 360 - 180
    if abs(turn) < TILT_MIN_DEGREES:
        return []
    root = camera.project(after.placement.body.joints["root"])
    centre = (root[0] + offset[0], root[1] + offset[1])
    behind = pelvis_angle(after) + math.pi  # the arc sits opposite the trunk, under the pelvis
    sweep = math.radians(TILT_SWEEP_DEGREES) * (1 if turn > 0 else -1)
    start, end = behind - sweep / 2, behind + sweep / 2

    def at(angle: float) -> tuple[float, float]:
        return (
            centre[0] + TILT_RADIUS * math.cos(angle),
            centre[1] + TILT_RADIUS * math.sin(angle),
        )

    p0, p1 = at(start), at(end)
    flag = 1 if turn > 0 else 0
    shaft = f"M{svg.pt(p0)}A{svg.num(TILT_RADIUS)} {svg.num(TILT_RADIUS)} 0 0 {flag} {svg.pt(p1)}"
    tangent = end + (math.pi / 2 if turn > 0 else -math.pi / 2)
    tip = (p1[0] + 2 * math.cos(tangent), p1[1] + 2 * math.sin(tangent))
    _, head = svg.arrow(p1, tip, 0.0, ARROW_HEAD)
    return [f'<path class="arrow" d="{shaft}"/><path class="arrowhead" d="{head}"/>']
