"""How a session fits its time and builds up over the weeks (internal).

- ``fit``: shorten a session until it fits its minutes (never more);
- ``build_up``: week 3, more volume within the same minutes;
- ``progress``: week 4, a harder version (or a variation) where one is allowed.

All work on ``Slot`` lists and read the session's state through ``Builder``, a protocol
of what they need: ``build.Builder`` (which imports this module) holds the member's
constraints, the time model's caches and the choice of exercises. A protocol, so this
module stays below ``build`` and the two form no cycle. Rules: ``docs/planner.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, Protocol

from rugcoach.core.library.exercises import Exercise
from rugcoach.core.planner.constraints import Allowed, Index
from rugcoach.core.planner.dose import (
    TRANSITION_SECONDS,
    Amount,
    base_amount,
    next_rung,
    top_amount,
)
from rugcoach.core.planner.models import Role, Step
from rugcoach.core.planner.profile import FocusArea

__all__ = ["Slot", "build_up", "fit", "next_steps", "progress", "trim"]

NEW_EXERCISE_STEPS = frozenset({"base", "progression", "swapped"})
"""Steps where an exercise starts at its own base dose (fewer sets = shortened)."""
MIN_SETS_BEFORE_SINGLE = 2
"""Shortening takes every main to 2 sets before any goes down to 1."""


class Slot(NamedTuple):
    """One exercise in a session while the planner works on it."""

    slug: str
    role: Role
    amount: Amount
    focus: FocusArea | None
    step: Step
    replaces: str | None = None


class Builder(Protocol):
    """What fitting and building up read of ``rugcoach.core.planner.build.Builder``."""

    budget: int
    """The session's time in seconds (its minutes, lowered while weeks 1–2 start soft)."""

    @property
    def index(self) -> Index: ...

    @property
    def exercises(self) -> Mapping[str, Exercise]: ...

    @property
    def allowed(self) -> Allowed: ...

    def seconds(self, slot: Slot) -> tuple[int, int]:
        """(time incl. rest between sets, working time) of a slot."""
        ...

    def total(self, slots: list[Slot]) -> int: ...

    def work(self, slots: list[Slot]) -> int: ...


# --- fitting ------------------------------------------------------------------------


def fit(
    b: Builder,
    slots: list[Slot],
    target: int | None = None,
    pinned: str | None = None,
) -> list[Slot]:
    """Make the session fit the budget (the session's minutes, never exceeded):

    1. fewer sets: every main to 2 sets, then to 1 (most sets first, ties: the lowest
       priority), until the session fits ``target`` (a softer limit: weeks 1–2 leave
       room to build up) or every main has 1 set;
    2. while it exceeds the budget: drop the lowest-priority main (never the last
       one, nor ``pinned``), then the cool-down, then the warm-up, then trim the
       reps or hold of what is left;
    3. give sets back, highest priority first, up to the advised sets, while the
       session stays within ``target``.
    """
    budget = b.budget
    target = budget if target is None else min(target, budget)
    slots = list(slots)
    times = [b.seconds(slot)[0] for slot in slots]

    def total() -> int:
        return sum(times) + TRANSITION_SECONDS * max(0, len(times) - 1)

    def put(i: int, slot: Slot) -> None:
        slots[i], times[i] = slot, b.seconds(slot)[0]

    for floor in (MIN_SETS_BEFORE_SINGLE, 1):
        while total() > target:
            mains = [i for i, s in enumerate(slots) if s.role == "main" and s.amount.sets > floor]
            if not mains:
                break
            i = max(mains, key=lambda i: (slots[i].amount.sets, i))
            put(i, slots[i]._replace(amount=slots[i].amount.with_sets(slots[i].amount.sets - 1)))
    while total() > budget:
        mains = [i for i, s in enumerate(slots) if s.role == "main"]
        droppable = [i for i in mains if slots[i].slug != pinned]
        if len(mains) <= 1 or not droppable:
            break
        del slots[droppable[-1]], times[droppable[-1]]
    for role in ("cool-down", "warm-up"):
        for i in [i for i, s in enumerate(slots) if s.role == role and total() > budget]:
            del slots[i], times[i]
    if total() > budget:
        for i, slot in enumerate(slots):
            if slot.role == "main":
                put(i, trim(b, slot, budget))
    for i, slot in enumerate(slots):
        while slot.role == "main" and slot.amount.sets < _target_sets(b, slot):
            bigger = slot._replace(amount=slot.amount.with_sets(slot.amount.sets + 1))
            if total() - times[i] + b.seconds(bigger)[0] > target:
                break
            put(i, bigger)
            slot = bigger
    return slots


def _target_sets(b: Builder, slot: Slot) -> int:
    dose = b.exercises[slot.slug].dose
    return dose.sets.low if slot.step in NEW_EXERCISE_STEPS else slot.amount.sets


def trim(b: Builder, slot: Slot, budget: int) -> Slot:
    """Reps or hold down until the item alone fits in the budget."""
    amount = slot.amount
    while b.seconds(slot._replace(amount=amount))[0] > budget:
        reps, hold, duration = amount.reps, amount.hold_seconds, amount.duration_seconds
        if reps is not None and reps > 1:
            reps -= 1
        elif hold is not None and hold > 5:
            hold -= 5
        elif duration is not None and duration > 10:
            duration -= 10
        else:
            break
        amount = Amount(1, reps, hold, duration)
    return slot._replace(amount=amount)


