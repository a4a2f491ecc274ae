"""Property: every program, for every situation and every verdict, is either a schedule of
exercises this member may do, within its stated minutes, or a clear "not for you now"
with an alternative that does work for them (issue 14, "Done means").

Exhaustive over the product (8 programs x 8 situations x 20 verdicts): the planner's own
``constraints_for`` and ``Index.allowed`` decide what a member may do, and the checks
below repeat the clinical rules independently (pregnancy positions, planks, hernia)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rugcoach.core.kernel.vocabulary import Condition, Position
from rugcoach.core.programs.build import NotForYou, program_schedule
from rugcoach.core.programs.content import Program, fits, fits_under
from rugcoach.core.schedule import Schedule
from tests.core.programs.support import SITUATIONS, VERDICT_NAMES, member
from tests.core.test_planner_support import (
    HERNIA_FORBIDDEN,
    PLANKS_AND_ROTATIONS,
    catalog,
    expected_session_seconds,
)

PROGRAMS = sorted(catalog().programs.programs)


def _program(slug: str) -> Program:
    return catalog().programs.programs[slug]


def _resolves(slug: str, situation: str, verdict: str, depth: int = 0) -> bool:
    """Following ``instead`` from this program reaches a schedule for the member."""
    found = program_schedule(_program(slug), member(situation, verdict), catalog().exercises)
    if isinstance(found, Schedule):
        return True
    return (
        found.instead is not None
        and depth < 3
        and _resolves(found.instead, situation, verdict, depth + 1)
    )


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
@pytest.mark.parametrize("slug", PROGRAMS)
def test_a_program_is_safe_and_timed_for_every_verdict(slug: str, situation: str) -> None:
    program = _program(slug)
    exercises = catalog().exercises
    for verdict in VERDICT_NAMES:
        who = member(situation, verdict)
        found = program_schedule(program, who, exercises)
        where = f"{slug} / {situation} / {verdict}"
        if not who.level.allows_training:
            assert isinstance(found, NotForYou) and found.instead is None, where
            continue
        if who.level not in program.levels:
            assert isinstance(found, NotForYou), where
            assert found.reasons == (program.otherwise.reason,), where
            continue
        ruled_out = [entry for entry in program.not_for if entry.condition in who.conditions]
        if ruled_out:
            assert isinstance(found, NotForYou), where
            assert found.instead == ruled_out[0].instead, where
            assert found.instead is not None and _resolves(found.instead, situation, verdict), where
            continue
        if isinstance(found, NotForYou):
            # Too few exercises left: there must be somewhere to go that works.
            assert found.instead is not None, where
            assert _resolves(found.instead, situation, verdict), where
            continue
        _check_schedule(program, found, who, where)


def _check_schedule(program: Program, schedule: Schedule, who, where: str) -> None:  # type: ignore[no-untyped-def]
    exercises = catalog().exercises
    assert schedule.kind == program.slug, where
    assert [s.key for s in schedule.sessions] == [s.key for s in program.sessions], where
    for built, content in zip(schedule.sessions, program.sessions, strict=True):
        at = f"{where} / {built.key}"
        assert built.day_offset == content.day - 1, at
        assert built.items, at
        slugs = [item.slug for item in built.items]
        assert len(set(slugs)) == len(slugs), f"{at}: an exercise twice"
        for item in built.items:
            assert item.slug in exercises, at
            assert item.slug in who.allowed, f"{at}: {item.slug} is not allowed"
            number = int(item.key.split(".")[1])
            assert item.key == f"{built.key}.{number}", at
            origin = content.items[number - 1]
            assert item.slug == origin.slug or item.slug in {i.slug for i in origin.instead}, at
            _check_clinical(item.slug, who.conditions, at)
        timed = [
            SimpleNamespace(slug=item.slug, **item.prescription.model_dump())
            for item in built.items
        ]
        assert built.seconds == expected_session_seconds(timed), at
        assert fits_under(built.seconds, program.minutes), f"{at}: {built.seconds} s"
        if slugs == [item.slug for item in content.items]:
            assert fits(built.seconds, program.minutes), f"{at}: {built.seconds} s"


def _check_clinical(slug: str, conditions: frozenset[Condition], at: str) -> None:
    """The rules as the clinical reference states them, written out apart from the planner."""
    exercise = catalog().exercises[slug]
    if Condition.PREGNANCY in conditions:
        assert exercise.position is not Position.PRONE, f"{at}: {slug} lies on the front"
        assert slug not in PLANKS_AND_ROTATIONS, f"{at}: {slug} is a plank or a twist"
    if Condition.PREGNANCY_AFTER_FIRST_TRIMESTER in conditions:
        assert exercise.position is not Position.SUPINE, f"{at}: {slug} lies flat"
    if Condition.HERNIA in conditions:
        assert slug not in HERNIA_FORBIDDEN, f"{at}: {slug} with a hernia"
    if Condition.OSTEOPOROSIS in conditions:
        assert slug not in {"lumbar-rotation-stretch", "knee-to-chest-double"}, at


def test_a_benign_member_at_home_gets_every_program_as_written() -> None:
    """No condition, home: all but the kit-bound items play exactly as the content says."""
    exercises = catalog().exercises
    who = member("home-band-roller", "benign")
    for slug in PROGRAMS:
        found = program_schedule(_program(slug), who, exercises)
        assert isinstance(found, Schedule), slug
        for built, content in zip(found.sessions, _program(slug).sessions, strict=True):
            assert [i.slug for i in built.items] == [i.slug for i in content.items], slug


def test_a_member_told_to_rest_first_is_offered_the_recovery_plan() -> None:
    exercises = catalog().exercises
    who = member("home", "lumbago")
    challenge = program_schedule(_program("challenge-30-days"), who, exercises)
    assert isinstance(challenge, NotForYou) and challenge.instead == "recovery-7-days"
    assert isinstance(program_schedule(_program("recovery-7-days"), who, exercises), Schedule)


def test_pregnant_from_week_13_the_core_circuit_points_to_the_morning_routine() -> None:
    exercises = catalog().exercises
    who = member("pregnant-week-20", "pregnant-2")
    found = program_schedule(_program("core-circuit"), who, exercises)
    assert isinstance(found, NotForYou) and found.instead == "morning-evening"
    morning = program_schedule(_program("morning-evening"), who, exercises)
    assert isinstance(morning, Schedule)
    assert {i.slug for s in morning.sessions for i in s.items} <= who.allowed


def test_without_a_band_the_pallof_press_gives_way() -> None:
    exercises = catalog().exercises
    found = program_schedule(_program("core-circuit"), member("home", "benign"), exercises)
    assert isinstance(found, Schedule)
    slugs = {i.slug for s in found.sessions for i in s.items}
    assert "pallof-press" not in slugs and "micro-core" in slugs
    replaced = next(i for i in found.sessions[0].items if i.slug == "micro-core")
    assert replaced.replaces == "pallof-press" and replaced.key == "d01.4"


def test_for_member_asks_the_planner_as_the_tests_do() -> None:
    from rugcoach.core.kernel.vocabulary import Situation
    from rugcoach.core.planner.pregnancy import due_date_from_week
    from rugcoach.core.planner.profile import Profile, Weekday
    from rugcoach.core.programs.build import for_member
    from tests.core.programs.support import TODAY
    from tests.core.test_planner_support import verdict

    profile = Profile(
        situation=Situation.PREGNANCY,
        due_date=due_date_from_week(20, TODAY),
        minutes_per_session=10,
        weekdays=(Weekday.MON, Weekday.WED, Weekday.FRI),
        complaint_weeks=6,
    )
    found = for_member(verdict("pregnant-2"), catalog(), catalog().planner, profile, 20)
    assert found == member("pregnant-week-20", "pregnant-2")
    # Without an intake the check's own conditions still rule: week 20 means no lying flat.
    bare = for_member(verdict("pregnant-2"), catalog(), catalog().planner)
    assert Condition.PREGNANCY_AFTER_FIRST_TRIMESTER in bare.conditions
    assert not {"dead-bug", "glute-bridge"} & bare.allowed
