"""A Plan as a Schedule: sessions on day offsets, items with stable keys, each dose one
``Prescription`` (the one dose type, issue 10 §1).

Keys: a session is ``w<week>-<day>`` (``w1-mon``), an item ``<session>.<order>``
(``w1-mon.2``). They name a place in the plan, not an exercise, so a swap keeps the key
and a log or a dose change made before the swap still points at the same slot.
"""

from __future__ import annotations

from collections.abc import Mapping

from rugcoach.core.library.exercises import Dose, Exercise
from rugcoach.core.planner.dose import Amount, base_amount, fewer_sets, next_rung
from rugcoach.core.planner.models import Plan, PlanItem, day_offset
from rugcoach.core.schedule import (
    BreathingCount,
    Item,
    Prescription,
    PrescriptionVersion,
    RepTempo,
    Schedule,
    ScheduleSession,
)

__all__ = [
    "SCHEDULE_KIND",
    "item_key",
    "library_pace",
    "plan_schedule",
    "prescription_of",
    "session_key",
]

SCHEDULE_KIND = "build-up-4-weeks"
MAX_RUNGS = 16


def session_key(week: int, weekday: str) -> str:
    return f"w{week}-{weekday}"


def item_key(week: int, weekday: str, order: int) -> str:
    return f"{session_key(week, weekday)}.{order}"


def library_pace(dose: Dose | None) -> tuple[RepTempo | None, BreathingCount | None]:
    """The library dose's tempo and breathing count as the Prescription's types: the one
    place a plan item, a program item and a stored dose take their pace from."""
    if dose is None:
        return None, None
    tempo, pace = dose.tempo, dose.breathing_pace
    return (
        None if tempo is None else RepTempo(move=tempo.move, pause=tempo.pause, back=tempo.back),
        None
        if pace is None
        else BreathingCount(inhale=pace.inhale, exhale=pace.exhale, hold=pace.hold),
    )


def prescription_of(item: PlanItem, exercise: Exercise | None) -> Prescription:
    """The item's dose as the one dose type (tempo and breathing from the library)."""
    tempo, breathing = library_pace(exercise.dose if exercise is not None else None)
    return Prescription(
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        duration_seconds=item.duration_seconds,
        per_side=item.per_side,
        rest_seconds=item.rest_seconds,
        tempo=tempo,
        breathing=breathing,
        rung=_rung(item, exercise),
    )


def _rung(item: PlanItem, exercise: Exercise | None) -> int | None:
    """The rung of the exercise's ladder this dose stands at, or None off the ladder."""
    if exercise is None or item.role != "main":
        return None
    target = Amount(item.sets, item.reps, item.hold_seconds, item.duration_seconds)
    below = fewer_sets(exercise.dose)
    if target in below:  # counted down from the base: -1 is one set fewer
        return below.index(target) - len(below)
    amount: Amount | None = base_amount(exercise.dose)
    for rung in range(MAX_RUNGS):
        if amount is None:
            return None
        if amount == target:
            return rung
        amount = next_rung(exercise.dose, amount)
    return None


def plan_schedule(plan: Plan, exercises: Mapping[str, Exercise]) -> Schedule:
    """The plan's sessions in order of their days, each item with its planned dose as
    version 1 (reason: the planner's own)."""
    sessions = []
    for week in plan.weeks:
        for session in week.sessions:
            day = session.weekday.value
            items = tuple(
                Item(
                    key=item_key(week.number, day, order),
                    order=order,
                    slug=item.slug,
                    role=item.role,
                    reason=item.reason,
                    focus=item.focus.value if item.focus else None,
                    replaces=item.replaces,
                    step=item.step,
                    versions=(
                        PrescriptionVersion(
                            number=1,
                            prescription=prescription_of(item, exercises.get(item.slug)),
                            reason=item.reason,
                            source="swap" if item.step == "swapped" else "planner",
                        ),
                    ),
                )
                for order, item in enumerate(session.items)
            )
            sessions.append(
                ScheduleSession(
                    key=session_key(week.number, day),
                    day_offset=day_offset(week.number, session.weekday),
                    order=0,
                    title=week.theme,
                    seconds=session.seconds,
                    items=items,
                    note=None
                    if session.pregnancy_week is None
                    else f"pregnancy-week:{session.pregnancy_week}",
                )
            )
    return Schedule(kind=SCHEDULE_KIND, sessions=tuple(sessions))
