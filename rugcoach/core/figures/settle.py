"""Turning and settling: the small searches that make contacts touch exactly.

``solve_theta`` finds how the whole body is turned so that its first two fixed contacts
both touch; ``settle`` turns one joint (``via``) until a further contact touches;
``flatten`` turns a foot, hand, forearm or shin flat on its support.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from rugcoach.core.figures.body import Body
from rugcoach.core.figures.features import FEATURES, flatness
from rugcoach.core.figures.geometry import Vec, direction, find_root, rot_z
from rugcoach.core.figures.joints import DOFS
from rugcoach.core.figures.pose import Contact
from rugcoach.core.figures.supports import contact_point

TOLERANCE = 1e-6
FLAT_WINDOW = 45.0  # how far a second contact may turn a body that stands on its feet
FRONTAL_VIA = {
    "shoulder": "shoulder_abd",
    "hip": "hip_abd",
    "lumbar": "lumbar_side",
    "neck": "neck_side",
}
Builder = Callable[[Mapping[str, float]], Body]


class SolveError(ValueError):
    """A keyframe whose contacts cannot all touch their supports."""


def via_for(contact: Contact, view: str) -> str | None:
    if contact.via is not None:
        return contact.via
    via = FEATURES[contact.part].via
    if via is None or view != "front":
        return via
    side, base = (via[:1], via[2:]) if via[:2] in ("r_", "l_") else ("", via)
    base = FRONTAL_VIA.get(base, base)
    return f"{side}_{base}" if side else base


Rules = Mapping[int, tuple[str, float] | None]


def solve_theta(
    local: Body,
    contacts: Sequence[Contact],
    rules: Rules,
    reference: Contact,
    hint: float,
    window: float,
    strict: bool,
) -> tuple[float, Contact | None]:
    fixed = [(c, rule) for c in contacts if (rule := rules[id(c)]) is not None]
    anchor, (_, h_a) = next((c, rule) for c, rule in fixed if rule[0] == "y")
    flat = flat_theta(local, anchor, hint)
    if flat is not None:
        # a foot flat on the floor is the best first guess; stay near it
        hint, window = flat, min(window, FLAT_WINDOW)
    for contact, (kind, value) in fixed:
        if contact is anchor:
            continue

        def gap(
            theta: float, contact: Contact = contact, kind: str = kind, value: float = value
        ) -> float:
            turned = local.turned(rot_z(theta))
            if kind == "y":
                return (h_a - contact_point(turned, anchor)[1]) - (
                    value - contact_point(turned, contact)[1]
                )
            return contact_point(turned, contact)[0] - contact_point(turned, reference)[0] - value

        samples = [gap(hint + d) for d in (-40.0, -10.0, 0.0, 10.0, 40.0)]
        if max(abs(v) for v in samples) < 1e-9:
            continue  # a mirror image of the anchor (the other hand): no information
        theta = find_root(gap, hint, hint - window, hint + window)
        if theta is None:
            if strict:
                raise SolveError(
                    f"'{anchor.part}@{anchor.support}' and '{contact.part}@{contact.support}' "
                    "cannot both touch: change the angles"
                )
            return hint, None
        return theta, contact
    if flat is None and anchor.is_flat and strict:
        raise SolveError(f"'{anchor.part}' cannot lie flat: change the angles")
    return hint, None


def flat_theta(local: Body, anchor: Contact, hint: float) -> float | None:
    """The turn that lays a flat anchor (a foot) flat on its support, if there is one."""
    feature = FEATURES[anchor.part]
    if not anchor.is_flat or feature.flat is None:
        return None
    normal = direction(anchor.at)

    def tilt_off(theta: float) -> float:
        return flatness(local.turned(rot_z(theta)), feature, normal)

    return find_root(tilt_off, hint, hint - 120, hint + 120, step=1.0)


def flatten(
    body: Body, contact: Contact, angles: dict[str, float], build: Builder, strict: bool
) -> Body:
    feature = FEATURES[contact.part]
    if not contact.is_flat or feature.flat is None:
        return body
    normal = direction(contact.at)
    dof = feature.flat.dof
    if abs(flatness(body, feature, normal)) <= TOLERANCE:
        return body

    def off(value: float) -> float:
        return flatness(build({**angles, dof: value}), feature, normal)

    limits = DOFS[dof]
    value = find_root(off, angles[dof], limits.low, limits.high)
    if value is None:
        if strict:
            raise SolveError(f"'{contact.part}' cannot lie flat on the {contact.support}")
        return body
    angles[dof] = value
    return build(angles)


def settle(
    body: Body,
    contact: Contact,
    angles: dict[str, float],
    build: Builder,
    miss: Callable[[Body], float],
    via: str | None,
    strict: bool,
) -> Body:
    if abs(miss(body)) <= TOLERANCE:
        return body
    if via is None:
        if strict:
            raise SolveError(
                f"'{contact.part}@{contact.support}' does not touch and nothing can move it: "
                "make it one of the first contacts or change the angles"
            )
        return body

    # a bare limb angle (``hip``) moves both sides alike
    names = [via] if via in DOFS else [f"r_{via}", f"l_{via}"]
    first = names[0]

    def off(value: float) -> float:
        return miss(build({**angles, **dict.fromkeys(names, value)}))

    limits = DOFS[first]
    value = find_root(off, angles[first], limits.low, limits.high, step=1.0)
    if value is None:
        if strict:
            raise SolveError(
                f"'{contact.part}@{contact.support}' misses its support by "
                f"{off(angles[first]):+.3f} and turning {via} does not reach it: change the angles"
            )
        return body
    angles.update(dict.fromkeys(names, value))
    return build(angles)


def across(body: Body, contact: Contact, side: Vec) -> float:
    """The contact direction square to the segment's outline on ``side`` (degrees from up)."""
    a, b = FEATURES[contact.part].collect(body)
    dx, dy = b.centre[0] - a.centre[0], b.centre[1] - a.centre[1]
    d = math.hypot(dx, dy) or 1e-9
    phi = math.atan2(dy, dx)
    beta = math.asin(max(-1.0, min(1.0, (a.radius - b.radius) / d)))
    normals = [
        (math.cos(phi + k * (math.pi / 2 - beta)), math.sin(phi + k * (math.pi / 2 - beta)))
        for k in (1, -1)
    ]
    # the outline's side facing the support, i.e. against ``side``
    mx, my = min(normals, key=lambda m: m[0] * side[0] + m[1] * side[1])
    return math.degrees(math.atan2(-mx, -my))
