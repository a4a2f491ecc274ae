"""Which exercises a plan picks: what is at hand at home, the focus areas the self-tests
and the intake point to, and variety across the week. The pure core only, no Django.
"""

from __future__ import annotations

from rugcoach.core.planner import (
    Focus,
    FocusArea,
    Plan,
    SelfTests,
    Trigger,
    build_plan,
    focus_areas,
)
from tests.core.planner_examples import mains, plan_for, profile, slugs
from tests.core.test_planner_support import ALWAYS_AT_HAND, catalog, planner_content, verdict


def test_home_without_equipment_gets_the_articles_home_basics():
    member = profile(minutes_per_session=30)
    plan = plan_for(member, SelfTests(bridge_felt_in="lower-back", core_pelvis_moves=True))
    exercises = catalog().exercises
    used = slugs(plan)
    assert all(set(exercises[s].equipment) <= ALWAYS_AT_HAND for s in used)
    assert {"cat-cow", "glute-bridge"} <= used
    assert used & {"bird-dog", "dead-bug"}
    # Weeks 1–2 are basics: level 1 only.
    assert {exercises[s].level for s in slugs(plan, (1, 2))} == {1}


def test_bridge_felt_in_the_lower_back_leads_to_glute_activation_with_that_reason():
    content = planner_content()
    focus = focus_areas(profile(), SelfTests(bridge_felt_in="lower-back"), content)
    assert focus[0].area is FocusArea.GLUTES
    assert content.signals["bridge-lower-back"].reason.nl in focus[0].reason.nl
    assert "lower back" in focus[0].reason.en
    assert focus[0].signals[0] == "bridge-lower-back"
    plan = plan_for(profile(), SelfTests(bridge_felt_in="lower-back"))
    first = plan.weeks[0].sessions[0]
    main = next(item for item in first.items if item.role == "main")
    assert main.focus is FocusArea.GLUTES
    assert main.reason.nl.startswith("Bilspieren activeren")


def test_sessions_vary_across_the_week():
    plan = plan_for(profile(), SelfTests(bridge_felt_in="lower-back", core_belly_shakes=True))
    week1 = plan.weeks[0].sessions
    assert len({tuple(mains(session)) for session in week1}) > 1


# --- focus areas ------------------------------------------------------------------------


def test_no_answers_give_mobility_and_deep_core():
    focus = focus_areas(profile(), SelfTests(), planner_content())
    assert [f.area for f in focus] == [FocusArea.MOBILITY, FocusArea.DEEP_CORE]
    assert focus[0].signals == ("default-mobility", "situation-home")
    assert focus[1].signals == ("default-deep-core",)


def test_self_tests_and_intake_point_to_their_causes():
    content = planner_content()

    def areas(tests: SelfTests, **changes: object) -> list[FocusArea]:
        return [f.area for f in focus_areas(profile(**changes), tests, content)]

    assert areas(SelfTests(core_belly_shakes=True, core_pelvis_moves=True))[0] is (
        FocusArea.DEEP_CORE
    )
    assert areas(SelfTests(stress="high"))[0] is FocusArea.RELAXATION
    assert areas(SelfTests(training_load="high"))[0] is FocusArea.LOAD
    assert set(areas(SelfTests(sitting_hours=8))[:2]) == {FocusArea.POSTURE, FocusArea.MOBILITY}
    assert FocusArea.POSTURE in areas(SelfTests(), triggers=[Trigger.LONG_SITTING])
    assert FocusArea.RELAXATION in areas(SelfTests(), triggers=[Trigger.POOR_SLEEP])
    everything = SelfTests(
        bridge_felt_in="lower-back",
        core_belly_shakes=True,
        core_breath_stops=True,
        core_pelvis_moves=True,
        sitting_hours=10,
        stress="high",
        training_load="high",
        movement_variety="low",
    )
    many = focus_areas(profile(triggers=list(Trigger), complaint_weeks=30), everything, content)
    assert len(many) == content.max_focus_areas
    assert len({f.area for f in many}) == len(many)
    assert many == focus_areas(
        profile(triggers=list(Trigger), complaint_weeks=30), everything, content
    )


def test_focus_round_trips_and_an_empty_focus_falls_back_to_the_default():
    focus = focus_areas(profile(), SelfTests(bridge_felt_in="hamstrings"), planner_content())
    assert tuple(Focus.model_validate(f.model_dump(mode="json")) for f in focus) == focus
    plan = build_plan(profile(), (), verdict("benign"), catalog(), planner_content())
    assert isinstance(plan, Plan)
    assert [f.area for f in plan.focus] == [FocusArea.MOBILITY, FocusArea.DEEP_CORE]
