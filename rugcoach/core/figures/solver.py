"""Place a keyframe's body so that what it rests on really touches its support.

1. The joint angles give the body's shape (forward kinematics, pelvis at the origin).
2. Every contact becomes a constraint: its touching point must be at a fixed height
   (floor, bench, top of a ball), at a fixed left–right place (a wall whose place the
   figure gives), or it is free and places its prop (a wall, a pad, a ball on a wall).
3. The body's turn in the picture (``theta``, about the axis out of the screen) comes from
   the first two fixed constraints: both must hold. With one constraint on a flat
   feature (a foot), the turn makes it flat. An explicit ``tilt`` overrides this.
4. The height follows from the first fixed-height contact; left–right, the first contact
   sits at x = 0 (fixed places such as a wall's x are measured from there).
5. Every other contact is *settled*: one joint angle (``via``, e.g. the shoulder for a
   hand) turns until it touches exactly; flat features are then turned flat.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rugcoach.core.figures.body import Body, pose_body
from rugcoach.core.figures.geometry import IDENTITY, Mat, Vec, direction, mul, rot_y, rot_z
from rugcoach.core.figures.pose import Contact, Figure, Keyframe
from rugcoach.core.figures.reach import reach as reach_for
from rugcoach.core.figures.settle import (
    TOLERANCE,
    Rules,
    SolveError,
    across,
    flatten,
    settle,
    solve_theta,
    via_for,
)
from rugcoach.core.figures.supports import (
    Placed,
    SupportSpec,
    actual_point,
    constraint,
    contact_point,
    miss,
    place,
    support_specs,
)

PASSES = 10
TANGENT_ROUNDS = 8

__all__ = ["Placement", "SolveError", "solve", "solve_keyframe", "support_specs"]


@dataclass(frozen=True)
class Placement:
    """A solved keyframe: the final joint angles and the body and props in the world."""

    angles: dict[str, float]
    theta: float
    root: Vec
    rotation: Mat
    body: Body
    contacts: tuple[tuple[Contact, Vec, float], ...]  # contact, touching point, residual
    supports: dict[str, Placed]


def base_rotation(view: str, roll: float = 0.0) -> Mat:
    """The body's plane of movement (sagittal; frontal for the front view), then its roll."""
    plane = rot_y(-90) if view == "front" else IDENTITY
    return mul(plane, rot_y(-roll)) if roll else plane


def solve_keyframe(figure: Figure, keyframe: Keyframe) -> Placement:
    return solve(
        keyframe.resolved_angles(),
        keyframe.resolved_contacts(),
        support_specs(figure),
        view=figure.view,
        tilt=keyframe.tilt,
        hint=keyframe.tilt_hint,
        roll=keyframe.roll,
        anchor=figure.anchor,
        reach=dict(keyframe.reach),
    )


def solve(
    angles: Mapping[str, float],
    contacts: tuple[Contact, ...],
    specs: Mapping[str, SupportSpec],
    *,
    view: str = "side",
    tilt: float | None = None,
    hint: float = 0.0,
    roll: float = 0.0,
    anchor: str | None = None,
    reach: Mapping[str, str] | None = None,
    strict: bool = True,
    window: float = 120.0,
    precise: bool = True,
) -> Placement:
    """Place the body (see the module's docstring); raise SolveError when it cannot.

    ``anchor`` names the body part put at x = 0 (default: the first contact). In-between
    animation frames pass ``strict=False, precise=False``: fewer refining rounds, and a
    contact that cannot be met is left as close as it got.
    """
    angles = dict(angles)
    base = base_rotation(view, roll)
    # A segment lying across a prop (``along``) touches it square on: its contact direction
    # follows the segment's outline on the side ``at`` points to, found by repeating.
    tangent = [i for i, c in enumerate(contacts) if c.along is not None]
    rounds = (TANGENT_ROUNDS if precise else 2) if tangent else 1
    passes = PASSES if precise else 2
    sides = {i: direction(contacts[i].at) for i in tangent}
    for attempt in range(rounds):
        rules = {id(c): constraint(c, specs[c.support]) for c in contacts}
        if not any((rules[id(c)] or ("",))[0] == "y" for c in contacts):
            raise SolveError("nothing to rest on: give a contact on the floor or a support")
        reference = _reference(contacts, anchor)
        # Settling one contact can nudge another (the spine is one curve): repeat.
        for _ in range(passes):
            theta, root, rotation, body, supports = _pass(
                angles, contacts, specs, rules, reference, view, base, tilt, hint, window, strict
            )
            residuals = _residuals(body, contacts, rules, supports, specs)
            if all(abs(r) <= TOLERANCE for r in residuals):
                break
        turned = list(contacts)
        for i in tangent:
            turned[i] = contacts[i].model_copy(update={"at": across(body, contacts[i], sides[i])})
        done = all(abs(turned[i].at - contacts[i].at) < 1e-6 for i in tangent)
        if done or attempt == rounds - 1:
            break
        contacts = tuple(turned)

    def build(values: Mapping[str, float]) -> Body:
        return pose_body(values, rotation, root)

    for hand, spot in (reach or {}).items():
        resting = next((c for c in contacts if c.part == f"{hand[0]}_elbow"), None)
        elbow = None
        if resting is not None and rules[id(resting)] is not None:
            elbow = miss(rules[id(resting)], supports, resting, specs)
        body = reach_for(angles, hand, spot, build, view, elbow)

    residuals = _residuals(body, contacts, rules, supports, specs)
    placed = tuple(
        (contact, actual_point(body, contact), residual)
        for contact, residual in zip(contacts, residuals, strict=True)
    )
    return Placement(angles, theta, root, rotation, body, placed, supports)


