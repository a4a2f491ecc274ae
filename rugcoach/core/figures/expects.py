"""What a keyframe must show, declared in content: ``expects: [l_foot off floor, …]``.

The physical checks (``checks.py``) prove a pose is possible; these prove it is the pose
the steps describe, so a figure cannot quietly drift into another exercise (a bird dog
whose "raised" leg still rests on the floor, a clamshell whose feet come apart). Each
expectation is a short sentence on the keyframe that must show it, parsed here when the
catalog loads and measured on the solved keyframe by ``checks.expectation_problems``.
The grammar (``docs/figures.md``, "Checks for poses", has the table with examples):

- ``<part> on floor`` / ``off floor`` / ``near floor``: all of a contact part lies on the
  floor (within 1 cm), all of it is clear (at least 5 cm), or its lowest point is about
  10 cm up at most (hips low at the start of a hip thrust);
- ``<limb> level`` / ``upright``: within 10° of horizontal / vertical in the room;
- ``<limb> rises <low> to <high>``: the limb, from its first joint to its second, rises
  between these angles above the horizontal (``neck rises 0 to 45``: a head gently
  lifted, not thrown back);
- ``<limb> seen``: drawn at least 60% of its length (not foreshortened to a blob);
- ``<joint> bent``: a knee, elbow or hip *drawn* at least 45° from straight;
- ``<place> below <place>`` / ``above``: as drawn on screen (``head below root``);
- ``<place> not above <place>``: in the room, at most 3.5 cm higher (a shin that hangs);
- ``<place> near <place>``: within 14 cm of each other (feet together);
- ``<prop> between <place> and <place>``: a round prop on the line between two places;
- ``<place> moves``: at least 14 cm from where it is in the figure's first keyframe
  (rolling to a new spot; so not written on the first keyframe).

Parts are the contact parts (``features.py``); limbs ``trunk``, ``neck`` and per side
``arm``, ``upper_arm``, ``forearm``, ``leg``, ``thigh``, ``shin``; places any body joint
(``root`` is the pelvis) or reach spot (``r_above_knee``, ``chest`` …).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from rugcoach.core.figures.body import pose_body
from rugcoach.core.figures.features import FEATURES
from rugcoach.core.figures.joints import SIDES
from rugcoach.core.figures.reach import SPOTS
from rugcoach.core.figures.sizes import ROUND_RADIUS

#: A limb as the joints it runs between (its direction: from the first to the second).
LIMBS: dict[str, tuple[str, str]] = {"trunk": ("root", "c7"), "neck": ("c7", "head")}
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
#: Body places: the joints and the spots a hand may reach for (``reach.spot`` finds both).
PLACES = frozenset(pose_body({}).joints) | frozenset(SPOTS)
#: Props that can lie between two places: the round ones.
BETWEEN_PROPS = tuple(ROUND_RADIUS)
FORMS = (
    "<part> on|off|near floor",
    "<limb> level|upright|seen",
    "<limb> rises <low> to <high>",
    "<joint> bent",
    "<place> below|above|not above|near <place>",
    "<prop> between <place> and <place>",
    "<place> moves",
)


@dataclass(frozen=True)
class Expectation:
    """One parsed expectation: ``subject verb [objects]``; ``degrees`` only for ``rises``."""

    text: str
    subject: str
    verb: str
    objects: tuple[str, ...] = ()
    degrees: tuple[float, float] | None = None


def _known(text: str, kind: str, name: str, names: Collection[str]) -> None:
    if name not in names:
        raise ValueError(f"expects: '{text}': unknown {kind} '{name}'")


def _degrees(text: str, words: list[str]) -> tuple[float, float]:
    if len(words) != 3 or words[1] != "to":
        raise ValueError(f"expects: '{text}': write 'rises <low> to <high>' in degrees")
    try:
        low, high = float(words[0]), float(words[2])
    except ValueError:
        raise ValueError(f"expects: '{text}': the angles are not numbers") from None
    if not -90 <= low <= high <= 90:
        raise ValueError(f"expects: '{text}': give low to high, between -90 and 90 degrees")
    return (low, high)


def parse_expectation(text: str) -> Expectation:
    """Parse one expectation; raises ValueError with a readable reason."""
    words = text.split()
    if words[1:3] == ["not", "above"]:
        words[1:3] = ["not above"]
    if len(words) < 2:
        raise ValueError(f"expects: '{text}' is not one of: {'; '.join(FORMS)}")
    subject, verb, rest = words[0], words[1], words[2:]
    if verb in ("on", "off") or (verb == "near" and rest == ["floor"]):
        _known(text, "part", subject, FEATURES)
        if rest != ["floor"]:
            raise ValueError(
                f"expects: '{text}': only 'on floor', 'off floor' and 'near floor' are checked"
            )
        return Expectation(text, subject, verb, ("floor",))
    if verb in ("level", "upright", "seen", "bent"):
        if verb == "bent":
            _known(text, "bend", subject, BENDS)
        else:
            _known(text, "limb", subject, LIMBS)
        if rest:
            raise ValueError(f"expects: '{text}': '{verb}' takes no object")
        return Expectation(text, subject, verb)
    if verb == "rises":
        _known(text, "limb", subject, LIMBS)
        return Expectation(text, subject, verb, degrees=_degrees(text, rest))
    if verb in ("below", "above", "not above", "near"):
        _known(text, "place", subject, PLACES)
        if len(rest) != 1:
            raise ValueError(f"expects: '{text}': write '<place> {verb} <place>'")
        _known(text, "place", rest[0], PLACES)
        return Expectation(text, subject, verb, (rest[0],))
    if verb == "between":
        _known(text, "round prop", subject, BETWEEN_PROPS)
        if len(rest) != 3 or rest[1] != "and":
            raise ValueError(f"expects: '{text}': write '<prop> between <place> and <place>'")
        for place in (rest[0], rest[2]):
            _known(text, "place", place, PLACES)
        return Expectation(text, subject, verb, (rest[0], rest[2]))
    if verb == "moves":
        _known(text, "place", subject, PLACES)
        if rest:
            raise ValueError(f"expects: '{text}': 'moves' takes no object")
        return Expectation(text, subject, verb)
    raise ValueError(f"expects: '{text}' is not one of: {'; '.join(FORMS)}")
