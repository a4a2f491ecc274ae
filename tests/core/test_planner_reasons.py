"""Every choice says why, in Dutch and in English: each item, and the plan's own reasons
(here: few or many training days). The pure core only, no Django.
"""

from __future__ import annotations

from rugcoach.core.planner import SelfTests, Weekday
from tests.core.planner_examples import plan_for, profile
from tests.core.test_planner_support import planner_content


def test_every_item_says_why_in_both_languages():
    plan = plan_for(profile(situation="fitness-ball"), SelfTests(core_breath_stops=True))
    for week in plan.weeks:
        for session in week.sessions:
            for item in session.items:
                assert item.reason.nl and item.reason.en
                assert "{" not in item.reason.nl + item.reason.en
                if item.role == "main":
                    assert item.focus is not None
    assert len(plan.reasons) >= 4
    assert all("{" not in r.nl + r.en for r in plan.reasons)


def test_few_and_many_training_days_are_explained():
    texts = planner_content().texts
    assert texts["plan.days-few"] in plan_for(profile(weekdays=("tue",))).reasons
    every_day = plan_for(profile(weekdays=tuple(Weekday)))
    assert texts["plan.days-many"] in every_day.reasons
    assert [s.weekday for s in every_day.weeks[0].sessions] == list(Weekday)
