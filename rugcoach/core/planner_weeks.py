"""How a session fits its time and builds up over the weeks (internal).

- ``fit``: shorten a session until it fits its minutes (never more);
- ``build_up``: week 3, more volume within the same minutes;
- ``progress``: week 4, a harder version (or a variation) where one is allowed.

All work on ``Slot`` lists; ``Builder`` (planner_build) holds the member's constraints,
the time model's caches and the choice of exercises. Rules: ``docs/planner.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rugcoach.core.library.exercises import Exercise
from rugcoach.core.planner_dose import (
    MAX_SETS,
    TRANSITION_SECONDS,
    Amount,
    base_amount,
    top_amount,
)
from rugcoach.core.planner_models import Role, Step
from rugcoach.core.planner_profile import FocusArea

if TYPE_CHECKING:
    from rugcoach.core.planner_build import Builder

__all__ = ["Slot", "build_up", "fit", "next_steps", "progress"]

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
                put(i, _trim(b, slot, budget))
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


def _trim(b: Builder, slot: Slot, budget: int) -> Slot:
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
    """Week 3: more volume, one step at a time, until no step fits in the session:
    first the upper end of every main's ranges (more reps, longer holds), then one
    more set at a time (up to the advised maximum plus one), each going to the main
    with the fewest sets (ties: the higher priority), so the extra volume is spread."""
    slots = list(base)
    times = [b.seconds(slot)[0] for slot in slots]
    total = b.total(slots)
    steps = [_one_more(b, slot) if slot.role == "main" else None for slot in slots]
    while True:
        best: tuple[tuple[bool, int, int], int, int] | None = None
        for i, bigger in enumerate(steps):
            if bigger is None:
                continue
            delta = b.seconds(bigger)[0] - times[i]
            if total + delta > b.budget:
                steps[i] = None  # the session only grows: this step never fits
                continue
            sets = slots[i].amount.sets
            key = (bigger.amount.sets > sets, sets, i)
            if best is None or key < best[0]:
                best = (key, i, delta)
        if best is None:
            break
        _, i, delta = best
        slots[i], times[i], total = steps[i], times[i] + delta, total + delta
        steps[i] = _one_more(b, slots[i])
    return [
        new._replace(step=_build_step(old.amount, new.amount)) if new.role == "main" else new
        for old, new in zip(base, slots, strict=True)
    ]


def _one_more(b: Builder, slot: Slot) -> Slot | None:
    key = (slot.slug, slot.amount)
    if key in b.index.raises:
        amount = b.index.raises[key]
    else:
        dose = b.exercises[slot.slug].dose
        now = slot.amount
        top = top_amount(dose, now.sets).with_sets(now.sets)
        if top.measures() != now.measures():
            amount = top
        elif now.sets < min(MAX_SETS, dose.sets.high + 1):
            amount = now.with_sets(now.sets + 1)
        else:
            amount = None
        b.index.raises[key] = amount
    return None if amount is None else slot._replace(amount=amount)


def progress(b: Builder, week3: list[Slot], floor_work: int) -> list[Slot]:
    """Week 4: each main, highest priority first, moves on to a harder version (its
    progression) or, failing that, a variation: allowed, not already in the session,
    fitting the session. A progression starts at its base dose and must keep the
    session's volume at or above weeks 1–2 (``floor_work``); a variation keeps at
    least the week-3 volume of the exercise it replaces."""
    slots = list(week3)
    total, work = b.total(slots), b.work(slots)
    for i, slot in enumerate(slots):
        if slot.role != "main":
            continue
        in_session = {s.slug for s in slots}
        old_time, old_work = b.seconds(slot)
        for nxt, harder in next_steps(b, b.exercises[slot.slug], in_session):
            dose = b.exercises[nxt].dose
            if harder:
                amounts = (base_amount(dose), top_amount(dose, dose.sets.low))
                step: Step = "progression"
            else:
                amounts = (top_amount(dose, slot.amount.sets).with_sets(slot.amount.sets),)
                step = "variation"
            for amount in dict.fromkeys(amounts):
                new = Slot(nxt, "main", amount, slot.focus, step, slot.slug)
                new_time, new_work = b.seconds(new)
                fits = total - old_time + new_time <= b.budget
                enough = (
                    work - old_work + new_work >= floor_work if harder else new_work >= old_work
                )
                if fits and enough:
                    slots[i] = new
                    total += new_time - old_time
                    work += new_work - old_work
                    break
            if slots[i] is not slot:
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
