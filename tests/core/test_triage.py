"""The triage engine against the real content: rules, severity, red-flag safety, input errors.

No Django: run with ``pytest tests/core -p no:django``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rugcoach.core.catalog import load_catalog
from rugcoach.core.triage.engine import (
    Level,
    TriageContent,
    Verdict,
    checkin_questions,
    evaluate,
    load_triage,
    validate_answers,
)
from rugcoach.core.triage.schema import AllOf, AtLeastN, Match
from tests.triage_answers import benign, benign_answers, candidates

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


@cache
def content() -> TriageContent:
    """The triage as the app loads it: checked against the exercise library."""
    catalog = load_catalog(CONTENT_DIR)
    return load_triage(
        CONTENT_DIR,
        set(catalog.exercises),
        contraindications={
            slug: {item.condition for item in exercise.contraindications}
            for slug, exercise in catalog.exercises.items()
        },
    )


def baseline() -> dict[str, object]:
    """A benign answer to every question, follow-ups and check-in questions included."""
    return benign_answers(content())


def _required_matches(conditions: Iterable[object]) -> list[Match]:
    """The matches that make the conditions hold (for at_least_n: the first n)."""
    found: list[Match] = []
    for condition in conditions:
        if isinstance(condition, Match):
            found.append(condition)
        elif isinstance(condition, AllOf):
            found.extend(_required_matches(condition.conditions))
        elif isinstance(condition, AtLeastN):
            found.extend(_required_matches(condition.of[: condition.at_least_n]))
    return found


def answers_for(*condition_sets: Iterable[object]) -> dict[str, object]:
    """Baseline answers changed just enough for every condition set to hold.

    The follow-ups' own ``ask_if`` are satisfied too, so that the answers count.
    Raises ValueError when the conditions cannot hold together.
    """
    questions = content().questions
    matches = [match for conditions in condition_sets for match in _required_matches(conditions)]
    pending = list(matches)
    while pending:  # pull in the ask_if of every question a condition touches
        question = questions[pending.pop().question]
        extra = _required_matches(question.ask_if)
        matches.extend(extra)
        pending.extend(extra)
    answers = baseline()
    for question_id in {match.question for match in matches}:
        question = questions[question_id]
        tests = [match for match in matches if match.question == question_id]
        fitting = [value for value in candidates(question) if all(_ok(t, value) for t in tests)]
        if not fitting:
            raise ValueError(f"no answer to {question_id} meets {tests}")
        preferred = benign(question)
        if isinstance(preferred, int) and not isinstance(preferred, bool):
            answers[question_id] = min(fitting, key=lambda value: abs(value - preferred))
        else:
            answers[question_id] = preferred if preferred in fitting else fitting[0]
    return answers


def _ok(match: Match, value: object) -> bool:
    return match.holds({match.question: value})  # type: ignore[dict-item]


def fired(verdict: Verdict) -> list[str]:
    return [reason.rule for reason in verdict.reasons]


def rule_ids() -> list[str]:
    return [rule.id for rule in content().rules]


def red_flag_present(answers: Mapping[str, object], *, checkin: bool = False) -> bool:
    counted = validate_answers(answers, content(), checkin=checkin)
    questions = content().questions
    return any(questions[qid].is_alarming(value) for qid, value in counted.items())


# --- each rule, severity ------------------------------------------------------------------


def test_baseline_gives_train_with_a_reason() -> None:
    verdict = evaluate(baseline(), content())
    assert verdict.level is Level.TRAIN
    assert fired(verdict) == [content().no_findings.id]
    assert verdict.may_train and verdict.exercises


@pytest.mark.parametrize("rule_id", rule_ids())
def test_each_rule_fires_on_its_own_answers(rule_id: str) -> None:
    rule = content().rule(rule_id)
    verdict = evaluate(answers_for(rule.when), content())
    assert rule_id in fired(verdict)
    assert verdict.level is rule.level, f"{rule_id} also fired {fired(verdict)}"


def test_every_reference_red_flag_has_a_rule() -> None:
    ids = set(rule_ids())
    assert {f"R{number}" for number in range(1, 16)} <= ids


def test_level_order_most_severe_first() -> None:
    assert list(Level) == [
        Level.EMERGENCY,
        Level.GP_TODAY,
        Level.GP_SOON,
        Level.PHYSIO,
        Level.REST_THEN_REBUILD,
        Level.TRAIN_ADAPTED,
        Level.TRAIN,
    ]
    severities = [level.severity for level in Level]
    assert severities == sorted(severities, reverse=True)
    assert Level.most_severe([Level.TRAIN, Level.PHYSIO, Level.GP_SOON]) is Level.GP_SOON
    assert {level for level in Level if level.allows_training} == {
        Level.REST_THEN_REBUILD,
        Level.TRAIN_ADAPTED,
        Level.TRAIN,
    }


def test_the_more_severe_of_two_rules_wins() -> None:
    checked = 0
    for first, second in combinations(content().rules, 2):
        if first.level is second.level:
            continue
        try:
            answers = answers_for(first.when, second.when)
        except ValueError:
            continue  # the two cannot hold together (e.g. weakness and no weakness)
        verdict = evaluate(answers, content())
        pair = f"{first.id} + {second.id}"
        assert {first.id, second.id} <= set(fired(verdict)), pair
        assert verdict.level.severity >= max(first.level.severity, second.level.severity), pair
        checked += 1
    assert checked > 500


def test_two_rules_the_more_severe_level_is_the_verdict() -> None:
    sitting, fever = content().rule("A-SITTING"), content().rule("R9")
    verdict = evaluate(answers_for(sitting.when, fever.when), content())
    assert verdict.level is Level.GP_TODAY
    assert fired(verdict) == ["R9", "A-SITTING"]


def test_reasons_are_sorted_most_severe_first() -> None:
    answers = answers_for(
        content().rule("A-SITTING").when,
        content().rule("R10").when,
        content().rule("A-DAILY-LIFE").when,
    )
    verdict = evaluate(answers, content())
    assert fired(verdict) == ["R10", "A-DAILY-LIFE", "A-SITTING"]


# --- red flags never allow training --------------------------------------------------------


@pytest.mark.parametrize("question_id", [q.id for q in content().questions.values() if q.red_flag])
def test_each_red_flag_answer_is_escalated_by_a_rule(question_id: str) -> None:
    question = content().question(question_id)
    for value in candidates(question):
        if not question.is_alarming(value):
            continue
        answers = answers_for(question.ask_if, [Match(question=question_id, equals=value)])
        verdict = evaluate(answers, content(), checkin=not question.triage)
        assert verdict.level.severity >= Level.GP_SOON.severity
        assert not verdict.may_train and verdict.exercises == ()
        # a rule of its own covers it; the safety net is a last resort, not the plan
        assert content().red_flag_net.id not in fired(verdict)


def answer_sets(benign_red_flags: bool = False) -> st.SearchStrategy[dict[str, object]]:
    fields = {}
    for question in content().questions.values():
        values = candidates(question)
        if benign_red_flags:
            values = [value for value in values if not question.is_alarming(value)]
        fields[question.id] = st.sampled_from(values)
    return st.fixed_dictionaries(fields)


def assert_consistent(verdict: Verdict) -> None:
    assert verdict.may_train is verdict.level.allows_training
    assert bool(verdict.exercises) is verdict.may_train
    assert verdict.reasons and verdict.reasons[0].level is verdict.level
    severities = [reason.level.severity for reason in verdict.reasons]
    assert severities == sorted(severities, reverse=True)
    ids = set(fired(verdict))
    avoided = {slug for rule in content().rules if rule.id in ids for slug in rule.avoid}
    assert not avoided & set(verdict.exercises)
    for slug in verdict.exercises:  # nothing the library says does not suit the member
        assert not content().contraindications[slug] & set(verdict.conditions), slug
    if verdict.level.needs_action:
        assert verdict.actions


@settings(max_examples=400)
@given(st.data())
def test_red_flag_answers_never_allow_training(data: st.DataObject) -> None:
    answers = data.draw(answer_sets())
    verdict = evaluate(answers, content())
    assert_consistent(verdict)
    assert evaluate(answers, content()) == verdict  # pure: same input, same output
    if red_flag_present(answers):
        assert verdict.level not in (Level.TRAIN, Level.TRAIN_ADAPTED, Level.REST_THEN_REBUILD)
        assert verdict.level.severity >= Level.GP_SOON.severity
        assert not verdict.may_train and verdict.exercises == ()


@settings(max_examples=400)
@given(st.data())
def test_without_red_flags_the_verdict_is_consistent(data: st.DataObject) -> None:
    answers = data.draw(answer_sets(benign_red_flags=True))
    verdict = evaluate(answers, content())
    assert_consistent(verdict)
    assert not red_flag_present(answers)
    assert content().red_flag_net.id not in fired(verdict)
    if answers["pregnant"] and answers["pregnancy_week"] >= 13:
        lying_on_back = set(content().rule("P-LATE").avoid)
        assert not lying_on_back & set(verdict.exercises)


@settings(max_examples=300)
@given(st.data())
def test_checkin_red_flag_blocks_the_session(data: st.DataObject) -> None:
    questions = checkin_questions(content())
    answers = data.draw(
        st.fixed_dictionaries({q.id: st.sampled_from(candidates(q)) for q in questions})
    )
    verdict = evaluate(answers, content(), checkin=True)
    assert verdict.checkin
    assert_consistent(verdict)
    if red_flag_present(answers, checkin=True):
        assert not verdict.may_train
        assert verdict.level.severity >= Level.GP_SOON.severity


def test_safety_net_catches_an_uncovered_red_flag() -> None:
    # pregnancy_absolute on its own rule is P-ABSOLUTE; without the rule the net catches it
    rules = tuple(rule for rule in content().rules if rule.id != "P-ABSOLUTE")
    reduced = replace(content(), rules=rules)
    answers = answers_for([Match(question="pregnancy_absolute", equals=True)], [])
    verdict = evaluate(answers, reduced)
    assert verdict.level is Level.GP_SOON
    assert content().red_flag_net.id in fired(verdict)
    assert not verdict.may_train


# --- specific paths -----------------------------------------------------------------------


def checkin_answers(**changes: object) -> dict[str, object]:
    answers = {q.id: benign(q) for q in checkin_questions(content())}
    answers.update(changes)
    return answers


def test_checkin_without_findings_allows_the_session() -> None:
    verdict = evaluate(checkin_answers(), content(), checkin=True)
    assert verdict.level is Level.TRAIN and verdict.may_train
    assert fired(verdict) == [content().checkin_no_findings.id]


@pytest.mark.parametrize(
    ("change", "level", "rule"),
    [
        ({"fever": True}, Level.GP_TODAY, "R9"),
        ({"checkin_nerve_signs": True}, Level.EMERGENCY, "C-NERVE-SIGNS"),
        ({"new_leg_symptoms": "both_legs"}, Level.EMERGENCY, "R3"),
        ({"new_leg_symptoms": "weakness_one_leg"}, Level.GP_TODAY, "R6"),
        ({"new_leg_symptoms": "pain_or_tingling"}, Level.PHYSIO, "C-LEG-SYMPTOMS"),
        ({"new_trauma": "major"}, Level.EMERGENCY, "R7"),
        ({"new_trauma": "minor"}, Level.REST_THEN_REBUILD, "C-STRAIN"),
        ({"pain_now": 8}, Level.REST_THEN_REBUILD, "L-PAIN-HIGH"),
        ({"pain_now": 5}, Level.TRAIN_ADAPTED, "L-PAIN-RAISED"),
    ],
)
def test_checkin_paths(change: dict[str, object], level: Level, rule: str) -> None:
    verdict = evaluate(checkin_answers(**change), content(), checkin=True)
    assert verdict.level is level
    assert rule in fired(verdict)


def test_checkin_sees_stored_answers_when_given() -> None:
    answers = {**checkin_answers(new_trauma="minor"), "osteoporosis_or_steroids": True}
    verdict = evaluate(answers, content(), checkin=True)
    assert verdict.level is Level.GP_SOON
    assert "R8" in fired(verdict)


def test_pregnancy_warning_signs_stop_training_and_name_the_midwife() -> None:
    answers = answers_for([Match(question="pregnancy_warning_body", equals=True)])
    verdict = evaluate(answers, content())
    assert verdict.level is Level.GP_TODAY
    assert fired(verdict)[0] == "P-WARNING-BODY"
    assert "verloskundige" in verdict.advice[0].nl


def test_pregnancy_gets_its_own_exercises() -> None:
    pregnant = content().rule("P-PREGNANT")
    answers = answers_for(pregnant.when)
    verdict = evaluate(answers, content())
    assert verdict.level is Level.TRAIN_ADAPTED
    assert set(verdict.exercises) <= set(pregnant.suitable)
    first = evaluate({**answers, "pregnancy_week": 12}, content())
    late = evaluate({**answers, "pregnancy_week": 13}, content())
    assert "P-LATE" in fired(late) and "P-LATE" not in fired(first)
    assert "pregnancy-after-first-trimester" in late.conditions
    assert "pregnancy-after-first-trimester" not in first.conditions


def test_pregnancy_with_lumbago_keeps_gentle_exercises_off_the_back() -> None:
    answers = answers_for(content().rule("P-LATE").when, content().rule("A-LUMBAGO").when)
    verdict = evaluate(answers, content())
    assert verdict.level is Level.REST_THEN_REBUILD
    assert verdict.exercises
    assert not set(verdict.exercises) & set(content().rule("P-LATE").avoid)
    # the pregnancy cautions still reach a member who may train
    assert content().rule("P-PREGNANT").advice in verdict.advice


def test_r14_needs_four_of_the_features() -> None:
    answers = answers_for(content().rule("R14").when)
    assert "R14" in fired(evaluate(answers, content()))
    three = {**answers, "better_with_movement": False}
    assert "R14" not in fired(evaluate(three, content()))


def test_r13_blocks_only_a_worsening_course() -> None:
    """Issue 8 §6: 'not improving after a month' is a reason to review, not to stop."""
    answers = {**baseline(), "duration_weeks": 30, "course": "same"}
    stable = evaluate(answers, content())
    assert "R13" not in fired(stable) and "R13-REVIEW" in fired(stable)
    assert stable.level is Level.TRAIN_ADAPTED and stable.may_train
    assert "fysiotherapeut" in stable.title.nl and stable.actions[0].id == "book-physio"
    known = {**answers, "cleared_by_professional": True}
    verdict = evaluate(known, content())
    assert "R13" not in fired(verdict) and "R13-REVIEW" not in fired(verdict)
    assert verdict.level is Level.TRAIN and "A-CHRONIC-KNOWN" in fired(verdict)
    worse = evaluate({**known, "course": "worse"}, content())
    assert "R13" in fired(worse) and not worse.may_train


def test_long_lasting_improving_complaints_train_gently_with_advice_to_have_them_checked() -> None:
    answers = {**baseline(), "duration_weeks": 10, "course": "better"}
    verdict = evaluate(answers, content())
    assert verdict.level is Level.TRAIN_ADAPTED and verdict.may_train
    assert "A-LONG" in fired(verdict)
    assert any("nakijken" in line.nl for line in verdict.advice)
    assert [action.id for action in verdict.actions] == ["book-physio"]


@pytest.mark.parametrize(
    ("changes", "rule_id"),
    [
        ({"limits_daily_life": True}, "A-DAILY-LIFE"),
        ({"earlier_hernia_or_stenosis": True}, "A-HISTORY"),
    ],
)
def test_the_guides_see_a_physio_signs_train_gently_with_advice_to_have_them_checked(
    changes: dict[str, object], rule_id: str
) -> None:
    """Review: like A-LONG, 'see a physio or doctor' is advice beside gentle training."""
    answers = {**baseline(), "duration_weeks": 5, "course": "same", **changes}
    verdict = evaluate(answers, content())
    assert verdict.level is Level.TRAIN_ADAPTED and verdict.may_train
    assert rule_id in fired(verdict)
    assert "fysiotherapeut" in verdict.title.nl
    assert [action.id for action in verdict.actions] == ["book-physio"]
    assert any("nakijken" in line.nl for line in verdict.advice)


def test_an_earlier_hernia_trains_only_hernia_friendly_exercises() -> None:
    answers = {**baseline(), "earlier_hernia_or_stenosis": True}
    verdict = evaluate(answers, content())
    hernia = content().rule("H-HERNIA-KNOWN")
    assert set(verdict.exercises) <= set(hernia.suitable)
    assert not set(verdict.exercises) & set(hernia.avoid)


@pytest.mark.parametrize(
    ("changes", "rule_id"),
    [
        ({"limits_daily_life": True}, "A-DAILY-LIFE-WORSE"),
        ({"earlier_hernia_or_stenosis": True}, "A-HISTORY-WORSE"),
    ],
)
def test_the_see_a_physio_signs_still_block_when_it_gets_worse(
    changes: dict[str, object], rule_id: str
) -> None:
    answers = {**baseline(), "duration_weeks": 3, "course": "worse", **changes}
    verdict = evaluate(answers, content())
    assert verdict.level is Level.PHYSIO and not verdict.may_train
    assert fired(verdict)[0] == rule_id


@pytest.mark.parametrize("red_flag", ["saddle_numbness", "bladder_bowel", "fever"])
def test_a_red_flag_beside_daily_life_limits_still_blocks(red_flag: str) -> None:
    answers = {**baseline(), "limits_daily_life": True, red_flag: True}
    verdict = evaluate(answers, content())
    assert not verdict.may_train and fired(verdict)[0] not in {"A-DAILY-LIFE"}


def test_worse_after_every_session_still_means_no_training() -> None:
    """The guide lists it under 'do not train': it stays PHYSIO."""
    verdict = evaluate({**baseline(), "worse_after_training": True}, content())
    assert verdict.level is Level.PHYSIO and not verdict.may_train


def test_emergency_leads_with_calling_112() -> None:
    verdict = evaluate({**baseline(), "saddle_numbness": True}, content())
    assert verdict.level is Level.EMERGENCY
    assert verdict.actions[0].phone == "112"
    assert verdict.tell_them is not None
    assert verdict.exercises == () and verdict.recheck_after_days is None
