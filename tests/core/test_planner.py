"""The planner with the real content: examples a trainer would recognise, the timing
model, the intake's validation, focus areas, swaps and the content loader.

No Django: run with ``pytest tests/core/test_planner*.py -p no:django``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from rugcoach.core.catalog import load_catalog
from rugcoach.core.kernel.vocabulary import Category, Equipment, Position, Situation
from rugcoach.core.planner import (
    TRANSITION_SECONDS,
    ContentError,
    Focus,
    FocusArea,
    NoPlan,
    Plan,
    PlanError,
    Profile,
    SelfTests,
    Session,
    Trigger,
    Weekday,
    alternatives,
    build_plan,
    focus_areas,
    item_seconds,
    load_planner_content,
    session_seconds,
    swap,
)
from rugcoach.core.triage.schema import Level
from tests.core.test_planner_support import (
    ALWAYS_AT_HAND,
    CONTENT_DIR,
    HERNIA_FORBIDDEN,
    PLANKS_AND_ROTATIONS,
    catalog,
    planner_content,
    verdict,
)

ROOT = CONTENT_DIR.parent
MON_WED_FRI = (Weekday.MON, Weekday.WED, Weekday.FRI)
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


# --- examples a trainer would recognise ----------------------------------------------


def test_pregnant_in_trimester_2_gets_no_supine_prone_or_plank_work():
    member = profile(situation="pregnancy", due_date=DUE_WEEK_20)
    plan = plan_for(member, SelfTests(core_belly_shakes=True), "pregnant-2", START)
    exercises = catalog().exercises
    used = slugs(plan)
    assert used
    assert {exercises[s].position for s in used}.isdisjoint({Position.SUPINE, Position.PRONE})
    assert used.isdisjoint(PLANKS_AND_ROTATIONS)
    excluded = {e.slug: e for e in plan.excluded}
    assert excluded["glute-bridge"].cause == "contraindication"
    assert "week 13" in excluded["glute-bridge"].reason.en
    assert excluded["side-plank-knee"].cause in ("contraindication", "avoid")
    assert any("zwangerschap" in reason.nl.lower() for reason in plan.reasons)


def test_pregnancy_keeps_its_own_versions_and_no_session_doubles_an_exercise():
    member = profile(situation="pregnancy", due_date=DUE_WEEK_20, minutes_per_session=15)
    plan = plan_for(member, SelfTests(bridge_felt_in="lower-back"), "pregnant-2")
    assert "clamshell-side-lying-pillow" in slugs(plan, (1,))
    week4 = [item for session in plan.weeks[3].sessions for item in session.items]
    assert not any(i.slug == "clamshell" and i.replaces for i in week4)
    related = {"clamshell", "clamshell-side-lying-pillow", "clamshell-band"}
    for week in plan.weeks:
        for session in week.sessions:
            assert len(related & set(mains(session))) <= 1, (week.number, mains(session))


def test_pregnancy_in_the_intake_counts_even_when_the_triage_did_not_hear_of_it():
    # No start date given: the planner takes the strictest week (the safe side).
    member = profile(situation="pregnancy", due_date=DUE_WEEK_5)
    used = slugs(plan_for(member, verdict_name="benign"))
    positions = {catalog().exercises[s].position for s in used}
    assert positions.isdisjoint({Position.SUPINE, Position.PRONE})
    assert used.isdisjoint(PLANKS_AND_ROTATIONS)


def test_first_trimester_may_lie_on_the_back_but_not_on_the_front_or_plank():
    member = profile(situation="pregnancy", due_date=DUE_WEEK_5)
    plan = plan_for(member, SelfTests(core_belly_shakes=True), "pregnant-1", START)
    positions = {catalog().exercises[s].position for s in slugs(plan)}
    assert Position.PRONE not in positions
    assert slugs(plan).isdisjoint(PLANKS_AND_ROTATIONS)
    args = (member, verdict("pregnant-1"), catalog(), planner_content())
    for week in (1, 3):
        for session in plan.weeks[week - 1].sessions:
            for item in session.items:
                options = alternatives(plan, week, session.weekday, item.slug, *args)
                assert set(options).isdisjoint(PLANKS_AND_ROTATIONS)


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


def test_lumbago_gets_only_the_gentle_exercises_of_the_verdict():
    member = profile(situation="hernia-lumbago", complaint_weeks=1)
    plan = plan_for(member, verdict_name="lumbago")
    assert plan.level is Level.REST_THEN_REBUILD
    assert slugs(plan) <= set(verdict("lumbago").exercises)
    assert slugs(plan).isdisjoint(HERNIA_FORBIDDEN)
    assert planner_content().texts["plan.gentle"] in plan.reasons
    causes = {e.slug: e.cause for e in plan.excluded}
    assert causes["bird-dog"] in ("contraindication", "verdict")


def test_hernia_situation_never_gets_crunch_deadlift_rotation_or_deep_stretch():
    for name in ("benign", "hernia-known", "leg-stable"):
        plan = plan_for(profile(situation="hernia-lumbago", minutes_per_session=30), None, name)
        assert slugs(plan).isdisjoint(HERNIA_FORBIDDEN), name


def test_a_red_flag_gives_no_plan_but_the_verdicts_title_and_advice():
    for name in ("red-flag-saddle", "fever", "cancer", "leg-unassessed"):
        given = verdict(name)
        result = build_plan(profile(), (), given, catalog(), planner_content())
        assert isinstance(result, NoPlan)
        assert result.level is given.level
        assert result.reason == given.title
        assert result.advice == given.advice
        assert NoPlan.model_validate(result.model_dump(mode="json")) == result


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


def test_sessions_vary_across_the_week():
    plan = plan_for(profile(), SelfTests(bridge_felt_in="lower-back", core_belly_shakes=True))
    week1 = plan.weeks[0].sessions
    assert len({tuple(mains(session)) for session in week1}) > 1


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


def test_nothing_left_to_do_gives_no_plan_instead_of_an_empty_one():
    empty = verdict("lumbago").model_copy(update={"exercises": ()})
    result = build_plan(profile(), (), empty, catalog(), planner_content())
    assert isinstance(result, NoPlan)
    assert result.reason == planner_content().texts["no-plan.nothing-fits"]
    assert result.level is Level.REST_THEN_REBUILD


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


# --- the intake -------------------------------------------------------------------------


def test_profile_rejects_bad_intakes_naming_the_field():
    cases = [
        ({"situation": "pregnancy"}, "due_date"),
        ({"situation": "home", "due_date": "2027-06-01"}, "due_date"),
        ({"situation": "pregnancy", "due_date": "soon"}, "due_date"),
        ({"weekdays": ("mon", "mon")}, "weekdays"),
        ({"weekdays": ()}, "weekdays"),
        ({"minutes_per_session": 25}, "minutes_per_session"),
        ({"complaint_weeks": -1}, "complaint_weeks"),
        ({"equipment": ["rope"]}, "equipment"),
        ({"triggers": ["weather"]}, "triggers"),
        ({"colour": "red"}, "colour"),
    ]
    for changes, field in cases:
        with pytest.raises(ValidationError) as error:
            profile(**changes)
        assert field in {str(e["loc"][0]) for e in error.value.errors()}, changes


def test_profile_orders_weekdays_and_writes_sets_sorted():
    member = profile(
        weekdays=("fri", "mon"),
        equipment=["wall", "fitness-ball", "bench"],
        triggers=["stress", "long-sitting"],
    )
    assert member.weekdays == (Weekday.MON, Weekday.FRI)
    data = member.model_dump(mode="json")
    assert data["equipment"] == ["bench", "fitness-ball", "wall"]
    assert data["triggers"] == ["long-sitting", "stress"]
    assert Profile.model_validate(data) == member
    assert Profile.model_validate_json(member.model_dump_json()) == member


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


# --- swaps ------------------------------------------------------------------------------


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


# --- determinism, serialisation, content ---------------------------------------------------


# Each: the intake, the self-tests and the verdict. Built here (warm caches, after the
# other tests) and in fresh processes under two hash seeds, where the intake's lists come
# in the reverse order; compared as JSON.
SCENARIOS_IN_ANOTHER_PROCESS = (
    (
        {"equipment": ["resistance-band", "foam-roller", "fitness-ball"]},
        {"bridge_felt_in": "lower-back", "stress": "medium"},
        "mixed",
    ),
    ({"situation": "gym", "minutes_per_session": 30}, {"core_belly_shakes": True}, "high-load"),
    (
        {"situation": "pregnancy", "due_date": DUE_WEEK_20, "weekdays": ["tue", "sat"]},
        {},
        "pregnant-2",
    ),
    ({"situation": "hernia-lumbago", "minutes_per_session": 10}, {}, "lumbago"),
)
PLANS_IN_A_FRESH_PROCESS = """
import json
from rugcoach.core.planner import SelfTests
from tests.core.test_planner import SCENARIOS_IN_ANOTHER_PROCESS, plan_for, profile
def reversed_lists(intake):
    return {k: v[::-1] if isinstance(v, list) else v for k, v in intake.items()}
