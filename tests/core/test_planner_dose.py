"""How much, and how it grows: weeks 1–2 the guide's basics at the start of each dose with
room to build up, weeks 3–4 more (reps, sets, a harder version), every session within the
member's minutes by the documented timing model (the ladder rung by rung:
test_planner_steps.py). The pure core only, no Django.
"""

from __future__ import annotations

from rugcoach.core.kernel.vocabulary import Category
from rugcoach.core.planner import (
    TRANSITION_SECONDS,
    FocusArea,
    SelfTests,
    item_seconds,
    session_seconds,
)
from tests.core.planner_examples import plan_for, profile
from tests.core.test_planner_support import catalog


def test_gym_member_progresses_to_gym_exercises_in_week_4():
    member = profile(situation="gym", minutes_per_session=30, complaint_weeks=10)
    plan = plan_for(member, SelfTests(bridge_felt_in="lower-back"), "chronic")
    week4 = [item for session in plan.weeks[3].sessions for item in session.items]
    thrust = [item for item in week4 if item.slug == "hip-thrust"]
    assert thrust
    assert all(item.step == "progression" and item.replaces for item in thrust)
    assert all(item.focus is FocusArea.GLUTES for item in thrust)
    assert "glute bridge" in thrust[0].reason.en.lower()
    assert {"romanian-deadlift", "trap-bar-deadlift"} <= {
        e.slug for e in plan.excluded if e.cause == "level"
    }


def test_weeks_1_and_2_follow_the_article_and_weeks_3_4_build_up():
    plan = plan_for(profile(minutes_per_session=30), SelfTests(bridge_felt_in="hamstrings"))
    exercises = catalog().exercises
    week1, week2, week3, week4 = plan.weeks
    assert week1.sessions == week2.sessions
    for session in week1.sessions:
        roles = [item.role for item in session.items]
        assert roles[0] == "warm-up" and roles[-1] == "cool-down"
        assert 3 <= roles.count("main") <= 4
        warm_up, cool_down = session.items[0], session.items[-1]
        assert exercises[warm_up.slug].category in (Category.MOBILITY, Category.ACTIVATION)
        assert exercises[cool_down.slug].category in (
            Category.RELAXATION,
            Category.BREATHING,
            Category.MOBILITY,
            Category.RECOVERY,
        )
        for item in session.items:
            dose = exercises[item.slug].dose
            assert item.reps == (dose.reps.low if dose.reps else None)
            assert item.hold_seconds == (dose.hold_seconds.low if dose.hold_seconds else None)
    assert week3.work_seconds > week1.work_seconds
    assert week4.work_seconds >= week1.work_seconds
    steps = {item.step for session in week3.sessions for item in session.items}
    assert steps & {"more-reps", "extra-set", "more-reps-extra-set"}


def test_weeks_1_and_2_leave_room_to_build_up():
    plan = plan_for(profile(minutes_per_session=20), SelfTests(core_belly_shakes=True))
    assert all(s.seconds <= 0.8 * 20 * 60 for s in plan.weeks[0].sessions)
    assert any(s.seconds > 0.8 * 20 * 60 for s in plan.weeks[2].sessions)


def test_short_sessions_still_fit_and_keep_their_frame():
    for minutes in (5, 10):
        plan = plan_for(profile(minutes_per_session=minutes), SelfTests(stress="high"))
        for week in plan.weeks:
            for session in week.sessions:
                assert session.seconds <= minutes * 60
                roles = [item.role for item in session.items]
                assert roles.count("main") >= 1
                assert roles[0] == "warm-up"
                if minutes == 10:  # in 5 minutes the cool-down may have to go
                    assert roles[-1] == "cool-down"
        assert any(f"{minutes} min" in reason.nl for reason in plan.reasons)


# --- the timing model -----------------------------------------------------------------


def test_timing_model_matches_the_documented_arithmetic():
    exercises = catalog().exercises
    bird_dog = exercises["bird-dog"].dose  # 3 × 10 per side, tempo 2 + 3 (hold) + 2, rest 45
    seconds = item_seconds(
        bird_dog,
        sets=3,
        reps=10,
        hold_seconds=3,
        duration_seconds=None,
        per_side=True,
        rest_seconds=45,
    )
    assert seconds == 3 * 10 * 7 * 2 + 2 * 45
    childs_pose = exercises["childs-pose"].dose
    assert (
        item_seconds(
            childs_pose,
            sets=1,
            reps=None,
            hold_seconds=30,
            duration_seconds=None,
            per_side=False,
            rest_seconds=15,
        )
        == 30
    )
    breathing = exercises["belly-breathing-supine"].dose  # 10 breaths of 4 in, 6 out
    assert (
        item_seconds(
            breathing,
            sets=1,
            reps=10,
            hold_seconds=None,
            duration_seconds=None,
            per_side=False,
            rest_seconds=0,
        )
        == 100
    )
    session = plan_for(profile()).weeks[0].sessions[0]
    assert session.seconds == session_seconds(session.items)
    assert session.seconds == sum(i.seconds for i in session.items) + TRANSITION_SECONDS * (
        len(session.items) - 1
    )
