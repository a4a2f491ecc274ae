"""Builders for the progression engine's tests: a small schedule and a member's sessions.

The schedule has a session every other day for four weeks; each has a warm-up (cat-cow)
and two mains (glute-bridge, whose ladder has four rungs, and bird-dog, which has two).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rugcoach.core.kernel.text import Text
from rugcoach.core.progression.engine import evaluate
from rugcoach.core.progression.models import (
    CheckIn,
    Evaluation,
    ExerciseLog,
    FollowUp,
    SessionLog,
)
from rugcoach.core.progression.steps import ladder
from rugcoach.core.schedule import (
    Item,
    Prescription,
    PrescriptionVersion,
    Schedule,
    ScheduleSession,
)
from tests.core.test_planner_support import catalog

START = date(2027, 1, 4)
MAINS = ("glute-bridge", "bird-dog")
PLANNER = Text(nl="Zo gepland.", en="As planned.")


def at(slug: str, rung: int | None) -> Prescription:
    """The exercise's dose at a rung of its ladder (None: one calm set, off the ladder)."""
    dose = catalog().exercises[slug].dose
    base = ladder(dose)[0]
    amount = (
        base.with_sets(base.sets + rung)
        if rung is not None and rung < 0
        else ladder(dose)[rung or 0]
    )
    return Prescription(
        sets=1 if rung is None else amount.sets,
        reps=amount.reps,
        hold_seconds=amount.hold_seconds,
        duration_seconds=amount.duration_seconds,
        per_side=dose.per_side,
        rest_seconds=dose.rest_seconds,
        rung=rung,
    )


def key(day: int) -> str:
    return f"d{day}"


def schedule(days: int = 28, planned: dict[str, int] | None = None) -> Schedule:
    """A session every other day; the mains at rung 0, or at ``planned[slug]`` from week 3."""
    sessions = []
    for day in range(0, days, 2):
        items = [_item(f"{key(day)}.0", 0, "cat-cow", "warm-up", None)]
        for order, slug in enumerate(MAINS, start=1):
            rung = (planned or {}).get(slug, 0) if day >= 14 else 0
            items.append(_item(f"{key(day)}.{order}", order, slug, "main", rung))
        sessions.append(
            ScheduleSession(key=key(day), day_offset=day, order=0, seconds=600, items=tuple(items))
        )
    return Schedule(kind="test", sessions=tuple(sessions))


def _item(item_key: str, order: int, slug: str, role: str, rung: int | None) -> Item:
    first = PrescriptionVersion(number=1, prescription=at(slug, rung), reason=PLANNER)
    return Item(
        key=item_key, order=order, slug=slug, role=role,  # type: ignore[arg-type]
        reason=PLANNER, step="base", versions=(first,),
    )  # fmt: skip


def morning(pain: int, feeling: str = "same", stiffness: int | None = None) -> FollowUp:
    return FollowUp(feeling=feeling, pain=pain, stiffness=stiffness)  # type: ignore[arg-type]


def session(
    day: int,
    *,
    baseline: int = 2,
    peak: int = 1,
    next_morning: FollowUp | str | None = "settled",
    later: FollowUp | None = None,
    rungs: dict[str, int] | None = None,
    outcomes: dict[str, str] | None = None,
    pains: dict[str, int] | None = None,
) -> SessionLog:
    """One session done on day ``day``; by default calm: peak 1, settled the next morning."""
    exercises = tuple(
        ExerciseLog(item_key=f"{key(day)}.{order}", slug=slug,
                    prescription=at(slug, (rungs or {}).get(slug, 0)),
                    outcome=(outcomes or {}).get(slug, "right"),  # type: ignore[arg-type]
                    pain=(pains or {}).get(slug))
        for order, slug in enumerate(MAINS, start=1)
    )  # fmt: skip
    return SessionLog(
        session_key=key(day),
        on=START + timedelta(days=day),
        baseline=baseline,
        peak=peak,
        exercises=exercises,
        next_morning=morning(baseline) if next_morning == "settled" else next_morning,  # type: ignore[arg-type]
        later=later,
    )


def run(history: list[SessionLog], today: int | None = None, **kwargs: Any) -> Evaluation:
    """Evaluate the day after the last session (or on day ``today``)."""
    if today is None:
        today = max(((s.on - START).days for s in history), default=-1) + 1
    kwargs.setdefault("schedule", schedule())
    kwargs.setdefault("rules", catalog().progression)
    return evaluate(
        kwargs.pop("schedule"),
        starts_on=START,
        today=START + timedelta(days=today),
        history=history,
        exercises=catalog().exercises,
        **kwargs,
    )


def item(evaluation: Evaluation, slug: str):  # type: ignore[no-untyped-def]
    return next(i for i in evaluation.items if i.slug == slug)


def check_in(day: int, clearly_worse: bool = True) -> CheckIn:
    return CheckIn(on=START + timedelta(days=day), clearly_worse=clearly_worse)