print(json.dumps([
    plan_for(profile(**reversed_lists(intake)), SelfTests(**tests), name).model_dump(mode="json")
    for intake, tests, name in SCENARIOS_IN_ANOTHER_PROCESS
]))
"""


def test_same_input_same_plan_even_in_another_process():
    here = [
        plan_for(profile(**intake), SelfTests(**tests), name).model_dump(mode="json")
        for intake, tests, name in SCENARIOS_IN_ANOTHER_PROCESS
    ]
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", PLANS_IN_A_FRESH_PROCESS],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == here, seed


def test_plan_round_trips_through_json():
    plan = plan_for(profile(situation="gym"), SelfTests(core_belly_shakes=True), "high-load")
    text = plan.model_dump_json()
    assert Plan.model_validate_json(text) == plan
    assert Plan.model_validate(json.loads(text)) == plan


def _content_copy(tmp_path: Path, change) -> Path:
    content_dir = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content_dir)
    path = content_dir / "planner.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return content_dir


def test_loader_reports_content_problems_by_field(tmp_path: Path):
    def bad(data: dict) -> None:
        data["texts"]["item.main"]["en"] = "{area}: {purpose}"
        data["focus_areas"]["mobility"]["exercises"].append("moon-walk")
        del data["signals"]["stress-high"]
        data["cool_down"].append("bird-dog")

    content_dir = _content_copy(tmp_path, bad)
    with pytest.raises(ContentError) as error:
        load_planner_content(content_dir, catalog().exercises)
    problems = "\n".join(error.value.problems)
    assert "content/planner.yaml" in problems
    assert "unknown placeholder purpose" in problems
    assert "signals: missing stress-high" in problems
    with pytest.raises(ContentError):
        load_planner_content(tmp_path / "nowhere")


def test_loader_cross_checks_the_library(tmp_path: Path):
    def bad(data: dict) -> None:
        data["focus_areas"]["mobility"]["exercises"].append("moon-walk")
        data["cool_down"].append("bird-dog")

    content_dir = _content_copy(tmp_path, bad)
    with pytest.raises(ContentError) as error:
        load_planner_content(content_dir, catalog().exercises)
    problems = "\n".join(error.value.problems)
    assert "focus_areas.mobility.exercises: unknown exercise 'moon-walk'" in problems
    assert "cool_down: 'bird-dog' is stability" in problems
    with pytest.raises(ContentError) as error:  # the app's loader refuses it as well
        load_catalog(content_dir)
    assert any("moon-walk" in problem for problem in error.value.problems)


def test_the_catalog_carries_the_planner_content():
    assert catalog().planner == planner_content()


def test_the_content_encodes_the_documented_equipment_rule():
    rule = planner_content().equipment
    assert frozenset(rule.always_at_hand) == ALWAYS_AT_HAND
    assert Equipment.FITNESS_BALL in rule.by_situation[Situation.FITNESS_BALL]
