"""Shared, cached inputs for the planner tests: the real content and real triage verdicts.

Module-level and cached (not fixtures), so hypothesis tests can use them freely.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from rugcoach.core.catalog import Catalog, load_catalog
from rugcoach.core.kernel.vocabulary import Condition, Equipment, Situation
from rugcoach.core.planner import PlannerContent
from rugcoach.core.triage.engine import Verdict, evaluate
from tests.triage_answers import benign_answers

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"

# Overrides on benign triage answers, each a situation a trainer would recognise.
VERDICTS: dict[str, dict[str, object]] = {
    "benign": {},
    "pregnant-1": {"pregnant": True, "pregnancy_week": 8},
    "pregnant-2": {"pregnant": True, "pregnancy_week": 20},
    "pregnant-3": {"pregnant": True, "pregnancy_week": 30},
    "lumbago": {"onset": "sudden"},
    "pregnant-2-lumbago": {"pregnant": True, "pregnancy_week": 20, "onset": "sudden"},
    "pain-high": {"pain_now": 7},
    "pain-raised": {"pain_now": 5},
    "leg-stable": {
        "leg_symptoms": "one_leg",
        "leg_pain_stable": True,
        "leg_tingling": False,
        "leg_weakness": "none",
        "cleared_by_professional": True,
    },
    "hernia-known": {"earlier_hernia_or_stenosis": True, "cleared_by_professional": True},
    "stress": {"stress_tension": True},
    "high-load": {"training_load": True},
    "fragile-bones": {"osteoporosis_or_steroids": True},
    "chronic": {"duration_weeks": 10, "cleared_by_professional": True},
    "sitting": {"pain_after_sitting": True},
    "mixed": {"osteoporosis_or_steroids": True, "training_load": True, "stress_tension": True},
    # verdicts that forbid training
    "red-flag-saddle": {"saddle_numbness": True},
    "fever": {"fever": True},
    "cancer": {"cancer_history": True},
    "leg-unassessed": {"leg_symptoms": "one_leg"},
}

# The household things the planner counts as always at hand (docs/planner.md).
ALWAYS_AT_HAND = frozenset(
    {
        Equipment.NONE,
        Equipment.MAT,
        Equipment.WALL,
        Equipment.CHAIR,
        Equipment.PILLOW,
        Equipment.BED,
    }
)
GYM_KIT = frozenset(Equipment) - {Equipment.NONE}

# The hernia/lumbago list, spelled out per exercise: deadlifts, loaded bending or
# twisting, deep stretches and rotations, back extensions under load.
HERNIA_FORBIDDEN = frozenset(
    {
        "romanian-deadlift",
        "trap-bar-deadlift",
        "farmers-carry",
        "back-extension-machine",
        "ball-back-extension",
        "lumbar-rotation-stretch",
        "childs-pose",
        "childs-pose-side-reach",
        "knee-to-chest-double",
        "superman-hold",
        "superman-pulses",
        "hip-thrust",
        "leg-press",
    }
)
PLANKS_AND_ROTATIONS = frozenset(
    {"side-plank-knee", "side-plank-foot", "wall-ball-rollout", "lumbar-rotation-stretch"}
)


@cache
def catalog() -> Catalog:
    return load_catalog(CONTENT_DIR)


@cache
def planner_content() -> PlannerContent:
    """As the app has it: loaded and cross-checked by ``load_catalog``."""
    return catalog().planner


@cache
def verdict(name: str) -> Verdict:
    triage = catalog().triage
    answers = {k: v for k, v in benign_answers(triage).items() if triage.questions[k].triage}
    return evaluate({**answers, **VERDICTS[name]}, triage)


def available(situation: Situation, equipment: frozenset[Equipment]) -> frozenset[Equipment]:
    """The documented equipment rule, written out independently of the planner."""
    extra = {
        Situation.GYM: GYM_KIT,
        Situation.FITNESS_BALL: frozenset({Equipment.FITNESS_BALL}),
    }.get(situation, frozenset())
    return ALWAYS_AT_HAND | extra | equipment


def implied(situation: Situation, pregnancy_week: int | None) -> set[Condition]:
    """The conditions the intake implies, written out independently of the planner
    (``pregnancy_week`` None: the date is unknown, so the strictest week counts)."""
    found: set[Condition] = set()
    if situation is Situation.PREGNANCY:
        found |= {Condition.PREGNANCY, Condition.PREGNANCY_PRONE}
        if pregnancy_week is None or pregnancy_week >= 13:
            found.add(Condition.PREGNANCY_AFTER_FIRST_TRIMESTER)
    if situation is Situation.HERNIA_LUMBAGO:
        found.add(Condition.HERNIA)
    return found


# --- the timing model, written out from docs/planner.md §5 -------------------------

TRANSITION = 15  # seconds between two items of a session (docs/planner.md §5)
UNTIMED_REP = 4  # a repetition of an exercise with neither tempo nor breathing pace


@cache
def raw_dose(slug: str) -> dict:
    """The exercise's ``dose:`` as written in its YAML file (not through the loader)."""
    path = CONTENT_DIR / "exercises" / f"{slug}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["dose"]


