"""Pregnancy by week: the week and trimester follow from the due date and a day.

The intake stores the due date (uitgerekende datum), never a week or trimester, so what
the planner knows stays right as time passes. One home for the counting:

- A pregnancy lasts 280 days (40 weeks) to the due date, counted from the first day of the
  last period, as Dutch midwives and the due-date calculators do.
- ``week`` is the number of completed weeks ("13 weken zwanger" = 13+0 to 13+6).
- The first trimester is weeks 0–12; from week 13 on the member is in the second
  trimester, from week 28 in the third.
- From week 13 (clinical reference §5, default U) exercises lying flat on the back give way
  to inclined or side-lying versions.

Pure: no clock, no Django. Callers pass the day they mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "FULL_TERM_DAYS",
    "MAX_WEEKS_AHEAD",
    "SUPINE_LIMIT_WEEK",
    "DueDateProblem",
    "PregnancyStage",
    "due_date_from_week",
    "due_date_problem",
    "first_day_of_week",
    "pregnancy_stage",
    "trimester_of",
]

FULL_TERM_DAYS = 280
"""From the first day of the last period to the due date."""
SUPINE_LIMIT_WEEK = 13
"""From this week on: no exercises lying flat on the back (clinical reference §5, U)."""
SECOND_TRIMESTER_WEEK = 13
THIRD_TRIMESTER_WEEK = 28
MAX_WEEKS_AHEAD = 42
"""A due date further away than this is a typing error, not a pregnancy."""

Trimester = Literal[1, 2, 3]
DueDateProblem = Literal["past", "too-far"]


@dataclass(frozen=True)
class PregnancyStage:
    """Where a pregnancy stands on one day."""

    week: int
    """Completed weeks (0 at the start, 40 on the due date, more when overdue)."""
    day: int
    """Days into that week (0–6): week 13, day 2 is written 13+2."""
    trimester: Trimester

    @property
    def after_first_trimester(self) -> bool:
        return self.week >= SUPINE_LIMIT_WEEK


def trimester_of(week: int) -> Trimester:
    if week >= THIRD_TRIMESTER_WEEK:
        return 3
    if week >= SECOND_TRIMESTER_WEEK:
        return 2
    return 1


def pregnancy_stage(due_date: date, on: date) -> PregnancyStage:
    """The week and trimester on ``on`` for a pregnancy due on ``due_date``."""
    days = max(0, FULL_TERM_DAYS - (due_date - on).days)
    week, day = divmod(days, 7)
    return PregnancyStage(week=week, day=day, trimester=trimester_of(week))


def first_day_of_week(due_date: date, week: int) -> date:
    """The day the pregnancy reaches ``week``+0 (e.g. the day the supine limit starts)."""
    return due_date - timedelta(days=FULL_TERM_DAYS - 7 * week)


def due_date_from_week(week: int, on: date, day: int = 3) -> date:
    """The due date of a pregnancy that is ``week``+``day`` on ``on``; the inverse of
    ``pregnancy_stage``. Used where only a week (or trimester) is known."""
    return on + timedelta(days=FULL_TERM_DAYS - 7 * week - day)


def due_date_problem(due_date: date, today: date) -> DueDateProblem | None:
    """Why a due date entered today cannot be right, or None.

    It must lie after today (a due date that has passed means the pregnancy situation
    needs updating) and at most ``MAX_WEEKS_AHEAD`` weeks ahead.
    """
    if due_date <= today:
        return "past"
    if due_date > today + timedelta(weeks=MAX_WEEKS_AHEAD):
        return "too-far"
    return None