def _pass(
    angles: dict[str, float],
    contacts: tuple[Contact, ...],
    specs: Mapping[str, SupportSpec],
    rules: Rules,
    reference: Contact,
    view: str,
    base: Mat,
    tilt: float | None,
    hint: float,
    window: float,
    strict: bool,
) -> tuple[float, Vec, Mat, Body, dict[str, Placed]]:
    """One round of turning, placing and settling; updates ``angles`` in place."""
    local = pose_body(angles, base)
    anchor = next(c for c in contacts if (rules[id(c)] or ("",))[0] == "y")
    anchors = [anchor]
    theta = hint if tilt is None else tilt
    if tilt is None:
        theta, second = solve_theta(local, contacts, rules, reference, hint, window, strict)
        if second is not None:
            anchors.append(second)
    turned = local.turned(rot_z(theta))
    anchor_rule = rules[id(anchor)]
    assert anchor_rule is not None  # the anchor was chosen for its rule "y"
    root = (
        -contact_point(turned, reference)[0],
        anchor_rule[1] - contact_point(turned, anchor)[1],
        0.0,
    )
    rotation = mul(rot_z(theta), base)

    def build(values: Mapping[str, float]) -> Body:
        return pose_body(values, rotation, root)

    body = build(angles)
    supports: dict[str, Placed] = {}
    for contact in anchors:
        body = flatten(body, contact, angles, build, strict)
        if contact.support != "floor" and contact.support not in supports:
            supports[contact.support] = place(body, contact, specs[contact.support])
    for contact in contacts:
        if any(contact is a for a in anchors):
            continue
        rule, spec = rules[id(contact)], specs[contact.support]
        if contact.support in supports and spec.radius is not None:
            rule = None  # a ball already in place: touch it where it is
        elif rule is None and contact.support not in supports:
            body = flatten(body, contact, angles, build, strict)
            supports[contact.support] = place(body, contact, spec)
            continue
        off = miss(rule, supports, contact, specs)
        body = settle(body, contact, angles, build, off, via_for(contact, view), strict)
        body = flatten(body, contact, angles, build, strict)
        if contact.support != "floor" and contact.support not in supports:
            supports[contact.support] = place(body, contact, spec)
    return theta, root, rotation, body, supports


def _residuals(body, contacts, rules, supports, specs) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for contact in contacts:
        rule, spec = rules[id(contact)], specs[contact.support]
        placed = supports.get(contact.support)
        if placed is not None and spec.radius is not None and placed.centre is not None:
            rule = None
        out.append(miss(rule, supports, contact, specs, actual=True)(body))
    return out


def _reference(contacts: tuple[Contact, ...], anchor: str | None) -> Contact:
    """The contact whose touching point is put at x = 0."""
    if anchor is not None:
        for contact in contacts:
            if contact.part == anchor:
                return contact
        return Contact(part=anchor)
    return contacts[0]
