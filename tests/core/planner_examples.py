"""The example member and their plan, shared by the planner's example tests
(test_planner_<topic>.py): a home intake of 20 minutes on Monday, Wednesday and Friday,
changed field by field, and the plan the real content gives it."""

from __future__ import annotations

from datetime import date, timedelta

from rugcoach.core.planner import Plan, Profile, SelfTests, Session, build_plan, focus_areas
from tests.core.test_planner_support import catalog, planner_content, verdict

START = date(2027, 1, 4)  # a Monday
DUE_WEEK_20 = START + timedelta(days=280 - 20 * 7)  # 20 weeks pregnant at the start
DUE_WEEK_5 = START + timedelta(days=280 - 5 * 7)  # 5 weeks at the start, 8 at the end


def profile(**changes: object) -> Profile:
    data: dict[str, object] = {
        "situation": "home",
        "minutes_per_session": 20,
        "weekdays": ("mon", "wed", "fri"),
        "complaint_weeks": 3,
    }
    data.update(changes)
    return Profile.model_validate(data)


def plan_for(
    member: Profile,
    tests: SelfTests | None = None,
    verdict_name: str = "benign",
    starts_on: date | None = None,
) -> Plan:
    focus = focus_areas(member, tests or SelfTests(), planner_content())
    plan = build_plan(
        member, focus, verdict(verdict_name), catalog(), planner_content(), starts_on=starts_on
    )
    assert isinstance(plan, Plan)
    return plan


def slugs(plan: Plan, weeks: tuple[int, ...] = (1, 2, 3, 4), role: str | None = None) -> set[str]:
    return {
        item.slug
        for week in plan.weeks
        if week.number in weeks
        for session in week.sessions
        for item in session.items
        if role is None or item.role == role
    }


def mains(session: Session) -> list[str]:
    return [item.slug for item in session.items if item.role == "main"]
