"""Named base poses that keyframes start from and override.

These are body geometry, not clinical content: how a person stands, lies on their back or
kneels on hands and knees. ``tilt`` is the solver's starting guess for how the body is
turned in the picture (0: upright facing right; 90: lying on the back, head on the left;
−90: face down, head on the right; in the front view 90 is lying on the right side).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BasePose:
    angles: dict[str, float]
    contacts: tuple[str | dict[str, object], ...]
    tilt: float = 0.0
    note: str = ""


BASE_POSES: dict[str, BasePose] = {
    "stand": BasePose(
        angles={"elbow": 8, "knee": 2, "hip": 2},
        contacts=("r_foot", "l_foot"),
        note="standing tall, feet hip-width, arms by the sides",
    ),
    "supine": BasePose(
        angles={"ankle": -25, "elbow": 5, "shoulder_abd": 8},
        contacts=("pelvis", "thorax", "head", "r_heel", "l_heel", "r_hand", "l_hand"),
        tilt=90,
        note="lying on the back, legs long, arms beside the body",
    ),
    "hook-lying": BasePose(
        angles={"hip": 50, "knee": 95, "elbow": 5, "shoulder_abd": 8},
        contacts=("pelvis", "thorax", "head", "r_foot", "l_foot", "r_hand", "l_hand"),
        tilt=90,
        note="lying on the back, knees bent, feet flat",
    ),
    "prone": BasePose(
        angles={"ankle": -70, "shoulder": 170, "elbow": 5},
        contacts=(
            "pelvis",
            "thorax",
            "head",
            "r_knee",
            "l_knee",
            "r_toes",
            "l_toes",
            "r_hand",
            "l_hand",
        ),
        tilt=-90,
        note="lying on the front, arms stretched out in front",
    ),
    "quadruped": BasePose(
        angles={"hip": 92, "knee": 95, "shoulder": 82, "wrist": 80, "ankle": -60},
        contacts=("r_knee", "r_hand", "l_knee", "l_hand", "r_toes", "l_toes"),
        tilt=-90,
        note="on hands and knees, hands under the shoulders, knees under the hips",
    ),
    "kneel-sit": BasePose(
        angles={"hip": 130, "knee": 155, "ankle": -75, "lumbar": 40, "neck": 20, "shoulder": 170},
        contacts=("r_shin", "r_hand", "l_shin", "l_hand", "head"),
        tilt=-90,
        note="sitting back on the heels, trunk folded forward",
    ),
    "side-lying": BasePose(
        angles={
            "hip": 45,
            "knee": 90,
            "r_shoulder_abd": 170,
            "l_shoulder": 20,
            "elbow": 10,
            "neck_side": -25,
        },
        contacts=(
            "r_shoulder",
            "r_hip",
            "r_knee",
            {"part": "r_shin", "flat": False, "via": "r_hip_rot"},
        ),
        tilt=90,
        note="lying on the right side (front view), knees bent",
    ),
    "sit": BasePose(
        angles={"hip": 85, "knee": 5, "shoulder": -30, "elbow": 5, "wrist": -60},
        contacts=("pelvis", "r_heel", "l_heel", "r_hand", "l_hand"),
        note="sitting on the floor, legs long, hands behind",
    ),
    "seated": BasePose(
        angles={"hip": 90, "knee": 90, "elbow": 20},
        contacts=("pelvis", "r_foot", "l_foot"),
        note="sitting on a seat, feet flat on the floor",
    ),
}
