"""The ``figure:`` block of an exercise: view, props and keyframes (the YAML schema).

A keyframe starts from a named base pose (see ``poses.py``), overrides some joint angles
and says what the body rests on. The solver turns it into a placed body.

Contacts may be written short, ``r_knee`` (on the floor) or ``r_hand@ball``, or long,
``{part: thorax, support: bench, at: 40, via: lumbar, flat: false}``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from rugcoach.core.figures.body import Body, Sphere
from rugcoach.core.figures.expects import PLACES, parse_expectation
from rugcoach.core.figures.features import FEATURES
from rugcoach.core.figures.joints import BASE_DOFS, DOFS, expand_angles, out_of_range
from rugcoach.core.figures.poses import BASE_POSES
from rugcoach.core.figures.sizes import METRE, ROUND_RADIUS
from rugcoach.core.kernel.text import Text

View = Literal["side", "front", "top"]
Side = Literal["right", "left", "both", "none"]
PropKind = Literal[
    "mat",
    "ball",
    "roller",
    "massage-ball",
    "band",
    "wall",
    "bed",
    "bench",
    "cable",
    "leg-press",
    "back-extension",
    "dumbbells",
    "trap-bar",
    "barbell",
    "pillow",
]
Support = Literal[
    "floor",
    "wall",
    "ball",
    "roller",
    "massage-ball",
    "bench",
    "bed",
    "seat",
    "pad",
    "platform",
    "plates",
    "machine",
    "pillow",
]

#: Which prop a support belongs to (the floor needs none).
SUPPORT_PROPS: dict[str, tuple[str, ...]] = {
    "wall": ("wall",),
    "ball": ("ball",),
    "roller": ("roller",),
    "massage-ball": ("massage-ball",),
    "bench": ("bench",),
    "bed": ("bed",),
    "seat": ("leg-press", "back-extension"),
    "pad": ("leg-press", "back-extension"),
    "platform": ("leg-press",),
    "plates": ("trap-bar", "barbell"),
    "machine": ("cable",),
    "pillow": ("pillow",),
}
ROUND_PROPS = tuple(ROUND_RADIUS)  # sized by a diameter; the ones "between" can name
KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _pairs(value: object) -> object:
    """Mappings are stored as pairs, so that a figure stays hashable like its exercise."""
    return tuple(value.items()) if isinstance(value, dict) else value


def _contact_from_yaml(value: object) -> object:
    if isinstance(value, str):
        part, _, support = value.partition("@")
        return {"part": part.strip(), "support": support.strip() or "floor"}
    return value


class Contact(BaseModel):
    """A body feature resting on a support.

    ``at`` is the direction of the support's surface where the body touches it, in degrees
    from straight up towards screen right (0: the body lies on top; 90: the support is on
    the body's left on screen, like a wall behind a person facing right). ``along`` puts
    the touching point part-way along a segment (0: its upper joint, 1: its lower joint),
    e.g. a thigh lying across a foam roller; the segment then touches square on, and
    ``at`` only says on which side the support is.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    part: str
    support: Support = "floor"
    at: float = Field(default=0.0, ge=-180, le=180)
    flat: bool | None = None
    via: str | None = None
    along: float | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: object) -> object:
        return _contact_from_yaml(value)

    @model_validator(mode="after")
    def _known(self) -> Contact:
        if self.along is not None:
            spheres = FEATURES.get(self.part, FEATURES["head"]).spheres
            if len(spheres) != 1 or spheres[0][1] is not None or self.flat:
                raise ValueError(f"along: '{self.part}' is not one segment lying across")
        if self.part not in FEATURES:
            raise ValueError(f"unknown body part '{self.part}' (known: {', '.join(FEATURES)})")
        if self.via is not None and self.via not in DOFS and self.via not in BASE_DOFS:
            raise ValueError(f"via: unknown joint angle '{self.via}'")
        feature = FEATURES[self.part]
        if self.flat and feature.flat is None:
            raise ValueError(f"'{self.part}' cannot lie flat")
        return self

    @property
    def is_flat(self) -> bool:
        feature = FEATURES[self.part]
        return (
            self.along is None
            and feature.flat is not None
            and (feature.flat_by_default if self.flat is None else self.flat)
        )

    def spheres(self, body: Body) -> list[Sphere]:
        """The spheres that may touch: the whole feature, or one point along it."""
        spheres = FEATURES[self.part].collect(body)
        if self.along is None:
            return spheres
        a, b = spheres
        t = self.along
        centre = tuple(p + (q - p) * t for p, q in zip(a.centre, b.centre, strict=True))
        return [Sphere(centre, a.radius + (b.radius - a.radius) * t)]  # type: ignore[arg-type]

    @property
    def key(self) -> tuple[str, str]:
        return (self.part, self.support)


