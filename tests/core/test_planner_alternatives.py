"""Which alternatives a member is offered for an exercise, and which swaps are refused with
a clear message (what a swap keeps and changes, over every input: test_planner_swaps.py).
The pure core only, no Django.
"""

from __future__ import annotations

import pytest

from rugcoach.core.planner import FocusArea, Plan, PlanError, SelfTests, Weekday, alternatives, swap
from tests.core.planner_examples import DUE_WEEK_20, START, plan_for, profile
from tests.core.test_planner_support import catalog, planner_content, verdict


def test_swap_accepts_an_alternative_with_the_same_purpose():
    member = profile()
    plan = plan_for(member, SelfTests(bridge_felt_in="lower-back"))
    session = plan.weeks[0].sessions[0]
    item = next(i for i in session.items if i.role == "main")
    args = (member, verdict("benign"), catalog(), planner_content())
    options = alternatives(plan, 1, session.weekday, item.slug, *args)
    assert options
    pool = planner_content().focus_areas[item.focus].exercises
    assert set(options) <= set(pool)
    assert set(options).isdisjoint({i.slug for i in session.items})
    swapped = swap(plan, 1, session.weekday, item.slug, options[0], *args)
    new_session = swapped.weeks[0].sessions[0]
    new_item = new_session.item(options[0])
    assert new_item is not None and new_item.step == "swapped"
    assert new_item.replaces == item.slug and new_item.focus is item.focus
    assert new_session.seconds <= member.minutes_per_session * 60
    assert swapped.weeks[1] == plan.weeks[1]  # only that one session changes
    assert Plan.model_validate(swapped.model_dump(mode="json")) == swapped


def test_swap_refuses_what_is_not_allowed_with_a_clear_message():
    member = profile(situation="pregnancy", due_date=DUE_WEEK_20)
    plan = plan_for(member, SelfTests(bridge_felt_in="lower-back"), "pregnant-2", START)
    session = plan.weeks[0].sessions[0]
    main = next(i for i in session.items if i.role == "main")
    args = (member, verdict("pregnant-2"), catalog(), planner_content())
    with pytest.raises(PlanError, match=r"glute-bridge.*not allowed"):
        swap(plan, 1, session.weekday, main.slug, "glute-bridge", *args)
    other = next(i.slug for i in session.items if i.slug != main.slug)
    with pytest.raises(PlanError, match="already in the session"):
        swap(plan, 1, session.weekday, main.slug, other, *args)
    with pytest.raises(PlanError, match="unknown exercise"):
        swap(plan, 1, session.weekday, main.slug, "crunches", *args)
    with pytest.raises(PlanError, match="week must be 1 to 4"):
        swap(plan, 5, session.weekday, main.slug, "cat-cow", *args)
    missing_day = next(day for day in Weekday if plan.weeks[0].session(day) is None)
    with pytest.raises(PlanError, match="no session"):
        alternatives(plan, 1, missing_day, main.slug, *args)
    with pytest.raises(PlanError, match="is not in the session"):
        alternatives(plan, 1, session.weekday, "hip-thrust", *args)


def test_weeks_1_and_2_alternatives_stay_basic():
    member = profile(situation="gym", minutes_per_session=30)
    plan = plan_for(member, SelfTests(bridge_felt_in="lower-back"))
    args = (member, verdict("benign"), catalog(), planner_content())
    session = plan.weeks[0].sessions[0]
    glute = next(i for i in session.items if i.focus is FocusArea.GLUTES)
    early = alternatives(plan, 1, session.weekday, glute.slug, *args)
    assert {catalog().exercises[s].level for s in early} == {1}
    late_session = plan.weeks[2].sessions[0]
    late_glute = next(i for i in late_session.items if i.focus is FocusArea.GLUTES)
    late = alternatives(plan, 3, late_session.weekday, late_glute.slug, *args)
    assert "hip-thrust" in late
    with pytest.raises(PlanError, match="weeks 3–4"):
        swap(plan, 1, session.weekday, glute.slug, "hip-thrust", *args)
