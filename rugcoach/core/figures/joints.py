"""Joint angles: names, human ranges and how content writes them.

Body frame (standing, anatomical position): x points forward, y up, z to the body's right.
Joint angles are anatomical and in degrees; zero is the anatomical position:

- ``lumbar``/``neck``: flexion (+ rounds forward, − arches back); ``*_side``: side bend
  (+ to the right); ``*_rot``: rotation (+ the upper part turns to the right).
- ``shoulder``/``hip``: flexion (+ the limb moves forward/up), ``*_abd``: abduction (+ away
  from the midline), ``*_rot``: internal rotation (+) / external rotation (−).
- ``elbow``/``knee``: flexion (0 is straight). ``wrist``: + tips the hand to the palm side.
- ``ankle``: dorsiflexion (+ toes up) / plantar flexion (−).
- ``belly`` is no angle: 0 is a relaxed belly, 1 a belly breathed out fully, −0.5 drawn in.

Limb angles carry a side prefix (``r_``/``l_``); in content a bare name sets both sides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SIDES = ("r", "l")
SIGN = {"r": 1.0, "l": -1.0}


@dataclass(frozen=True)
class Dof:
    """One joint angle: its name, human range (degrees) and whether it is per side."""

    name: str
    low: float
    high: float
    sided: bool


_DOF_LIST = (
    Dof("lumbar", -35, 70, False),
    Dof("lumbar_side", -35, 35, False),
    Dof("lumbar_rot", -60, 60, False),
    Dof("neck", -60, 70, False),
    Dof("neck_side", -40, 40, False),
    Dof("neck_rot", -80, 80, False),
    Dof("shoulder", -60, 180, True),
    Dof("shoulder_abd", -30, 180, True),
    Dof("shoulder_rot", -90, 90, True),
    Dof("elbow", 0, 160, True),
    Dof("wrist", -90, 90, True),
    Dof("hip", -30, 140, True),
    Dof("hip_abd", -45, 70, True),
    Dof("hip_rot", -60, 60, True),
    Dof("knee", 0, 160, True),
    Dof("ankle", -80, 40, True),
    Dof("belly", -0.5, 1, False),  # not an angle: the belly drawn in (−) or breathed out (+)
)
BASE_DOFS: dict[str, Dof] = {dof.name: dof for dof in _DOF_LIST}


def _full_names() -> dict[str, Dof]:
    names: dict[str, Dof] = {}
    for dof in _DOF_LIST:
        if dof.sided:
            for side in SIDES:
                names[f"{side}_{dof.name}"] = dof
        else:
            names[dof.name] = dof
    return names


#: Every joint angle by full name (``lumbar``, ``r_hip``, ``l_shoulder_abd`` …).
DOFS: dict[str, Dof] = _full_names()


def expand_angles(values: Mapping[str, float]) -> dict[str, float]:
    """Full per-side names for content angles: ``hip: 90`` sets ``r_hip`` and ``l_hip``.

    A sided name (``r_hip``) wins over the bare one. Unknown names raise ValueError.
    """
    result: dict[str, float] = {}
    for name, value in values.items():
        if name in BASE_DOFS and BASE_DOFS[name].sided:
            for side in SIDES:
                result.setdefault(f"{side}_{name}", float(value))
        elif name not in DOFS:
            raise ValueError(f"unknown joint angle '{name}'")
    for name, value in values.items():
        if name in DOFS:
            result[name] = float(value)
    return result


def out_of_range(angles: Mapping[str, float], margin: float = 1e-6) -> list[str]:
    """Angles outside their human range, as readable messages."""
    problems = []
    for name, value in sorted(angles.items()):
        dof = DOFS[name]
        if not dof.low - margin <= value <= dof.high + margin:
            problems.append(f"{name} {value:.1f}° is outside {dof.low:g}…{dof.high:g}°")
    return problems
