"""Swapping an exercise in a plan: which exercises may replace it, and the plan after.

A replacement serves the same purpose (the same focus area for a main, the warm-up or
cool-down pool otherwise), passes every constraint of that session (a week of pregnancy
included), is not in the session yet, and stays at the basics' level in weeks 1–2. It
gets the dose level of its week and is shortened only to fit the session's minutes; no
other item changes. The rules are judged by the Builder the plan was built with
(``build.builder_for``).
"""

from __future__ import annotations

from typing import Literal

from rugcoach.core.planner.build import Builder, builder_for, slot_of
from rugcoach.core.planner.constraints import Catalog, index_for
from rugcoach.core.planner.content import PlannerContent
from rugcoach.core.planner.dose import (
    TRANSITION_SECONDS,
    Amount,
    base_amount,
    light_amount,
    next_rung,
    session_seconds,
)
from rugcoach.core.planner.models import Plan, PlanError, PlanItem, Session
from rugcoach.core.planner.profile import Profile, Weekday
from rugcoach.core.planner.weeks import Slot, trim
from rugcoach.core.triage.engine import Verdict

__all__ = ["SwapScope", "alternatives", "swap"]


def alternatives(
    plan: Plan,
    week: int,
    weekday: Weekday,
    slug: str,
    profile: Profile,
    verdict: Verdict,
    catalog: Catalog,
    content: PlannerContent,
) -> tuple[str, ...]:
    """Exercises that may replace ``slug`` in that session: the same purpose (the same
    focus area for a main, the warm-up or cool-down pool otherwise), passing every
    constraint, not already in the session; weeks 1–2 stay at the basics' level."""
    session, item = _find(plan, week, weekday, slug)
    index = index_for(catalog, content)
    builder = builder_for(profile, plan.focus, verdict, index, session.pregnancy_week)
    return tuple(_alternatives(builder, week, session, item))


SwapScope = Literal["session", "everywhere"]
"""A swap's reach, the member's choice: this one session, or every session of the plan
that has the exercise."""


def swap(
    plan: Plan,
    week: int,
    weekday: Weekday,
    slug: str,
    replacement: str,
    profile: Profile,
    verdict: Verdict,
    catalog: Catalog,
    content: PlannerContent,
    *,
    scope: SwapScope = "session",
) -> Plan:
    """The plan with ``slug`` replaced by ``replacement`` in the chosen session, or with
    ``scope="everywhere"`` also in every other session that has ``slug`` and where
    ``replacement`` is an allowed alternative (the same rules as the chosen session).

    The replacement gets the dose level of its week (as many rungs of its own ladder as
    ``slug`` had climbed), shortened only if the session would run over its minutes; no
    other item changes. Raises PlanError saying why when the swap is not allowed in the
    chosen session."""
    session, item = _find(plan, week, weekday, slug)
    index = index_for(catalog, content)
    builder = builder_for(profile, plan.focus, verdict, index, session.pregnancy_week)
    if replacement not in _alternatives(builder, week, session, item):
        raise PlanError(_why_not(builder, week, session, item, replacement))
    replaced = {(week, weekday): _swapped_session(builder, week, session, item, replacement)}
    if scope == "everywhere":
        for other_week in plan.weeks:
            for other in other_week.sessions:
                key = (other_week.number, other.weekday)
                found = other.item(slug)
                if key in replaced or found is None:
                    continue
                other_builder = builder_for(
                    profile, plan.focus, verdict, index, other.pregnancy_week
                )
                if replacement not in _alternatives(other_builder, key[0], other, found):
                    continue  # not allowed there (a level cap, a week of pregnancy): kept
                try:
                    new = _swapped_session(other_builder, key[0], other, found, replacement)
                except PlanError:
                    continue  # does not fit that session's minutes: kept
                replaced[key] = new
    weeks = tuple(
        w.model_copy(
            update={"sessions": tuple(replaced.get((w.number, s.weekday), s) for s in w.sessions)}
        )
        for w in plan.weeks
    )
    return plan.model_copy(update={"weeks": weeks})


