"""The body model: segments with fixed, anthropometric lengths, joint angles, forward kinematics.

Lengths are fractions of standing height (1.0), after Winter (2009) and Drillis & Contini
(1966): joint-centre distances, so a 1.75 m adult has a 0.43 m thigh and a 0.33 m forearm.

Body frame (standing, anatomical position): x points forward, y up, z to the body's right.
Joint angles are described in ``joints.py``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from rugcoach.core.figures.geometry import (
    IDENTITY,
    Mat,
    Vec,
    add,
    apply,
    lerp,
    mul,
    rot_x,
    rot_y,
    rot_z,
)
from rugcoach.core.figures.joints import SIDES, SIGN

# Segment lengths (joint centre to joint centre), fractions of height.
ANKLE_HEIGHT = 0.039  # sole to ankle joint
SHIN = 0.246
THIGH = 0.245
HIP_HALF_WIDTH = 0.05  # hip joint centre to the midline
LUMBAR = 0.11  # hip joints' midpoint to the thoracolumbar junction
THORAX = 0.17  # thoracolumbar junction to the shoulder line (C7)
SHOULDER_OFFSET: Vec = (0.015, -0.02, 0.105)  # shoulder joint centre from C7 (right side)
UPPER_ARM = 0.186
FOREARM = 0.146
HAND = 0.085  # wrist to the fingers' middle
HEAD_OFFSET: Vec = (0.02, 0.115, 0.0)  # C7 to the head's centre, in the head frame
HEAD_RADIUS = 0.06
HEEL: Vec = (-0.025, -0.019, 0.0)  # heel sphere centre, from the ankle, foot frame
TOE: Vec = (0.095, -0.027, 0.0)
HEEL_RADIUS = 0.02
TOE_RADIUS = 0.012

# Drawing and contact thickness (radii), fractions of height.
TRUNK_RADIUS = 0.062
CHEST_TOP = THORAX - 0.04  # where the trunk's outline ends below C7
NECK_RADIUS = 0.03
BELLY_OFFSET, BELLY_GROWTH, BELLY_RADIUS = 0.012, 0.04, 0.052
GLUTE_OFFSET: Vec = (-0.03, -0.01, 0.045)
GLUTE_RADIUS = 0.046
SHOULDER_RADIUS = 0.035
RADII: dict[str, tuple[float, float]] = {
    "upper_arm": (0.03, 0.022),
    "forearm": (0.022, 0.016),
    "hand": (0.016, 0.013),
    "thigh": (0.048, 0.032),
    "shin": (0.032, 0.021),
}
TRUNK_SAMPLES = 9


@dataclass(frozen=True)
class Sphere:
    centre: Vec
    radius: float


@dataclass(frozen=True)
class Part:
    """A drawable, solid piece of the body: a tapered capsule, a tube or a ball.

    ``chain`` groups parts that are drawn as one silhouette (``trunk``, ``r_arm`` …);
    ``region`` names what the piece stands for when muscles are highlighted.
    """

    name: str
    chain: str
    kind: str  # "capsule" (two spheres and their hull), "tube" (polyline), "ball"
    spheres: tuple[Sphere, ...]
    region: str
    side: str | None = None


@dataclass(frozen=True)
class Body:
    """A posed body: joint positions, segment frames and solid parts, in one frame."""

    joints: dict[str, Vec]
    frames: dict[str, Mat]
    parts: tuple[Part, ...]

    def part(self, name: str) -> Part:
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(name)

    def turned(self, rotation: Mat) -> Body:
        """The same body turned about the origin."""
        return Body(
            {name: apply(rotation, point) for name, point in self.joints.items()},
            {name: mul(rotation, frame) for name, frame in self.frames.items()},
            tuple(
                Part(
                    part.name,
                    part.chain,
                    part.kind,
                    tuple(Sphere(apply(rotation, s.centre), s.radius) for s in part.spheres),
                    part.region,
                    part.side,
                )
                for part in self.parts
            ),
        )


def _limb_rotation(flex: float, abd: float, rot: float, sign: float) -> Mat:
    return mul(mul(rot_z(flex), rot_x(-sign * abd)), rot_y(sign * rot))


def _angle(angles: Mapping[str, float], name: str) -> float:
    return angles.get(name, 0.0)


def _quadratic(a: Vec, mid: Vec, b: Vec, t: float) -> Vec:
    """Point t of the quadratic curve through a (t=0), mid (t=0.5) and b (t=1)."""
    control = tuple(2 * m - (p + q) / 2 for m, p, q in zip(mid, a, b, strict=True))
    u = 1 - t
    return tuple(  # type: ignore[return-value]
        u * u * p + 2 * u * t * c + t * t * q for p, c, q in zip(a, control, b, strict=True)
    )


def _capsule(
    name: str, chain: str, a: Vec, b: Vec, radii: tuple[float, float], region: str, side: str | None
) -> Part:
    return Part(name, chain, "capsule", (Sphere(a, radii[0]), Sphere(b, radii[1])), region, side)


def pose_body(angles: Mapping[str, float], rotation: Mat = IDENTITY, root: Vec = (0, 0, 0)) -> Body:
    """Forward kinematics: the body for these joint angles, its pelvis at ``root``.

    ``rotation`` turns the pelvis frame into the world frame; ``angles`` use full names
    (see ``expand_angles``); missing angles are 0.
    """
    joints: dict[str, Vec] = {"root": root}
    frames: dict[str, Mat] = {"pelvis": rotation}

    def at(frame: Mat, origin: Vec, offset: Vec) -> Vec:
        return add(origin, apply(frame, offset))

    pelvis = rotation
    joints["waist"] = at(pelvis, root, (0.0, LUMBAR, 0.0))
    belly = _angle(angles, "belly")
    joints["belly"] = at(pelvis, root, (BELLY_OFFSET + BELLY_GROWTH * belly, 0.07, 0.0))
    thorax = mul(
        pelvis,
        mul(
            mul(rot_z(-_angle(angles, "lumbar")), rot_x(_angle(angles, "lumbar_side"))),
            rot_y(-_angle(angles, "lumbar_rot")),
        ),
    )
    frames["thorax"] = thorax
    joints["c7"] = at(thorax, joints["waist"], (0.0, THORAX, 0.0))
    joints["chest"] = at(thorax, joints["waist"], (0.0, CHEST_TOP, 0.0))
    head = mul(
        thorax,
        mul(
            mul(rot_z(-_angle(angles, "neck")), rot_x(_angle(angles, "neck_side"))),
            rot_y(-_angle(angles, "neck_rot")),
        ),
    )
    frames["head"] = head
    joints["head"] = at(head, joints["c7"], HEAD_OFFSET)

    for side in SIDES:
        s = SIGN[side]
        shoulder = at(
            thorax, joints["c7"], (SHOULDER_OFFSET[0], SHOULDER_OFFSET[1], s * SHOULDER_OFFSET[2])
        )
        upper = mul(
            thorax,
            _limb_rotation(
                _angle(angles, f"{side}_shoulder"),
                _angle(angles, f"{side}_shoulder_abd"),
                _angle(angles, f"{side}_shoulder_rot"),
                s,
            ),
        )
        forearm = mul(upper, rot_z(_angle(angles, f"{side}_elbow")))
        hand = mul(forearm, rot_z(_angle(angles, f"{side}_wrist")))
        joints[f"{side}_shoulder"] = shoulder
        joints[f"{side}_elbow"] = at(upper, shoulder, (0.0, -UPPER_ARM, 0.0))
        joints[f"{side}_wrist"] = at(forearm, joints[f"{side}_elbow"], (0.0, -FOREARM, 0.0))
        joints[f"{side}_fingers"] = at(hand, joints[f"{side}_wrist"], (0.0, -HAND, 0.0))
        joints[f"{side}_grip"] = lerp(joints[f"{side}_wrist"], joints[f"{side}_fingers"], 0.45)
        frames[f"{side}_upper_arm"], frames[f"{side}_forearm"] = upper, forearm
        frames[f"{side}_hand"] = hand

        hip = at(pelvis, root, (0.0, 0.0, s * HIP_HALF_WIDTH))
        thigh = mul(
            pelvis,
            _limb_rotation(
                _angle(angles, f"{side}_hip"),
                _angle(angles, f"{side}_hip_abd"),
                _angle(angles, f"{side}_hip_rot"),
                s,
            ),
        )
        shin = mul(thigh, rot_z(-_angle(angles, f"{side}_knee")))
        foot = mul(shin, rot_z(_angle(angles, f"{side}_ankle")))
        joints[f"{side}_hip"] = hip
        joints[f"{side}_knee"] = at(thigh, hip, (0.0, -THIGH, 0.0))
        joints[f"{side}_ankle"] = at(shin, joints[f"{side}_knee"], (0.0, -SHIN, 0.0))
        joints[f"{side}_heel"] = at(foot, joints[f"{side}_ankle"], HEEL)
        joints[f"{side}_toes"] = at(foot, joints[f"{side}_ankle"], TOE)
        joints[f"{side}_glute"] = at(
            pelvis, root, (GLUTE_OFFSET[0], GLUTE_OFFSET[1], s * GLUTE_OFFSET[2])
        )
        frames[f"{side}_thigh"], frames[f"{side}_shin"], frames[f"{side}_foot"] = thigh, shin, foot

    return Body(joints=joints, frames=frames, parts=_parts(joints))


def _parts(j: dict[str, Vec]) -> tuple[Part, ...]:
    spine = [
        _quadratic(j["root"], j["waist"], j["chest"], i / (TRUNK_SAMPLES - 1))
        for i in range(TRUNK_SAMPLES)
    ]
    half = TRUNK_SAMPLES // 2 + 1  # the lower back reaches a little above the waist
    parts: list[Part] = [
        Part(
            "pelvis",
            "trunk",
            "tube",
            tuple(Sphere(p, TRUNK_RADIUS) for p in spine[: half + 1]),
            "lower-trunk",
        ),
        Part(
            "thorax",
            "trunk",
            "tube",
            tuple(Sphere(p, TRUNK_RADIUS) for p in spine[half:]),
            "upper-trunk",
        ),
        Part("belly", "trunk", "ball", (Sphere(j["belly"], BELLY_RADIUS),), "lower-trunk"),
        _capsule(
            "shoulders",
            "trunk",
            j["l_shoulder"],
            j["r_shoulder"],
            (SHOULDER_RADIUS, SHOULDER_RADIUS),
            "upper-trunk",
            None,
        ),
        _capsule("neck", "trunk", j["c7"], j["head"], (NECK_RADIUS, NECK_RADIUS), "head", None),
        Part("head", "trunk", "ball", (Sphere(j["head"], HEAD_RADIUS),), "head"),
    ]
    for side in SIDES:
        parts.append(
            Part(
                f"{side}_glute",
                f"{side}_leg",
                "ball",
                (Sphere(j[f"{side}_glute"], GLUTE_RADIUS),),
                "glute",
                side,
            )
        )
    for side in SIDES:
        arm, leg = f"{side}_arm", f"{side}_leg"
        segments = (
            ("upper_arm", arm, "shoulder", "elbow", "arm"),
            ("forearm", arm, "elbow", "wrist", "arm"),
            ("hand", arm, "wrist", "fingers", "arm"),
            ("thigh", leg, "hip", "knee", "thigh"),
            ("shin", leg, "knee", "ankle", "shin"),
        )
        for name, chain, a, b, region in segments:
            parts.append(
                _capsule(
                    f"{side}_{name}",
                    chain,
                    j[f"{side}_{a}"],
                    j[f"{side}_{b}"],
                    RADII[name],
                    region,
                    side,
                )
            )
        parts.append(
            _capsule(
                f"{side}_foot",
                leg,
                j[f"{side}_heel"],
                j[f"{side}_toes"],
                (HEEL_RADIUS, TOE_RADIUS),
                "foot",
                side,
            )
        )
    return tuple(parts)


#: Segment lengths the solver must keep, as (joint, joint, length).
SEGMENT_LENGTHS: tuple[tuple[str, str, float], ...] = (
    ("root", "waist", LUMBAR),
    ("waist", "c7", THORAX),
    *(
        item
        for side in SIDES
        for item in (
            (f"{side}_shoulder", f"{side}_elbow", UPPER_ARM),
            (f"{side}_elbow", f"{side}_wrist", FOREARM),
            (f"{side}_wrist", f"{side}_fingers", HAND),
            (f"{side}_hip", f"{side}_knee", THIGH),
            (f"{side}_knee", f"{side}_ankle", SHIN),
            ("root", f"{side}_hip", HIP_HALF_WIDTH),
            ("c7", f"{side}_shoulder", math.dist((0, 0, 0), SHOULDER_OFFSET)),
        )
    ),
)
