"""What a keyframe must show, declared in content: ``expects: [l_foot off floor, …]``.

The physical checks (``checks.py``) prove a pose is possible; these prove it is the pose
the steps describe, so a figure cannot quietly drift into another exercise (a bird dog
whose "raised" leg still rests on the floor, a side plank on a straight arm where the text
says forearm). Each expectation is a short sentence, parsed here when the catalog loads
and measured on the solved keyframe by ``checks.expectation_problems``:

- ``<part> on floor`` / ``<part> off floor``: all of a contact part (``r_forearm``,
  ``l_knee`` …) lies on the floor (within 1 cm: a forearm from elbow to wrist, not just
  the wrist of a straight arm) or all of it is clear of the floor (at least 5 cm);
- ``<limb> level`` / ``<limb> upright``: a limb within 10° of horizontal / vertical in
  the world (``r_upper_arm upright`` puts the elbow under the shoulder);
- ``<joint> bent``: a knee, elbow or hip *drawn* at least 45° from straight, as the
  camera sees it (a bent knee pointing at the camera looks straight);
- ``<limb> seen``: a limb drawn at least 60% of its length (not foreshortened to a blob);
- ``<point> below <point>`` / ``above``: as drawn on screen, e.g. ``head below root`` for a
  child's pose (a top view that puts the head above the hips reads as someone upright).

Limbs: ``trunk``, and per side ``arm``, ``upper_arm``, ``forearm``, ``leg``, ``thigh``,
``shin``. Points: any body joint (``head``, ``root`` for the pelvis, ``r_knee`` …).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from rugcoach.core.figures.body import pose_body
from rugcoach.core.figures.features import FEATURES
from rugcoach.core.figures.joints import SIDES

#: A limb as the joints it runs between.
LIMBS: dict[str, tuple[str, str]] = {"trunk": ("root", "c7")}
#: A joint's bend as (upper end, joint, lower end).
BENDS: dict[str, tuple[str, str, str]] = {}
for _s in SIDES:
    LIMBS |= {
        f"{_s}_arm": (f"{_s}_shoulder", f"{_s}_wrist"),
        f"{_s}_upper_arm": (f"{_s}_shoulder", f"{_s}_elbow"),
        f"{_s}_forearm": (f"{_s}_elbow", f"{_s}_wrist"),
        f"{_s}_leg": (f"{_s}_hip", f"{_s}_ankle"),
        f"{_s}_thigh": (f"{_s}_hip", f"{_s}_knee"),
        f"{_s}_shin": (f"{_s}_knee", f"{_s}_ankle"),
    }
    BENDS |= {
        f"{_s}_knee": (f"{_s}_hip", f"{_s}_knee", f"{_s}_ankle"),
        f"{_s}_elbow": (f"{_s}_shoulder", f"{_s}_elbow", f"{_s}_wrist"),
        f"{_s}_hip": ("c7", f"{_s}_hip", f"{_s}_knee"),
    }
POINTS = frozenset(pose_body({}).joints)
#: Verb -> what its subject must name.
VERBS = {
    "on": "part",
    "off": "part",
    "level": "limb",
    "upright": "limb",
    "seen": "limb",
    "bent": "bend",
    "below": "point",
    "above": "point",
}


@dataclass(frozen=True)
class Expectation:
    """One parsed expectation: ``subject verb [object]``."""

    text: str
    subject: str
    verb: str
    object: str | None = None


def parse_expectation(text: str) -> Expectation:
    """Parse one expectation; raises ValueError with a readable reason."""
    words = text.split()
    if len(words) not in (2, 3) or words[1] not in VERBS:
        raise ValueError(f"expects: '{text}' is not '<subject> <{'|'.join(VERBS)}> [<object>]'")
    subject, verb = words[0], words[1]
    obj = words[2] if len(words) == 3 else None
    kind = VERBS[verb]
    known: dict[str, Collection[str]] = {
        "part": FEATURES,
        "limb": LIMBS,
        "bend": BENDS,
        "point": POINTS,
    }
    if subject not in known[kind]:
        raise ValueError(f"expects: '{text}': unknown {kind} '{subject}'")
    if verb in ("on", "off") and obj != "floor":
        raise ValueError(f"expects: '{text}': only 'on floor' and 'off floor' are checked")
    if verb in ("below", "above") and obj not in POINTS:
        raise ValueError(f"expects: '{text}': unknown point '{obj}'")
    if verb in ("level", "upright", "seen", "bent") and obj is not None:
        raise ValueError(f"expects: '{text}': '{verb}' takes no object")
    return Expectation(text, subject, verb, obj)
