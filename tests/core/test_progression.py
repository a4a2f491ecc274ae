"""The progression engine, a test per rule of content/progression.yaml (issue 13 §2).

Each test builds a member's history (tests/core/progression_support.py: a session every
other day, glute-bridge and bird-dog as mains) and checks what the member would see next
time: the dose, the plan's status and the rule named as the reason.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.progression.content import RULE_IDS, ProgressionContent, load_progression
from rugcoach.core.progression.engine import apply
from rugcoach.core.triage.conditions import Level
from tests.core.progression_support import (
    START,
    catalog,
    check_in,
    item,
    morning,
    run,
    schedule,
    session,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"
# From the YAML, not the engine: glute bridge's base is the low end of its sets.
BRIDGE_BASE_SETS = yaml.safe_load((CONTENT / "exercises" / "glute-bridge.yaml").read_text())[
    "dose"
]["sets"]


def rules_of(evaluation) -> list[str]:
    return [reason.rule for reason in evaluation.reasons]


def test_with_no_history_the_plan_stands():
    evaluation = run([])
    assert evaluation.status == "active"
    assert evaluation.session_key == "d0"
    assert not evaluation.changes


def test_p0_a_red_flag_stops_everything():
    for kwargs in ({"red_flags": ("saddle_numbness",)}, {"level": Level.GP_TODAY}):
        evaluation = run([session(0)], **kwargs)
        assert evaluation.status == "stopped"
        assert rules_of(evaluation) == ["P0"]
        assert not evaluation.changes


def test_p1_low_pain_settled_by_morning_moves_one_step_up():
    evaluation = run([session(0, peak=2)])
    assert evaluation.status == "active"
    assert rules_of(evaluation) == ["P1"]
    bridge = item(evaluation, "glute-bridge")
    assert bridge.action == "progress"
    assert bridge.prescription.rung == 1
    assert bridge.prescription.reps == 14  # 3 × 12 → 3 × 14
    assert bridge.reason is not None and bridge.reason.rule == "P1"
    assert bridge.version is not None and bridge.version.source == "progression"
    assert bridge.version.number == 2
    assert item(evaluation, "cat-cow").action == "unchanged"  # the warm-up stays calm


def test_p1_needs_a_next_morning_no_higher_than_before():
    # No answer yet: hold (H1).
    waiting = run([session(0, next_morning=None)])
    assert rules_of(waiting) == ["H1"]
    assert item(waiting, "glute-bridge").prescription.rung == 0
    # A rising weekly trend blocks it too (R3 then).
    calm = [session(d, baseline=1) for d in (0, 2, 4, 6)]
    worse = [session(d, baseline=4) for d in (8, 10, 12)]
    assert "P1" not in rules_of(run(calm + worse, today=14))


def test_p2_moderate_pain_holds_until_the_planned_point():
    planned = schedule(planned={"glute-bridge": 1})
    early = run([session(0, peak=4)], schedule=planned)
    assert rules_of(early) == ["P2"]
    assert item(early, "glute-bridge").action == "unchanged"
    assert item(early, "glute-bridge").prescription.rung == 0
    history = [session(d, peak=4) for d in range(0, 14, 2)]
    at_the_point = run(history, schedule=planned)
    assert at_the_point.session_key == "d14"
    bridge = item(at_the_point, "glute-bridge")
    assert bridge.action == "progress" and bridge.prescription.rung == 1
    assert bridge.version is None  # the plan already said so
    assert item(at_the_point, "bird-dog").action == "unchanged"


def test_r1_pain_above_five_in_an_exercise_lowers_it_next_time():
    evaluation = run([session(0, peak=7, rungs={"glute-bridge": 2}, pains={"glute-bridge": 7})])
    assert evaluation.status == "held"
    bridge = item(evaluation, "glute-bridge")
    assert bridge.action == "regress" and bridge.prescription.rung == 1
    assert bridge.reason is not None and bridge.reason.rule == "R1"
    assert item(evaluation, "bird-dog").prescription.rung == 0  # held, not raised
    # At its base dose it goes to one set fewer; at one set there is no lower dose: swap it
    # for one with the same purpose.
    base = run([session(0, peak=7, pains={"glute-bridge": 7})])
    assert item(base, "glute-bridge").action == "regress"
    assert item(base, "glute-bridge").prescription.rung == -1
    assert item(base, "glute-bridge").prescription.sets == BRIDGE_BASE_SETS - 1
    one_set = {"glute-bridge": 1 - BRIDGE_BASE_SETS}
    bottom = run([session(0, peak=7, rungs=one_set, pains={"glute-bridge": 7})])
    assert item(bottom, "glute-bridge").action == "swap"


def test_r2_worse_next_morning_returns_to_the_last_tolerated_dose():
    history = [
        session(0, rungs={"glute-bridge": 1}),
        session(2, rungs={"glute-bridge": 2}, next_morning=morning(4, "worse")),
    ]
    evaluation = run(history)
    assert evaluation.status == "held"
    assert rules_of(evaluation) == ["R2"]
    bridge = item(evaluation, "glute-bridge")
    assert bridge.action == "regress" and bridge.prescription.rung == 1
    assert bridge.reason is not None and bridge.reason.rule == "R2"


def test_r2_clearly_worse_at_the_check_in_holds_the_plan():
    evaluation = run([session(0, rungs={"glute-bridge": 1})], check_ins=[check_in(1)])
    assert evaluation.status == "held"
    assert rules_of(evaluation) == ["R2"]
    assert item(evaluation, "glute-bridge").prescription.rung == 0  # no tolerated dose known
    # A check-in before the last session is about an older session.
    older = run([session(2)], check_ins=[check_in(1)], today=3)
    assert "R2" not in rules_of(older)


def test_r3_a_weekly_rise_cuts_the_week_once_and_rechecks_in_a_week():
    week0 = [session(d, baseline=1, rungs={"glute-bridge": 2}) for d in (0, 2, 4, 6)]
    week1 = [session(d, baseline=3, rungs={"glute-bridge": 2}) for d in (8, 10, 12)]
    evaluation = run(week0 + week1, today=14)
    assert evaluation.status == "reduced"
    assert rules_of(evaluation) == ["R3"]
    assert evaluation.recheck_on == START + timedelta(days=21)
    bridge = item(evaluation, "glute-bridge")
    assert bridge.action == "regress" and bridge.prescription.rung == 1
    # After a session at the cut dose, the same week gives the same dose: no second cut.
    again = run([*week0, *week1, session(14, baseline=3, rungs={"glute-bridge": 1})])
    assert item(again, "glute-bridge").prescription.rung == 1


def test_r4_r2_two_weeks_running_pauses_and_raises_a_safety_signal():
    worse = morning(4, "worse")
    history = [
        session(d, next_morning=worse if d in (8, 14) else "settled") for d in range(0, 16, 2)
    ]
    evaluation = run(history)
    assert evaluation.status == "paused-advise-physio"
    assert rules_of(evaluation) == ["R4"]
    assert evaluation.safety_signal
    assert not evaluation.changes
    once = run(history[:5])  # only the second week so far
    assert not once.safety_signal


def test_r4_no_gain_after_four_weeks():
    stuck = [session(d, baseline=5, peak=4) for d in range(0, 28, 2)]
    assert run(stuck, today=28).status == "paused-advise-physio"
    improving = [session(d, baseline=5 - d // 7, peak=4) for d in range(0, 28, 2)]
    assert run(improving, today=28).status != "paused-advise-physio"
    # Pain-free from the start: nothing to gain, no reason to see a physio.
    calm = [session(d, baseline=1) for d in range(0, 28, 2)]
    assert run(calm, today=28).status == "active"


def test_r5_a_mild_passing_flare_is_normal_and_holds_the_dose():
    flare = session(0, baseline=2, next_morning=morning(3, "worse"), later=morning(2, "better"))
    evaluation = run([flare], today=2)
    assert evaluation.status == "active"
    assert rules_of(evaluation) == ["R5"]
    assert item(evaluation, "glute-bridge").prescription.rung == 0
    # Not passed by 48 h: R2.
    lasting = session(0, baseline=2, next_morning=morning(3, "worse"), later=morning(3, "worse"))
    assert rules_of(run([lasting], today=2)) == ["R2"]


def test_e1_too_easy_three_times_in_a_row_moves_that_exercise_up():
    easy = {"bird-dog": "too_easy"}
    history = [session(d, peak=4, outcomes=easy) for d in (0, 2, 4)]
    evaluation = run(history)
    assert rules_of(evaluation) == ["P2"]
    bird = item(evaluation, "bird-dog")
    assert bird.action == "progress" and bird.prescription.rung == 1
    assert bird.reason is not None and bird.reason.rule == "E1"
    assert item(evaluation, "glute-bridge").action == "unchanged"
    twice = run(history[1:])
    assert item(twice, "bird-dog").action == "unchanged"


def test_e2_it_hurt_lowers_the_exercise_or_swaps_it():
    evaluation = run([session(0, rungs={"glute-bridge": 1}, outcomes={"glute-bridge": "hurt"})])
    bridge = item(evaluation, "glute-bridge")
    assert bridge.action == "regress" and bridge.prescription.rung == 0
    assert bridge.reason is not None and bridge.reason.rule == "E2"
    one_set = {"glute-bridge": 1 - BRIDGE_BASE_SETS}
    bottom = run([session(0, rungs=one_set, outcomes={"glute-bridge": "hurt"})])
    assert item(bottom, "glute-bridge").action == "swap"
    assert item(bottom, "glute-bridge").reason.rule == "E2"


def test_e3_at_most_one_step_a_week_per_exercise():
    history = [session(0), session(2, rungs={"glute-bridge": 1, "bird-dog": 1})]
    evaluation = run(history)  # P1 again, but glute-bridge rose on day 2
    bridge = item(evaluation, "glute-bridge")
    assert bridge.action == "unchanged" and bridge.prescription.rung == 1
    assert bridge.reason is not None and bridge.reason.rule == "E3"
    assert bridge.version is not None  # above the plan's rung 0: kept as a new version
    later = [*history, session(6, rungs={"glute-bridge": 1})]
    assert item(run(later, today=7), "glute-bridge").prescription.rung == 1  # day 8: 6 days on
    assert item(run(later, today=9), "glute-bridge").prescription.rung == 2  # day 10: a week on


def test_e4_too_hard_blocks_a_rise_of_that_exercise():
    evaluation = run([session(0, outcomes={"glute-bridge": "too_hard"})])
    assert item(evaluation, "glute-bridge").action == "unchanged"
    assert item(evaluation, "bird-dog").action == "progress"  # P1 for the rest


def test_at_the_top_of_its_ladder_an_exercise_advances_to_its_progression():
    evaluation = run([session(0, rungs={"bird-dog": 1})], today=8)
    bird = item(evaluation, "bird-dog")
    assert bird.action == "advance" and bird.version is None


def test_apply_adds_the_new_versions_to_the_next_sessions_items():
    planned = schedule()
    evaluation = run([session(0)], schedule=planned)
    updated = apply(planned, evaluation)
    bridge = updated.session("d2").item("d2.1")
    assert [v.source for v in bridge.versions] == ["planner", "progression"]
    assert bridge.prescription.rung == 1
    assert updated.session("d4").item("d4.1").prescription.rung == 0


def test_every_rule_has_a_source_and_both_languages():
    content = catalog().progression
    assert set(content.rules) == set(RULE_IDS)
    for rule in content.rules.values():
        assert rule.source.strip() and rule.text.nl.strip() and rule.text.en.strip()


def test_the_thresholds_come_from_the_content():
    # With the high-risk band moved from above 5 to above 7, pain 7 no longer lowers a dose.
    content = catalog().progression
    wider = content.model_copy(
        update={"bands": content.bands.model_copy(update={"acceptable_max": 7})}
    )
    history = [session(0, peak=7, rungs={"glute-bridge": 2}, pains={"glute-bridge": 7})]
    assert item(run(history), "glute-bridge").action == "regress"
    assert item(run(history, rules=wider), "glute-bridge").action != "regress"


def test_the_schema_rejects_a_missing_rule_and_crossed_bands(tmp_path):
    data = yaml.safe_load((CONTENT / "progression.yaml").read_text(encoding="utf-8"))
    ProgressionContent.model_validate(data)
    content_dir = tmp_path / "content"
    content_dir.mkdir()
    del data["rules"]["R4"]
    data["bands"]["safe_max"] = 6
    (content_dir / "progression.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_progression(content_dir)
    assert "safe_max must be below acceptable_max" in str(error.value)


def test_r2_and_r3_together_the_lower_dose_wins():
    week0 = [session(d, baseline=1) for d in (0, 2, 4, 6)]  # tolerated at rung 0
    week1 = [session(d, baseline=3, peak=6, rungs={"glute-bridge": 2}) for d in (8, 10, 12)]
    worse = session(14, baseline=3, rungs={"glute-bridge": 2}, next_morning=morning(5, "worse"))
    evaluation = run([*week0, *week1, worse])
    assert evaluation.status == "reduced"
    assert rules_of(evaluation) == ["R2", "R3"]
    bridge = item(evaluation, "glute-bridge")
    assert bridge.prescription.rung == 0  # R2's last tolerated dose, below R3's cut to 1
    assert bridge.reason is not None and bridge.reason.rule == "R2"


def test_it_hurt_at_a_dose_shortened_off_the_ladder_goes_to_the_step_below_it():
    """A 15-minute plan gives 2 × 14 where the steps go 2 × 12, 3 × 12, 3 × 14: "it hurt"
    there lowers it to the highest step that is no more in any measure, not a swap."""
    hurt = session(0, outcomes={"glute-bridge": "hurt"})
    log = next(e for e in hurt.exercises if e.slug == "glute-bridge")
    shortened = log.prescription.model_copy(
        update={"sets": BRIDGE_BASE_SETS - 1, "reps": 14, "rung": None}
    )
    exercises = tuple(
        e.model_copy(update={"prescription": shortened}) if e is log else e for e in hurt.exercises
    )
    bridge = item(run([hurt.model_copy(update={"exercises": exercises})]), "glute-bridge")
    assert bridge.action == "regress"
    assert (bridge.prescription.sets, bridge.prescription.reps) == (BRIDGE_BASE_SETS - 1, 12)
    assert bridge.prescription.rung == -1
