"""Pregnancy by week: the week follows from the due date, and a plan that runs into week
13 switches to inclined or side-lying versions from that day on (clinical reference §5).

No Django: run with ``pytest tests/core/test_planner_pregnancy.py -p no:django``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugcoach.core.kernel.vocabulary import Position
from rugcoach.core.planner import Plan, Profile, SelfTests, Weekday, build_plan, focus_areas
from rugcoach.core.planner.pregnancy import (
    due_date_from_week,
    due_date_problem,
    first_day_of_week,
    pregnancy_stage,
    trimester_of,
)
from tests.core.test_planner_support import catalog, planner_content, verdict

START = date(2027, 1, 4)  # a Monday
GLUTES_FIRST = SelfTests(bridge_felt_in="lower-back")  # the glute bridge lies on the back


def pregnant(due_date: date, weekdays: tuple[str, ...] = ("mon", "wed", "fri")) -> Profile:
    return Profile(
        situation="pregnancy",
        due_date=due_date,
        minutes_per_session=20,
        weekdays=weekdays,
        complaint_weeks=3,
    )


def plan_for(member: Profile, starts_on: date = START, tests: SelfTests = GLUTES_FIRST) -> Plan:
    focus = focus_areas(member, tests, planner_content())
    plan = build_plan(
        member, focus, verdict("benign"), catalog(), planner_content(), starts_on=starts_on
    )
    assert isinstance(plan, Plan)
    return plan


def positions(session) -> set[Position]:
    return {catalog().exercises[item.slug].position for item in session.items}


# --- counting weeks --------------------------------------------------------------------


def test_the_week_counts_from_280_days_before_the_due_date():
    due = date(2027, 7, 1)
    assert pregnancy_stage(due, due - timedelta(days=280)).week == 0
    assert pregnancy_stage(due, due).week == 40
    day_before_13 = due - timedelta(days=280 - 13 * 7 + 1)
    assert (pregnancy_stage(due, day_before_13).week, pregnancy_stage(due, day_before_13).day) == (
        12,
        6,
    )
    assert pregnancy_stage(due, day_before_13 + timedelta(days=1)).week == 13
    assert first_day_of_week(due, 13) == day_before_13 + timedelta(days=1)


def test_the_same_due_date_gives_a_later_week_as_time_passes():
    due = date(2027, 7, 1)
    today = due - timedelta(days=280 - 10 * 7)  # 10 weeks pregnant
    earlier = pregnancy_stage(due, today)
    later = pregnancy_stage(due, today + timedelta(weeks=6))
    assert later.week == earlier.week + 6
    assert (earlier.trimester, later.trimester) == (1, 2)


@pytest.mark.parametrize(
    ("week", "trimester"), [(0, 1), (12, 1), (13, 2), (27, 2), (28, 3), (41, 3)]
)
def test_trimesters_follow_the_week(week: int, trimester: int):
    assert trimester_of(week) == trimester


@given(st.integers(0, 41), st.integers(0, 6), st.dates(date(2020, 1, 1), date(2040, 1, 1)))
def test_a_due_date_from_a_week_gives_that_week_back(week: int, day: int, on: date):
    stage = pregnancy_stage(due_date_from_week(week, on, day), on)
    assert (stage.week, stage.day) == (week, day)


def test_a_due_date_must_lie_ahead_and_at_most_42_weeks_away():
    today = date(2027, 1, 4)
    assert due_date_problem(today, today) == "past"
    assert due_date_problem(today - timedelta(days=3), today) == "past"
    assert due_date_problem(today + timedelta(days=1), today) is None
    assert due_date_problem(today + timedelta(weeks=42), today) is None
    assert due_date_problem(today + timedelta(weeks=42, days=1), today) == "too-far"


# --- the week-13 switch in a plan ------------------------------------------------------


def test_a_plan_that_runs_into_week_13_switches_on_that_day():
    # Week 13 begins on the Wednesday of the plan's second week.
    switch = START + timedelta(days=9)
    due = switch + timedelta(days=280 - 13 * 7)
    member = pregnant(due)
    plan = plan_for(member)

    before = [(w, s) for w in plan.weeks for s in w.sessions if s.pregnancy_week < 13]
    after = [(w, s) for w in plan.weeks for s in w.sessions if s.pregnancy_week >= 13]
    assert [(w.number, s.weekday) for w, s in before] == [
        (1, Weekday.MON),
        (1, Weekday.WED),
        (1, Weekday.FRI),
        (2, Weekday.MON),
    ]
    assert after[0][0].number == 2 and after[0][1].weekday is Weekday.WED
    # Before the switch the member still does the glute bridge on her back…
    assert any(Position.SUPINE in positions(s) for _, s in before)
    # …from the switch on nothing lies flat on the back.
    for _, session in after:
        assert Position.SUPINE not in positions(session), session
    # The plan says why, with the date.
    switch_reason = next(r for r in plan.reasons if "plat op je rug" in r.nl and "Vanaf" in r.nl)
    assert "woensdag 13-1-2027" in switch_reason.nl
    assert "week 2 van je plan" in switch_reason.nl
    assert "2027-01-13" in switch_reason.en
    assert any("ben je 11 weken zwanger" in r.nl for r in plan.reasons)


def test_a_plan_entirely_before_week_13_keeps_lying_on_the_back():
    member = pregnant(START + timedelta(days=280 - 5 * 7))
    plan = plan_for(member)
    assert {s.pregnancy_week for w in plan.weeks for s in w.sessions} == set(range(5, 9))
    assert any(Position.SUPINE in positions(s) for w in plan.weeks for s in w.sessions)
    assert not any("plat op je rug" in r.nl for r in plan.reasons)


def test_a_plan_entirely_after_week_13_says_why_from_the_start():
    member = pregnant(START + timedelta(days=280 - 20 * 7))
    plan = plan_for(member)
    assert all(Position.SUPINE not in positions(s) for w in plan.weeks for s in w.sessions)
    assert any("13 weken of langer zwanger" in r.nl for r in plan.reasons)


def test_swaps_follow_the_week_of_the_session():
    from rugcoach.core.planner import alternatives

    switch = START + timedelta(days=9)
    member = pregnant(switch + timedelta(days=280 - 13 * 7))
    plan = plan_for(member)
    args = (member, verdict("benign"), catalog(), planner_content())
    supine = {s for s, e in catalog().exercises.items() if e.position is Position.SUPINE}
    late = plan.week(3).sessions[0]
    for item in late.items:
        options = alternatives(plan, 3, late.weekday, item.slug, *args)
        assert supine.isdisjoint(options), item.slug
    early = plan.week(1).sessions[0]
    offered = {
        option
        for item in early.items
        for option in alternatives(plan, 1, early.weekday, item.slug, *args)
    }
    assert offered & supine  # early in the pregnancy, lying on the back is still fine


def _undated(session):
    return session.model_copy(update={"pregnancy_week": None})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 280),
    st.lists(st.sampled_from(list(Weekday)), min_size=1, max_size=7, unique=True),
)
def test_every_session_follows_the_week_of_its_own_day(days_to_due: int, weekdays: list):
    """A session before week 13 is the one an early pregnancy gets, a session from week
    13 on the one a later pregnancy gets: the switch falls exactly on its date."""
    days = tuple(day.value for day in weekdays)
    member = pregnant(START + timedelta(days=days_to_due), days)
    plan = plan_for(member)
    early = plan_for(pregnant(START + timedelta(days=280), days))  # week 0–3
    late = plan_for(pregnant(START + timedelta(days=280 - 20 * 7), days))  # week 20–23
    for week in plan.weeks:
        for session in week.sessions:
            day = START + timedelta(days=7 * (week.number - 1) + session.weekday.offset)
            expected_week = (280 - (member.due_date - day).days) // 7
            assert session.pregnancy_week == expected_week
            reference = late if expected_week >= 13 else early
            assert _undated(session) == _undated(
                reference.week(week.number).session(session.weekday)
            )
