"""Issue 10 §2: a focus area a self-test raised is always served, or the plan says why
not. The fault as found: the bridge test said "I feel it in my lower back" (the guide's
key sign of inactive glutes), yet the plan had no glute exercise and did not mention the
test."""

from __future__ import annotations

from hypothesis import given

from rugcoach.core.planner import (
    NoPlan,
    Profile,
    SelfTests,
    build_plan,
    focus_areas,
    focus_left_out,
)
from tests.core.test_planner_properties import (
    SETTINGS,
    START,
    profiles,
    self_tests,
    verdict_names,
)
from tests.core.test_planner_support import catalog, planner_content, verdict

# The sentence each self-test answer gives the member, as written in content/planner.yaml.
BRIDGE_LOWER_BACK = "Bij de bruggetjestest voelde je het vooral in je onderrug."
SELF_TEST_AREA = {
    "bridge_felt_in": {"lower-back": "glute-activation", "hamstrings": "glute-activation"},
    "core_belly_shakes": {True: "deep-core"},
    "core_pelvis_moves": {True: "deep-core"},
    "core_breath_stops": {True: "deep-core"},
    "stress": {"high": "relaxation-breathing", "medium": "relaxation-breathing"},
    "training_load": {"high": "load-management", "medium": "load-management"},
    "movement_variety": {"low": "mobility"},
}


def raised_by_tests(tests: SelfTests) -> set[str]:
    found = {
        area
        for field, answers in SELF_TEST_AREA.items()
        for answer, area in answers.items()
        if getattr(tests, field) == answer
    }
    if tests.core_breath_stops:
        found.add("relaxation-breathing")  # the breath held: relaxation too
    if tests.sitting_hours is not None and tests.sitting_hours >= 4:
        found.add("posture-habits")
    if tests.sitting_hours is not None and tests.sitting_hours >= 6:
        found.add("mobility")
    return found


def plan_for(member: Profile, tests: SelfTests, name: str):  # type: ignore[no-untyped-def]
    content = planner_content()
    return build_plan(
        member,
        focus_areas(member, tests, content),
        verdict(name),
        catalog(),
        content,
        starts_on=START,
        left_out=focus_left_out(member, tests, content),
    )


@SETTINGS
@given(profiles(), self_tests, verdict_names)
def test_every_area_a_self_test_raised_is_trained_each_week_or_explained(
    member: Profile, tests: SelfTests, name: str
):
    plan = plan_for(member, tests, name)
    if isinstance(plan, NoPlan):
        return
    content = planner_content()
    reasons = " ".join(reason.nl for reason in plan.reasons)
    for area in raised_by_tests(tests):
        label = content.focus_areas[area].label.nl  # type: ignore[index]
        pool = set(content.focus_areas[area].exercises)  # type: ignore[index]
        every_week = all(
            any(item.slug in pool for s in week.sessions for item in s.items) for week in plan.weeks
        )
        assert every_week or f"{label}:" in reasons, (area, reasons)


def test_the_bridge_in_the_lower_back_is_trained_or_the_plan_says_why():
    member = Profile(
        situation="home",
        equipment=frozenset(),
        minutes_per_session=10,
        weekdays=("mon", "wed", "fri"),
        complaint_weeks=2,
    )
    tests = SelfTests(bridge_felt_in="lower-back")
    content = planner_content()
    glutes = set(content.focus_areas["glute-activation"].exercises)  # type: ignore[index]
    served = plan_for(member, tests, "benign")
    assert all(
        any(i.slug in glutes for s in week.sessions for i in s.items) for week in served.weeks
    )
    # Pain that asks for rest first allows only the check's gentle exercises: no glutes.
    gentle = plan_for(member, tests, "pain-high")
    assert not any(i.slug in glutes for w in gentle.weeks for s in w.sessions for i in s.items)
    said = [r.nl for r in gentle.reasons if r.nl.startswith("Bilspieren activeren:")]
    assert said and BRIDGE_LOWER_BACK in said[0]
