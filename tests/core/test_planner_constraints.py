"""What a plan may not hold, and when there is no plan: pregnancy by trimester, lumbago, a
hernia, red flags, nothing left to do. Examples with the real content a trainer would
recognise (pregnancy week by week: test_planner_pregnancy.py; every combination:
test_planner_properties.py). The pure core only, no Django.
"""

from __future__ import annotations

from rugcoach.core.kernel.vocabulary import Position
from rugcoach.core.planner import NoPlan, SelfTests, alternatives, build_plan
from rugcoach.core.triage.schema import Level
from tests.core.planner_examples import (
    DUE_WEEK_5,
    DUE_WEEK_20,
    START,
    mains,
    plan_for,
    profile,
    slugs,
)
from tests.core.test_planner_support import (
    HERNIA_FORBIDDEN,
    PLANKS_AND_ROTATIONS,
    catalog,
    planner_content,
    verdict,
)

# --- pregnancy ----------------------------------------------------------------------------


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


# --- lumbago and hernia -------------------------------------------------------------------


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


# --- no plan ------------------------------------------------------------------------------


def test_a_red_flag_gives_no_plan_but_the_verdicts_title_and_advice():
    for name in ("red-flag-saddle", "fever", "cancer", "leg-unassessed"):
        given = verdict(name)
        result = build_plan(profile(), (), given, catalog(), planner_content())
        assert isinstance(result, NoPlan)
        assert result.level is given.level
        assert result.reason == given.title
        assert result.advice == given.advice
        assert NoPlan.model_validate(result.model_dump(mode="json")) == result


def test_nothing_left_to_do_gives_no_plan_instead_of_an_empty_one():
    empty = verdict("lumbago").model_copy(update={"exercises": ()})
    result = build_plan(profile(), (), empty, catalog(), planner_content())
    assert isinstance(result, NoPlan)
    assert result.reason == planner_content().texts["no-plan.nothing-fits"]
    assert result.level is Level.REST_THEN_REBUILD