class Prop(BaseModel):
    """Equipment drawn to scale. Most props are placed where the body touches them.

    ``diameter`` (metres) sizes a ball or roller other than the standard one;
    ``x``/``z`` place a free-standing prop (a cable column, a band's anchor) relative to
    the body's first contact (``z`` also shifts a mat sideways under the body); ``height``
    is an anchor or pulley height; ``to`` lists the body points a band or cable runs to
    (``r_grip``, ``r_knee`` …); ``rests`` says whether a ball lies on the floor or is
    pressed against a wall.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: PropKind
    x: float | None = Field(default=None, ge=-3, le=3)
    z: float | None = Field(default=None, ge=-3, le=3)
    height: float | None = Field(default=None, ge=0, le=2)
    to: tuple[str, ...] = ()
    rests: Literal["floor", "wall"] = "floor"
    extends: Literal["left", "right"] | None = None
    diameter: float | None = Field(default=None, ge=0.04, le=0.8)  # metres, round props

    @model_validator(mode="after")
    def _places(self) -> Prop:
        if self.diameter is not None and self.kind not in ROUND_PROPS:
            raise ValueError(f"diameter: only for {', '.join(ROUND_PROPS)}")
        unknown = [place for place in self.to if place not in PLACES]
        if unknown:
            raise ValueError(f"to: unknown body place '{unknown[0]}'")
        return self


class CameraSpec(BaseModel):
    """Where the camera looks from: ``yaw`` turns it about the vertical, ``elevation`` tips
    it to look down (90: straight from above)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    yaw: float = Field(default=0.0, ge=-180, le=180)
    elevation: float = Field(default=0.0, ge=-10, le=90)


