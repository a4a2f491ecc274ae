"""Building the plan: (profile, focus areas, triage verdict, catalog) → a 4-week Plan.

``build_plan`` checks the verdict, makes a Builder per set of conditions (a pregnancy
can change them from one session to the next), lets each build weeks 1–4 and puts the
sessions together with the plan's reasons. The package's modules and the public API are
listed in ``rugcoach/core/planner/__init__.py``.
"""

from __future__ import annotations

from datetime import date

from rugcoach.core.kernel.vocabulary import Condition
from rugcoach.core.planner.build import Builder, builder_for
from rugcoach.core.planner.constraints import Catalog, index_for
from rugcoach.core.planner.content import PlannerContent
from rugcoach.core.planner.dose import session_seconds
from rugcoach.core.planner.focus import default_focus
from rugcoach.core.planner.models import NoPlan, Plan, Session, Week, session_day
from rugcoach.core.planner.pregnancy import pregnancy_stage
from rugcoach.core.planner.profile import Focus, Profile, Weekday
from rugcoach.core.planner.reasons import focus_reasons, plan_reasons, pregnancy_reasons
from rugcoach.core.planner.weeks import Slot
from rugcoach.core.triage.engine import Verdict

__all__ = ["build_plan"]


def build_plan(
    profile: Profile,
    focus: tuple[Focus, ...],
    verdict: Verdict,
    catalog: Catalog,
    content: PlannerContent,
    *,
    starts_on: date | None = None,
    left_out: tuple[Focus, ...] = (),
) -> Plan | NoPlan:
    """The member's 4-week plan, or NoPlan when the verdict does not allow training.

    ``starts_on`` is the Monday of week 1. For a pregnant member each session gets the
    conditions of her week of pregnancy on that day: a plan that runs into week 13 uses
    no exercises lying flat on the back from that day on. Without a start date every
    session follows the latest trimester (the safe side).
    """
    if not (verdict.may_train and verdict.level.allows_training):
        return NoPlan(level=verdict.level, reason=verdict.title, advice=verdict.advice)
    index = index_for(catalog, content)
    focus = focus or default_focus(content)
    pregnancy_weeks = _pregnancy_weeks(profile, starts_on)
    builders: dict[tuple[Condition, ...], Builder] = {}
    session_builders: dict[tuple[int, Weekday], Builder] = {}
    for key, pregnancy_week in pregnancy_weeks.items():
        builder = builder_for(profile, focus, verdict, index, pregnancy_week)
        builder = builders.setdefault(builder.constraints.conditions, builder)
        session_builders[key] = builder
    if not all(builder.has_main_candidate() for builder in builders.values()):
        reason = content.texts["no-plan.nothing-fits"]
        return NoPlan(level=verdict.level, reason=reason, advice=verdict.advice)

    four_weeks = {id(builder): _four_weeks(builder, profile) for builder in builders.values()}
    weeks = []
    for number in range(1, 5):
        sessions = tuple(
            four_weeks[id(session_builders[(number, weekday)])][number - 1][position].model_copy(
                update={"pregnancy_week": pregnancy_weeks[(number, weekday)]}
            )
            for position, weekday in enumerate(profile.weekdays)
        )
        weeks.append(Week(number=number, theme=content.weeks[number - 1].theme, sessions=sessions))
    first = session_builders[(1, profile.weekdays[0])]
    excluded = tuple(
        dict.fromkeys(e for builder in builders.values() for e in builder.allowed.excluded)
    )
    return Plan(
        level=verdict.level,
        minutes_per_session=profile.minutes_per_session,
        weeks=tuple(weeks),
        focus=focus,
        reasons=(
            *plan_reasons(profile, verdict, first),
            *pregnancy_reasons(profile, starts_on, tuple(weeks), content),
            *focus_reasons(focus, left_out, tuple(weeks), first, profile),
        ),
        excluded=excluded,
    )


def _four_weeks(builder: Builder, profile: Profile) -> tuple[tuple[Session, ...], ...]:
    """One builder's sessions for weeks 1–4 (week 2 repeats week 1)."""
    base, built_up, harder = zip(
        *(builder.session_weeks(number) for number in range(len(profile.weekdays))), strict=True
    )
    first = _sessions(builder, profile, base)
    return (
        first,
        first,
        _sessions(builder, profile, built_up),
        _sessions(builder, profile, harder),
    )


def _pregnancy_weeks(
    profile: Profile, starts_on: date | None
) -> dict[tuple[int, Weekday], int | None]:
    """Per session (plan week, weekday): the week of pregnancy on its day, or None."""
    due = profile.due_date
    return {
        (week, weekday): (
            None
            if due is None or starts_on is None
            else pregnancy_stage(due, session_day(starts_on, week, weekday)).week
        )
        for week in range(1, 5)
        for weekday in profile.weekdays
    }


def _sessions(
    builder: Builder, profile: Profile, weeks: tuple[list[Slot], ...]
) -> tuple[Session, ...]:
    sessions = []
    for weekday, slots in zip(profile.weekdays, weeks, strict=True):
        items = tuple(builder.item(slot) for slot in slots)
        sessions.append(Session(weekday=weekday, items=items, seconds=session_seconds(items)))
    return tuple(sessions)