def _swapped_session(
    builder: Builder, week: int, session: Session, item: PlanItem, replacement: str
) -> Session:
    """``session`` with ``item`` replaced; every other item stays exactly as it was."""
    exercise = builder.exercises[replacement]
    if item.role == "main":
        rungs = _rungs_climbed(builder, item)
        amount = base_amount(exercise.dose)
        for _ in range(rungs):
            amount = next_rung(exercise.dose, amount) or amount
        if rungs == 0 and item.sets < amount.sets:
            amount = amount.with_sets(item.sets)  # the session was shortened: keep it so
        new = Slot(replacement, "main", amount, item.focus, "swapped", item.slug)
    else:
        new = Slot(replacement, item.role, light_amount(exercise.dose), None, item.role, item.slug)
    others = session_seconds(i for i in session.items if i is not item)
    transitions = TRANSITION_SECONDS if len(session.items) > 1 else 0
    room = builder.budget - others - transitions
    while builder.seconds(new)[0] > room and new.amount.sets > 1:
        new = new._replace(amount=new.amount.with_sets(new.amount.sets - 1))
    if builder.seconds(new)[0] > room:
        new = trim(builder, new, room)
    if builder.seconds(new)[0] > room:
        minutes = builder.minutes
        raise PlanError(
            f"'{replacement}' does not fit in {minutes} minutes in place of '{item.slug}'"
        )
    items = tuple(builder.item(new) if i is item else i for i in session.items)
    return session.model_copy(update={"items": items, "seconds": session_seconds(items)})


def _rungs_climbed(builder: Builder, item: PlanItem) -> int:
    """How many rungs of its own ladder ``item`` stands above its base dose (0 for a
    new exercise: a progression or an earlier swap starts at its base)."""
    if item.step in ("base", "progression", "variation", "swapped"):
        return 0
    dose = builder.exercises[item.slug].dose
    target = slot_of(item).amount
    amount: Amount | None = base_amount(dose)
    for rungs in range(12):
        if amount is None:
            break
        if amount == target:
            return rungs
        amount = next_rung(dose, amount)
    return 0


def _find(plan: Plan, week: int, weekday: Weekday, slug: str) -> tuple[Session, PlanItem]:
    session = plan.week(week).session(weekday)
    if session is None:
        raise PlanError(f"week {week} has no session on {weekday.value}")
    item = session.item(slug)
    if item is None:
        raise PlanError(f"'{slug}' is not in the session of week {week} on {weekday.value}")
    return session, item


def _pool(builder: Builder, item: PlanItem) -> list[str]:
    if item.role == "warm-up":
        return [s for s in builder.content.warm_up if s in builder.allowed.slugs]
    if item.role == "cool-down":
        return [s for s in builder.content.cool_down if s in builder.allowed.slugs]
    areas = (item.focus,) if item.focus else tuple(builder.content.focus_areas)
    return list(dict.fromkeys(s for area in areas for s in builder.candidates(area)))


def _level_cap(builder: Builder, week: int, item: PlanItem) -> int:
    if week >= 3:
        return builder.content.max_level
    return max(1, builder.exercises[item.slug].level)


def _alternatives(builder: Builder, week: int, session: Session, item: PlanItem) -> list[str]:
    in_session = {i.slug for i in session.items}
    cap = _level_cap(builder, week, item)
    return [
        s for s in _pool(builder, item) if s not in in_session and builder.exercises[s].level <= cap
    ]


def _why_not(builder: Builder, week: int, session: Session, item: PlanItem, slug: str) -> str:
    where = f"week {week} on {session.weekday.value}"
    if slug not in builder.exercises:
        return f"unknown exercise '{slug}'"
    excluded = next((e for e in builder.allowed.excluded if e.slug == slug), None)
    if excluded is not None:
        return f"'{slug}' is not allowed for you ({excluded.cause}): {excluded.reason.en}"
    if slug in {i.slug for i in session.items}:
        return f"'{slug}' is already in the session of {where}"
    if builder.exercises[slug].level > _level_cap(builder, week, item):
        return f"'{slug}' is above the level of weeks 1–2; it can come in weeks 3–4"
    purpose = item.focus.value if item.role == "main" and item.focus else item.role
    return f"'{slug}' does not serve the same purpose as '{item.slug}' ({purpose})"