class Keyframe(BaseModel):
    """One pose of the movement: a base pose, angle overrides and what the body rests on.

    ``tilt`` fixes how the body is turned in the picture (otherwise the contacts decide);
    ``roll`` turns the whole body about its long axis (+ turns the front to the right:
    from lying on the back, 90 rolls onto the right side). ``reach`` puts a hand on a
    body place (``r_hand: belly``): its shoulder and elbow are solved for it.
    ``expects`` lists what the pose must show (``l_foot off floor``, ``r_knee bent``,
    ``r_ankle near l_ankle``; the grammar is in ``expects.py``), checked on the solved
    pose by ``checks.figure_problems``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Annotated[str, Field(pattern=KEY_PATTERN, max_length=40)]
    pose: str
    angles: Annotated[tuple[tuple[str, float], ...], BeforeValidator(_pairs)] = ()
    contacts: tuple[Contact, ...] | None = None
    tilt: float | None = Field(default=None, ge=-180, le=180)
    roll: float = Field(default=0.0, ge=-180, le=180)
    side: Side = "both"
    hold: bool = False
    reach: Annotated[
        tuple[tuple[Literal["r_hand", "l_hand"], str], ...], BeforeValidator(_pairs)
    ] = ()
    description: Text | None = None
    expects: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _valid(self) -> Keyframe:
        for text in self.expects:
            parse_expectation(text)  # raises on an unknown part, limb or verb
        for hand, place in self.reach:
            if place not in PLACES:
                raise ValueError(f"reach: {hand}: unknown body place '{place}'")
        if self.pose not in BASE_POSES:
            raise ValueError(f"unknown pose '{self.pose}' (known: {', '.join(BASE_POSES)})")
        expand_angles(dict(self.angles))  # raises on unknown names
        problems = out_of_range(self.resolved_angles())
        if problems:
            raise ValueError("; ".join(problems))
        if not self.resolved_contacts():
            raise ValueError("give at least one contact")
        return self

    def resolved_angles(self) -> dict[str, float]:
        """Every joint angle: the base pose's, overridden by this keyframe's."""
        angles = {name: 0.0 for name in DOFS}
        angles.update(expand_angles(BASE_POSES[self.pose].angles))
        angles.update(expand_angles(dict(self.angles)))
        return angles

    def resolved_contacts(self) -> tuple[Contact, ...]:
        if self.contacts is not None:
            return self.contacts
        return tuple(
            Contact.model_validate(_contact_from_yaml(item))
            for item in BASE_POSES[self.pose].contacts
        )

    @property
    def tilt_hint(self) -> float:
        return self.tilt if self.tilt is not None else BASE_POSES[self.pose].tilt


class Figure(BaseModel):
    """How an exercise is drawn: seen from ``view``, with props, moving through keyframes.

    ``loop`` orders the keyframes for the animation (default: as listed, then back to the
    first); ``thumbnail`` names the pose for small pictures (default: the second keyframe);
    ``anchor`` names the body part that keeps its place from pose to pose (default: each
    keyframe's first contact), e.g. ``r_foot`` for a bridge.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    view: View = "side"
    camera: CameraSpec | None = None
    props: tuple[Prop, ...] = ()
    keyframes: tuple[Keyframe, ...] = Field(min_length=2, max_length=6)
    loop: tuple[str, ...] | None = None
    thumbnail: str | None = None
    anchor: str | None = None
    time_scale: float = Field(default=1.0, ge=0.25, le=4)
    description: Text

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        names = [keyframe.name for keyframe in self.keyframes]
        if len(set(names)) != len(names):
            raise ValueError("keyframes: two keyframes have the same name")
        for name in (*(self.loop or ()), *([self.thumbnail] if self.thumbnail else [])):
            if name not in names:
                raise ValueError(f"unknown keyframe '{name}'")
        if self.anchor is not None and self.anchor not in FEATURES:
            raise ValueError(f"anchor: unknown body part '{self.anchor}'")
        for keyframe in self.keyframes:
            for text in keyframe.expects:
                expectation = parse_expectation(text)
                if expectation.verb == "between" and not self.prop(expectation.subject):
                    raise ValueError(f"expects: '{text}': no prop '{expectation.subject}'")
                if expectation.verb == "moves" and keyframe is self.keyframes[0]:
                    # "moves" compares with the first keyframe, which cannot move from itself
                    raise ValueError(f"expects: '{text}': not on the first keyframe")
        if self.loop is not None and len(self.loop) < 2:
            raise ValueError("loop: give at least two keyframes")
        kinds = {prop.kind for prop in self.props}
        if len(kinds) != len(self.props):
            raise ValueError("props: a prop kind is listed twice")
        for keyframe in self.keyframes:
            for contact in keyframe.resolved_contacts():
                wanted = SUPPORT_PROPS.get(contact.support, ())
                if wanted and not kinds.intersection(wanted):
                    raise ValueError(
                        f"keyframe '{keyframe.name}': '{contact.part}@{contact.support}' "
                        f"needs a prop: {' or '.join(wanted)}"
                    )
        return self

    def keyframe(self, name: str) -> Keyframe:
        for keyframe in self.keyframes:
            if keyframe.name == name:
                return keyframe
        raise KeyError(name)

    @property
    def loop_order(self) -> tuple[Keyframe, ...]:
        if self.loop is None:
            return self.keyframes
        return tuple(self.keyframe(name) for name in self.loop)

    @property
    def thumbnail_keyframe(self) -> Keyframe:
        return self.keyframe(self.thumbnail) if self.thumbnail else self.keyframes[1]

    def prop(self, kind: str) -> Prop | None:
        for prop in self.props:
            if prop.kind == kind:
                return prop
        return None

    def radius(self, kind: str) -> float:
        """A round prop's radius in body heights (its own diameter or the standard one)."""
        prop = self.prop(kind)
        if prop is not None and prop.diameter is not None:
            return prop.diameter / 2 * METRE
        return ROUND_RADIUS[kind]
