"""Supports: where a contact must touch (floor, bench, ball, wall …) and how far off it is.

A contact becomes a *rule*: its touching point must be at a fixed height (floor, bench,
the top of a ball on the floor), at a fixed left–right place (a wall the figure puts
somewhere), or it is free and places its prop (a wall, a pad, a ball against a wall).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rugcoach.core.figures.body import Body
from rugcoach.core.figures.features import FEATURES, extreme, flat_point
from rugcoach.core.figures.geometry import (
    Vec,
    capsule_distance,
    direction,
    dot,
    norm,
    scale,
    sub,
)
from rugcoach.core.figures.pose import SUPPORT_PROPS, Contact, Figure
from rugcoach.core.figures.sizes import ROUND_RADIUS, support_height

SUPPORTS = (*SUPPORT_PROPS, "floor")
Rule = tuple[str, float] | None


@dataclass(frozen=True)
class SupportSpec:
    kind: str | None  # the prop that provides the support
    height: float | None  # fixed height of its top, if it has one
    radius: float | None  # round props
    on_wall: bool  # a ball pressed against a wall
    wall_x: float | None  # where the figure puts its wall, if it does


@dataclass(frozen=True)
class Placed:
    """Where a free support ended up: touching point, surface normal, round prop's centre."""

    point: Vec
    normal: Vec
    centre: Vec | None = None


def support_specs(figure: Figure) -> dict[str, SupportSpec]:
    wall = figure.prop("wall")
    wall_x = wall.x if wall is not None else None
    specs: dict[str, SupportSpec] = {}
    for support in SUPPORTS:
        kind = next(
            (p.kind for p in figure.props if p.kind in SUPPORT_PROPS.get(support, ())), None
        )
        prop = figure.prop(kind) if kind else None
        on_wall = support == "massage-ball" or (
            support == "ball" and prop is not None and prop.rests == "wall"
        )
        height = None if on_wall else support_height(support, kind)
        radius = figure.radius(support) if support in ROUND_RADIUS else None
        specs[support] = SupportSpec(kind, height, radius, on_wall, wall_x)
    return specs


def constraint(contact: Contact, spec: SupportSpec) -> tuple[str, float] | None:
    """("y", height) or ("x", place) the touching point must meet; None where it is free."""
    normal = direction(contact.at)
    if spec.radius is not None and contact.support in ("ball", "roller") and not spec.on_wall:
        return "y", spec.radius * (1 + math.cos(math.radians(contact.at)))
    if spec.height is not None:
        return "y", spec.height
    if spec.wall_x is None:
        return None
    facing = 1.0 if normal[0] >= 0 else -1.0
    if contact.support == "wall":
        return "x", spec.wall_x
    if spec.on_wall and spec.radius is not None:
        return "x", spec.wall_x + facing * spec.radius + spec.radius * normal[0]
    return None


def contact_point(body: Body, contact: Contact) -> Vec:
    """Where the contact feature touches (or, once turned flat, will touch) its support."""
    feature = FEATURES[contact.part]
    normal = direction(contact.at)
    if contact.is_flat and feature.flat is not None:
        return flat_point(body, feature.flat, normal)
    return extreme(contact.spheres(body), normal)[0]


def actual_point(body: Body, contact: Contact) -> Vec:
    """Where the contact feature's surface is furthest towards its support."""
    return extreme(contact.spheres(body), direction(contact.at))[0]


def miss(
    rule: Rule,
    supports: dict[str, Placed],
    contact: Contact,
    specs: Mapping[str, SupportSpec],
    actual: bool = False,
) -> Callable[[Body], float]:
    """How far a contact is off its support (negative: sunk in), as a function of the body."""
    point = actual_point if actual else contact_point
    if rule is not None:
        index = 1 if rule[0] == "y" else 0
        return lambda body: point(body, contact)[index] - rule[1]
    placed, spec = supports[contact.support], specs[contact.support]
    if placed.centre is not None and spec.radius is not None:
        centre, radius = placed.centre, spec.radius

        def off_ball(body: Body) -> float:
            spheres = FEATURES[contact.part].collect(body)
            if len(spheres) == 2:  # one segment: its exact outline
                a, b = spheres
                return capsule_distance(centre, a.centre, a.radius, b.centre, b.radius) - radius
            return min(norm(sub(s.centre, centre)) - s.radius for s in spheres) - radius

        return off_ball
    normal, offset = placed.normal, dot(placed.point, placed.normal)
    return lambda body: dot(point(body, contact), normal) - offset


def place(body: Body, contact: Contact, spec: SupportSpec) -> Placed:
    point = actual_point(body, contact)
    normal = direction(contact.at)
    centre = sub(point, scale(normal, spec.radius)) if spec.radius is not None else None
    return Placed(point, normal, centre)