# --- weeks 3 and 4 ------------------------------------------------------------------


def build_up(b: Builder, base: list[Slot]) -> list[Slot]:
    """Week 3: each main, highest priority first, climbs one rung of its ladder
    (``next_rung``: more reps or a longer hold, then one more set) where that still fits
    the session. Never more than one rung a week (issue 10: no 2 × 30 s → 3 × 60 s)."""
    slots = list(base)
    total = b.total(slots)
    for i, slot in enumerate(slots):
        if slot.role != "main":
            continue
        bigger = _one_more(b, slot)
        if bigger is None:
            continue
        delta = b.seconds(bigger)[0] - b.seconds(slot)[0]
        if total + delta <= b.budget:
            slots[i], total = bigger, total + delta
    return [
        new._replace(step=_build_step(old.amount, new.amount)) if new.role == "main" else new
        for old, new in zip(base, slots, strict=True)
    ]


def _one_more(b: Builder, slot: Slot) -> Slot | None:
    """The slot one rung up its exercise's ladder, or None at the top."""
    key = (slot.slug, slot.amount)
    if key in b.index.raises:
        amount = b.index.raises[key]
    else:
        amount = b.index.raises[key] = next_rung(b.exercises[slot.slug].dose, slot.amount)
    return None if amount is None else slot._replace(amount=amount)


def progress(b: Builder, week3: list[Slot], floor_work: int) -> list[Slot]:
    """Week 4: each main, highest priority first, moves on one step:

    1. to a harder version (a progression, or a variation of a higher level): allowed,
       not already in the session, fitting the session, starting at its base dose
       while the session keeps at least the volume of weeks 1–2 (``floor_work``);
    2. else one rung up its own ladder (more volume), where that fits;
    3. else a same-level variation with more volume than week 3, where that fits.

    So week 4 differs from week 3 wherever any step fits the member's minutes."""
    slots = list(week3)
    total, work = b.total(slots), b.work(slots)

    def try_put(i: int, new: Slot, enough: bool) -> bool:
        nonlocal total, work
        old_time, old_work = b.seconds(slots[i])
        new_time, new_work = b.seconds(new)
        if total - old_time + new_time > b.budget or not enough:
            return False
        slots[i] = new
        total += new_time - old_time
        work += new_work - old_work
        return True

    for i, slot in enumerate(slots):
        if slot.role != "main":
            continue
        in_session = {s.slug for s in slots}
        options = next_steps(b, b.exercises[slot.slug], in_session)
        done = False
        for nxt, harder in options:
            if not harder:
                continue
            dose = b.exercises[nxt].dose
            for amount in dict.fromkeys((base_amount(dose), top_amount(dose, dose.sets.low))):
                new = Slot(nxt, "main", amount, slot.focus, "progression", slot.slug)
                new_work = b.seconds(new)[1]
                old_work = b.seconds(slot)[1]
                if try_put(i, new, work - old_work + new_work >= floor_work):
                    done = True
                    break
            if done:
                break
        if done:
            continue
        bigger = _one_more(b, slot)
        if bigger is not None:
            step = _build_step(slot.amount, bigger.amount)
            if try_put(i, bigger._replace(step=step), True):
                continue
        old_work = b.seconds(slot)[1]
        for nxt, harder in options:
            if harder:
                continue
            dose = b.exercises[nxt].dose
            amount = top_amount(dose, slot.amount.sets).with_sets(slot.amount.sets)
            new = Slot(nxt, "main", amount, slot.focus, "variation", slot.slug)
            if try_put(i, new, b.seconds(new)[1] > old_work):
                break
    return slots


def next_steps(b: Builder, exercise: Exercise, in_session: set[str]) -> list[tuple[str, bool]]:
    """(slug, harder) for the allowed next steps: the exercise's progressions and
    harder variations first, then same-level variations that are not regressions;
    within each, exercises for the member's situation first. A same-level variation
    never trades an exercise made for the member's situation (the pregnancy clamshell
    with a pillow) for one that is not."""
    regressions = {ref.slug for ref in exercise.regressions}
    progressions = [ref.slug for ref in exercise.progressions if ref.slug]
    variations = [
        v.slug
        for v in exercise.variations
        if v.slug and v.slug not in regressions and b.exercises[v.slug].level >= exercise.level
    ]
    order = b.allowed.order
    for_situation = not order[exercise.slug][2] if exercise.slug in order else False
    found: dict[str, bool] = {}
    for slug in (*progressions, *variations):
        if slug not in b.allowed.slugs or slug in in_session or slug in found:
            continue
        harder = slug in progressions or b.exercises[slug].level > exercise.level
        if harder or not (for_situation and order[slug][2]):
            found[slug] = harder
    return sorted(found.items(), key=lambda kv: (not kv[1], order[kv[0]][2]))


def _build_step(before: Amount, after: Amount) -> Step:
    more_reps = after.measures() != before.measures()
    extra_set = after.sets > before.sets
    if more_reps and extra_set:
        return "more-reps-extra-set"
    if more_reps:
        return "more-reps"
    return "extra-set" if extra_set else "hold"
