"""The timing model and the dose steps of a plan.

Timing (all in whole seconds; documented in ``docs/planner.md``):

- one repetition lasts the exercise's tempo, move + pause + back, where a dosed hold
  replaces the pause (bird dog: 2 + 3 + 2); paced breathing lasts inhale + hold + exhale;
  reps without either count ``DEFAULT_REP_SECONDS`` plus any hold;
- one set is reps × a repetition, or the hold, or the duration; ``per_side`` doubles it;
- an item is sets × a set plus the rest *between* sets: (sets - 1) × rest;
- a session is its items plus ``TRANSITION_SECONDS`` between two items.

Volume, for "weeks 3–4 never easier than weeks 1–2", is the working time: sets × a set,
without rest or transitions (``PlanItem.work_seconds``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from rugcoach.core.library.exercises import Dose, IntRange

__all__ = [
    "DEFAULT_REP_SECONDS",
    "MAX_SETS",
    "TRANSITION_SECONDS",
    "Amount",
    "base_amount",
    "item_seconds",
    "light_amount",
    "next_rung",
    "rep_seconds",
    "session_seconds",
    "top_amount",
    "work_seconds_per_set",
]

TRANSITION_SECONDS = 15
"""Between two exercises: get into position, read the next card."""
DEFAULT_REP_SECONDS = 4
"""A repetition of an exercise without a tempo in the library (none at present)."""
MAX_SETS = 4
"""An extra set never takes an exercise above this (the article doses 2–3 sets)."""


def rep_seconds(dose: Dose, hold_seconds: int | None) -> int:
    if dose.tempo is not None:
        pause = dose.tempo.pause if hold_seconds is None else hold_seconds
        return dose.tempo.move + pause + dose.tempo.back
    if dose.breathing_pace is not None:
        pace = dose.breathing_pace
        return pace.inhale + pace.hold + pace.exhale
    return DEFAULT_REP_SECONDS + (hold_seconds or 0)


def work_seconds_per_set(
    dose: Dose,
    reps: int | None,
    hold_seconds: int | None,
    duration_seconds: int | None,
    per_side: bool,
) -> int:
    """Working time of one set (both sides when ``per_side``)."""
    if reps is not None:
        seconds = reps * rep_seconds(dose, hold_seconds)
    elif hold_seconds is not None:
        seconds = hold_seconds
    else:
        seconds = duration_seconds or 0
    return seconds * 2 if per_side else seconds


def item_seconds(
    dose: Dose,
    *,
    sets: int,
    reps: int | None,
    hold_seconds: int | None,
    duration_seconds: int | None,
    per_side: bool,
    rest_seconds: int,
) -> int:
    """The time an item takes: its sets plus the rest between them (not after the last)."""
    work = work_seconds_per_set(dose, reps, hold_seconds, duration_seconds, per_side)
    return sets * work + max(0, sets - 1) * rest_seconds


class _Timed(Protocol):
    @property
    def seconds(self) -> int: ...


def session_seconds(items: Sequence[_Timed] | Iterable[_Timed]) -> int:
    """A session's time: every item plus a transition between two items."""
    items = list(items)
    return sum(item.seconds for item in items) + TRANSITION_SECONDS * max(0, len(items) - 1)


class Amount(NamedTuple):
    """How much of one exercise: the numbers a PlanItem carries (None where not dosed)."""

    sets: int
    reps: int | None
    hold_seconds: int | None
    duration_seconds: int | None

    def with_sets(self, sets: int) -> Amount:
        return self._replace(sets=sets)

    def measures(self) -> tuple[int | None, ...]:
        return self[1:]


def _low(value: IntRange | None) -> int | None:
    return None if value is None else value.low


def _high(value: IntRange | None) -> int | None:
    return None if value is None else value.high


def base_amount(dose: Dose) -> Amount:
    """The base dose: the low end of every range (weeks 1–2)."""
    return Amount(
        dose.sets.low, _low(dose.reps), _low(dose.hold_seconds), _low(dose.duration_seconds)
    )


def fewer_sets(dose: Dose) -> tuple[Amount, ...]:
    """The steps below the ladder: the base dose with fewer sets, one set first (a short
    session's weeks 1–2 start there; a dose that hurt at the base goes there)."""
    base = base_amount(dose)
    return tuple(base.with_sets(n) for n in range(1, base.sets))


def top_amount(dose: Dose, sets: int) -> Amount:
    """The upper end of every range, with at least ``sets`` sets."""
    return Amount(
        max(sets, dose.sets.high),
        _high(dose.reps),
        _high(dose.hold_seconds),
        _high(dose.duration_seconds),
    )


def light_amount(dose: Dose) -> Amount:
    """Warm-up and cool-down: one calm set at the base dose."""
    return base_amount(dose).with_sets(1)


HOLD_STEP_SECONDS = 5
"""Holds and durations climb in whole multiples of this (20 → 35 → 45 s, not 32.5)."""
RUNGS_PER_RANGE = 2
"""A range (8–12 reps, 30–60 s) is climbed in this many rungs, so no week jumps to its top."""


def _rung(now: int | None, value: IntRange | None, unit: int) -> int | None:
    """The next value of one measure, or None when it is at its top already."""
    if now is None or value is None or now >= value.high:
        return None
    width = value.high - value.low
    size = -(-width // RUNGS_PER_RANGE)  # ceiling: two rungs always reach the top
    size = -(-size // unit) * unit
    return min(value.high, now + max(unit, size))


def next_rung(dose: Dose, now: Amount) -> Amount | None:
    """One step up the exercise's ladder, or None at its top (see docs/planner.md):

    the ladder climbs the dose's range (more reps, a longer hold or duration) in
    ``RUNGS_PER_RANGE`` rungs, then adds one set at a time up to the advised sets plus
    one (never above ``MAX_SETS``). One rung changes one thing: never a longer hold and
    an extra set in the same week (2 × 30 s → 3 × 60 s is three rungs)."""
    for field, value, unit in (
        ("reps", dose.reps, 1),
        ("hold_seconds", dose.hold_seconds, HOLD_STEP_SECONDS),
        ("duration_seconds", dose.duration_seconds, HOLD_STEP_SECONDS),
    ):
        higher = _rung(getattr(now, field), value, unit)
        if higher is not None:
            return now._replace(**{field: higher})
    if now.sets < min(MAX_SETS, dose.sets.high + 1):
        return now.with_sets(now.sets + 1)
    return None
