"""Training days in the plan's reasons read as each language writes them.

No Django: run with ``pytest tests/core/test_weekday_names.py -p no:django``.
"""

from __future__ import annotations

from rugcoach.core.planner import Profile, SelfTests, build_plan, focus_areas
from tests.core.test_planner_support import catalog, planner_content, verdict


def _reasons(weekdays: tuple[str, ...]) -> list[tuple[str, str]]:
    member = Profile.model_validate(
        {"situation": "home", "minutes_per_session": 20, "weekdays": weekdays, "complaint_weeks": 3}
    )
    focus = focus_areas(member, SelfTests(), planner_content())
    plan = build_plan(member, focus, verdict("benign"), catalog(), planner_content())
    return [(reason.nl, reason.en) for reason in plan.reasons]


def test_english_weekdays_are_capitalised_and_dutch_ones_are_not():
    reasons = _reasons(("mon", "wed", "fri"))
    assert any("Monday, Wednesday and Friday" in en for _, en in reasons)
    assert any("maandag, woensdag en vrijdag" in nl for nl, _ in reasons)
