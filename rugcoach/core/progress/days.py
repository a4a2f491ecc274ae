"""Days a member trained: the streak, the month calendar and the minutes per week.

**The streak** counts training days (a day with at least one stored session, finished or
stopped part-way: stopping because it hurt is still training). Two training days in a row
of the calendar belong to one streak, and so do two with missed days between them, as long
as there are at most ``rest_days`` missed days (content/outcomes.yaml: one). A missed day
is a day without a session that the member's plan had a session on, or a day no plan
covered; a day the plan left free is planned rest and is never missed. So a Mon/Wed/Fri
plan's weekend never breaks a streak, skipping one planned session does not either, and
skipping two in a row does. Today does not count until it is over: not having trained yet
today never breaks a streak. The streak is the number of training days in the run that
is still alive today (0 when there is none).

**Weeks** are calendar weeks, Monday to Sunday (the Dutch calendar's week): the progress
page spans plans (a new plan starts on its own day), and "this week" on a calendar is
what a member means when they read minutes per week.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "CalendarDay",
    "PlanSpan",
    "Planned",
    "WeekMinutes",
    "month_calendar",
    "planned",
    "streak",
    "weekly_minutes",
]


@dataclass(frozen=True)
class PlanSpan:
    """One plan: its first day, how many days it runs, and the offsets of its sessions."""

    starts_on: date
    days: int
    session_offsets: frozenset[int]


@dataclass(frozen=True)
class Planned:
    """The days a plan covered, and of those the days it had a session on."""

    covered: frozenset[date]
    sessions: frozenset[date]


def planned(spans: Sequence[PlanSpan]) -> Planned:
    """The member's plans in the order they were made: a later plan governs from its first
    day on (a new plan replaces the old one's remaining days)."""
    has_session: dict[date, bool] = {}
    for span in spans:
        for day in [d for d in has_session if d >= span.starts_on]:
            del has_session[day]
        for offset in range(span.days):
            has_session[span.starts_on + timedelta(days=offset)] = offset in span.session_offsets
    return Planned(
        covered=frozenset(has_session),
        sessions=frozenset(day for day, session in has_session.items() if session),
    )


def _missed(day: date, trained: frozenset[date], plan: Planned | None) -> bool:
    if day in trained:
        return False
    if plan is None or day not in plan.covered:
        return True
    return day in plan.sessions


def _missed_between(
    first: date, last: date, trained: frozenset[date], plan: Planned | None, limit: int
) -> int:
    """Missed days strictly between two days; stops counting once above ``limit``."""
    count = 0
    day = first + timedelta(days=1)
    while day < last and count <= limit:
        if _missed(day, trained, plan):
            count += 1
        day += timedelta(days=1)
    return count


def streak(
    trained: Iterable[date], today: date, *, rest_days: int, plan: Planned | None = None
) -> int:
    """Training days in the run still alive today (see the module's docstring)."""
    days = sorted({day for day in trained if day <= today})
    if not days:
        return 0
    done = frozenset(days)
    if _missed_between(days[-1], today, done, plan, rest_days) > rest_days:
        return 0
    count = 1
    for earlier, later in zip(reversed(days[:-1]), reversed(days[1:]), strict=True):
        if _missed_between(earlier, later, done, plan, rest_days) > rest_days:
            break
        count += 1
    return count


@dataclass(frozen=True)
class CalendarDay:
    day: date
    in_month: bool
    sessions: int
    today: bool


def month_calendar(
    year: int, month: int, sessions_per_day: Mapping[date, int], today: date
) -> list[list[CalendarDay]]:
    """The month as weeks of seven days, Monday first (days of the neighbouring months
    fill the first and last week, marked ``in_month=False``)."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    return [
        [
            CalendarDay(
                day=day,
                in_month=day.month == month,
                sessions=sessions_per_day.get(day, 0),
                today=day == today,
            )
            for day in week
        ]
        for week in weeks
    ]


@dataclass(frozen=True)
class WeekMinutes:
    monday: date
    minutes: int


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_minutes(
    seconds_per_day: Iterable[tuple[date, int]], today: date, weeks: int
) -> list[WeekMinutes]:
    """Minutes trained in each of the last ``weeks`` calendar weeks, oldest first, this week
    last (weeks without training show 0). Seconds are summed before rounding."""
    this_monday = monday_of(today)
    mondays = [this_monday - timedelta(weeks=n) for n in reversed(range(weeks))]
    seconds = dict.fromkeys(mondays, 0)
    for day, amount in seconds_per_day:
        monday = monday_of(day)
        if monday in seconds:
            seconds[monday] += max(amount, 0)
    return [WeekMinutes(monday, round(total / 60)) for monday, total in seconds.items()]