def expected_work_seconds(slug: str, item: Any) -> int:
    """Working time of an item: sets × one set, both sides when per side, no rest."""
    dose = raw_dose(slug)
    if item.reps is not None:
        if "tempo" in dose:
            tempo = dose["tempo"]
            pause = item.hold_seconds if item.hold_seconds is not None else tempo["pause"]
            one_rep = tempo["move"] + pause + tempo["back"]
        elif "breathing_pace" in dose:
            pace = dose["breathing_pace"]
            one_rep = pace["inhale"] + pace.get("hold", 0) + pace["exhale"]
        else:
            one_rep = UNTIMED_REP + (item.hold_seconds or 0)
        one_set = item.reps * one_rep
    elif item.hold_seconds is not None:
        one_set = item.hold_seconds
    else:
        one_set = item.duration_seconds or 0
    sides = 2 if item.per_side else 1
    return item.sets * one_set * sides


def expected_item_seconds(slug: str, item: Any) -> int:
    """An item's time: its working time plus the rest between sets, not after the last."""
    return expected_work_seconds(slug, item) + (item.sets - 1) * item.rest_seconds


def expected_session_seconds(items: Any) -> int:
    items = list(items)
    return sum(expected_item_seconds(i.slug, i) for i in items) + TRANSITION * (len(items) - 1)


# --- the scenarios mean what their names say ------------------------------------------

EXPECTED_LEVELS = {
    "benign": "TRAIN",
    "pregnant-1": "TRAIN_ADAPTED",
    "pregnant-2": "TRAIN_ADAPTED",
    "pregnant-3": "TRAIN_ADAPTED",
    "lumbago": "REST_THEN_REBUILD",
    "pregnant-2-lumbago": "REST_THEN_REBUILD",
    "pain-high": "REST_THEN_REBUILD",
    "pain-raised": "TRAIN_ADAPTED",
    "leg-stable": "TRAIN_ADAPTED",
    "hernia-known": "TRAIN_ADAPTED",
    "stress": "TRAIN_ADAPTED",
    "high-load": "TRAIN_ADAPTED",
    "fragile-bones": "TRAIN_ADAPTED",
    "chronic": "TRAIN",
    "sitting": "TRAIN",
    "mixed": "TRAIN_ADAPTED",
    "red-flag-saddle": "EMERGENCY",
    "fever": "GP_TODAY",
    "cancer": "GP_SOON",
    "leg-unassessed": "PHYSIO",
}


def test_every_scenario_gives_the_verdict_its_name_promises():
    assert set(EXPECTED_LEVELS) == set(VERDICTS)
    for name, level in EXPECTED_LEVELS.items():
        assert verdict(name).level.value == level, name
