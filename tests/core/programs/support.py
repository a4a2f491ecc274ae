"""Shared inputs for the programs' tests: members built with the real planner's rules.

``member(...)`` asks the planner which exercises this member may do
(``constraints_for`` + ``Index.allowed``), exactly as the app will, so the property
tests check the programs against the same rule the plans follow.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from rugcoach.core.kernel.vocabulary import Equipment, Situation
from rugcoach.core.planner.constraints import constraints_for, index_for
from rugcoach.core.planner.pregnancy import due_date_from_week
from rugcoach.core.planner.profile import Profile, Weekday
from rugcoach.core.programs.build import ForMember
from tests.core.test_planner_support import VERDICTS, catalog, verdict

TODAY = date(2027, 3, 1)

# (situation, pregnancy week or None, extra equipment): the situations a member can be in.
SITUATIONS: dict[str, tuple[Situation, int | None, frozenset[Equipment]]] = {
    "home": (Situation.HOME, None, frozenset()),
    "home-band-roller": (
        Situation.HOME,
        None,
        frozenset({Equipment.RESISTANCE_BAND, Equipment.FOAM_ROLLER, Equipment.MASSAGE_BALL}),
    ),
    "gym": (Situation.GYM, None, frozenset()),
    "fitness-ball": (Situation.FITNESS_BALL, None, frozenset()),
    "hernia-lumbago": (Situation.HERNIA_LUMBAGO, None, frozenset()),
    "pregnant-week-8": (Situation.PREGNANCY, 8, frozenset()),
    "pregnant-week-20": (Situation.PREGNANCY, 20, frozenset()),
    "pregnant-week-34": (Situation.PREGNANCY, 34, frozenset()),
}

VERDICT_NAMES = tuple(VERDICTS)


@cache
def member(situation_name: str, verdict_name: str) -> ForMember:
    situation, week, equipment = SITUATIONS[situation_name]
    profile = Profile(
        situation=situation,
        due_date=None if week is None else due_date_from_week(week, TODAY),
        equipment=equipment,
        minutes_per_session=10,
        weekdays=(Weekday.MON, Weekday.WED, Weekday.FRI),
        complaint_weeks=6,
    )
    found = verdict(verdict_name)
    index = index_for(catalog(), catalog().planner)
    constraints = constraints_for(profile, found, index, pregnancy_week=week)
    return ForMember(
        level=found.level,
        conditions=frozenset(constraints.conditions),
        allowed=index.allowed(constraints).slugs,
    )
