"""Which programs a verdict links to (issue 14 §3): from the programs' own content."""

from dataclasses import dataclass, field

import pytest

from rugcoach.core.planner.profile import Trigger
from rugcoach.core.programs.suggest import suggested, triggers_from_check
from rugcoach.core.triage.conditions import Level

TRAINING = (Level.REST_THEN_REBUILD, Level.TRAIN_ADAPTED, Level.TRAIN)
NO_TRAINING = tuple(level for level in Level if level not in TRAINING)


@dataclass(frozen=True)
class Suggestion:
    levels: tuple[Level, ...] = ()
    triggers: tuple[Trigger, ...] = ()


@dataclass(frozen=True)
class Fake:
    slug: str
    levels: tuple[Level, ...] = TRAINING
    suggested_for: Suggestion = field(default_factory=Suggestion)


RECOVERY = Fake("recovery", suggested_for=Suggestion(levels=(Level.REST_THEN_REBUILD,)))
BREATHE = Fake("breathe", suggested_for=Suggestion(triggers=(Trigger.STRESS,)))
CORE = Fake("core", levels=(Level.TRAIN,), suggested_for=Suggestion(triggers=(Trigger.STRESS,)))
BOTH = Fake(
    "both",
    suggested_for=Suggestion(levels=(Level.REST_THEN_REBUILD,), triggers=(Trigger.STRESS,)),
)
ALL = (CORE, BREATHE, BOTH, RECOVERY)


def slugs(found) -> list[str]:
    return [p.slug for p in found]


def test_rest_then_rebuild_links_the_recovery_programs_first_then_stress_ones():
    assert slugs(suggested(ALL, Level.REST_THEN_REBUILD, {Trigger.STRESS})) == [
        "both",
        "recovery",
        "breathe",  # CORE shares the trigger but does not allow REST_THEN_REBUILD
    ]


def test_without_a_trigger_only_the_level_counts():
    assert slugs(suggested(ALL, Level.REST_THEN_REBUILD)) == ["both", "recovery"]
    assert slugs(suggested(ALL, Level.TRAIN)) == []


def test_stress_links_breathing_on_a_training_verdict():
    assert slugs(suggested(ALL, Level.TRAIN, {Trigger.STRESS})) == ["core", "breathe", "both"]
    assert slugs(suggested(ALL, Level.TRAIN, {Trigger.POOR_SLEEP})) == []


@pytest.mark.parametrize("level", NO_TRAINING)
def test_a_verdict_that_forbids_training_suggests_nothing(level):
    # Even a program that (wrongly) names the level, with every trigger.
    reckless = Fake("reckless", levels=tuple(Level), suggested_for=Suggestion(levels=tuple(Level)))
    assert suggested((*ALL, reckless), level, set(Trigger)) == ()


def test_the_check_answers_tell_the_triggers():
    assert triggers_from_check({"stress_tension": True}) == {Trigger.STRESS}
    assert triggers_from_check({"stress_tension": False, "training_load": True}) == {
        Trigger.HEAVY_LOAD
    }
    assert triggers_from_check({"stress_tension": "yes"}) == frozenset()  # only a real yes


def test_the_real_programs_match_the_issue(catalog):
    programs = catalog.programs.programs.values()
    assert "recovery-7-days" in slugs(suggested(programs, Level.REST_THEN_REBUILD))
    assert "breathe-and-relax" in slugs(suggested(programs, Level.TRAIN, {Trigger.STRESS}))
    assert "breathe-and-relax" not in slugs(suggested(programs, Level.TRAIN))
    for level in NO_TRAINING:
        assert suggested(programs, level, set(Trigger)) == ()
    for level in TRAINING:
        for program in suggested(programs, level, set(Trigger)):
            assert level in program.levels
