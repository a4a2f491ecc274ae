"""Issue 8 in the pure engine: the early end, ageing answers, the questions' fingerprint,
and the clinical gaps (pain, age, bones, pregnancy by week, one weak foot, long-lasting
complaints). No Django: run with ``pytest tests/core -p no:django``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rugcoach.core.triage.engine import (
    MISSING_ANSWER,
    Level,
    TriageInputError,
    aged_answers,
    ends_early,
    evaluate,
    load_triage,
)
from rugcoach.core.triage.loader import questions_version
from rugcoach.core.triage.schema import AnswerType, all_hold
from tests.core.test_triage import CONTENT_DIR, baseline, content, fired
from tests.core.test_triage_input import errors_for
from tests.triage_answers import candidates

EMERGENCY_ANSWERS = [
    ("saddle_numbness", True),
    ("bladder_bowel", True),
    ("genital_sensation", True),
    ("leg_weakness", "serious"),
    ("leg_symptoms", "both_legs"),
    ("major_trauma", True),
]


def triage_questions() -> list:
    return [q for q in content().questions.values() if q.triage and not q.from_record]


@st.composite
def partial_answers(draw: st.DrawFn) -> dict[str, object]:
    """Some questions answered (any valid value, in any pattern), the rest left open."""
    answers: dict[str, object] = {}
    for question in triage_questions():
        if draw(st.booleans()):
            answers[question.id] = draw(st.sampled_from(candidates(question)))
    return answers


@st.composite
def completion(draw: st.DrawFn, partial: dict[str, object]) -> dict[str, object]:
    """Answers to every question the wizard would still ask, keeping the given ones."""
    answers = dict(partial)
    for question in triage_questions():
        if question.id in answers:
            continue
        if question.ask_if and not all_hold(question.ask_if, answers):  # type: ignore[arg-type]
            continue
        answers[question.id] = draw(st.sampled_from(candidates(question)))
    return answers


# --- §1 the early end --------------------------------------------------------------------


@pytest.mark.parametrize(("question_id", "value"), EMERGENCY_ANSWERS)
def test_one_emergency_answer_alone_is_a_verdict(question_id: str, value: object) -> None:
    verdict = evaluate({question_id: value}, content())
    assert verdict.level is Level.EMERGENCY and verdict.cut_short
    assert verdict.actions[0].phone == "112"
    assert not verdict.may_train and verdict.exercises == ()


def test_a_complete_emergency_is_not_cut_short() -> None:
    verdict = evaluate({**baseline(), "saddle_numbness": True}, content())
    assert verdict.level is Level.EMERGENCY and not verdict.cut_short


@pytest.mark.parametrize(
    "answers",
    [{"leg_weakness": "one_leg"}, {"fever": True}, {"cancer_history": True}, {}],
)
def test_incomplete_answers_without_an_emergency_are_refused_naming_each_question(
    answers: dict[str, object],
) -> None:
    errors = errors_for(answers)
    assert errors and all(message == MISSING_ANSWER for message in errors.values())
    assert "saddle_numbness" in errors and "pain_now" in errors


def test_an_invalid_answer_is_refused_even_beside_an_emergency() -> None:
    errors = errors_for({"saddle_numbness": True, "pain_now": 14})
    assert errors["pain_now"] != MISSING_ANSWER  # refused, and every question named


@settings(max_examples=300)
@given(st.data())
def test_an_early_end_never_hides_a_different_level(data: st.DataObject) -> None:
    """Issue 8 §1: for partial answers that end early, every completion gives the same
    level; partial answers that do not end early are refused."""
    partial = data.draw(partial_answers())
    if not ends_early(partial, content()):
        with pytest.raises(TriageInputError):
            evaluate(partial, content())
        return
    verdict = evaluate(partial, content())
    assert verdict.level is Level.EMERGENCY
    for _ in range(3):
        full = data.draw(completion(partial))
        assert evaluate(full, content()).level is Level.EMERGENCY


@settings(max_examples=200)
@given(st.data())
def test_a_random_emergency_answer_ends_any_partial_set(data: st.DataObject) -> None:
    partial = data.draw(partial_answers())
    question_id, value = data.draw(st.sampled_from(EMERGENCY_ANSWERS))
    partial[question_id] = value
    if question_id == "leg_symptoms":
        partial.pop("leg_tingling", None)
    verdict = evaluate(partial, content())
    assert verdict.level is Level.EMERGENCY
    full = data.draw(completion(partial))
    assert evaluate(full, content()).level is Level.EMERGENCY


def test_checkin_ends_early_on_a_nerve_sign_alone() -> None:
    verdict = evaluate({"checkin_nerve_signs": True}, content(), checkin=True)
    assert verdict.level is Level.EMERGENCY and verdict.cut_short and verdict.checkin


# --- §2 ageing answers and the questions' fingerprint ------------------------------------


def test_time_bound_answers_age_with_the_days_since_the_full_check() -> None:
    answers = {**baseline(), "duration_weeks": 1, "age": 40, "pregnancy_week": 10}
    aged, expired = aged_answers(answers, content(), 14)
    assert aged["duration_weeks"] == 3 and aged["pregnancy_week"] == 12
    assert aged["age"] == 40 and aged["onset_age"] == answers["onset_age"]
    assert not expired
    year_on, _ = aged_answers(answers, content(), 366)
    assert year_on["age"] == 41 and year_on["duration_weeks"] == 52  # "a year or longer"
    _, expired = aged_answers({**answers, "pregnancy_week": 40}, content(), 21)
    assert expired == ["pregnancy_week"]


def test_a_lumbago_ages_out_of_rest_then_rebuild() -> None:
    answers = {**baseline(), "onset": "sudden", "duration_weeks": 1}
    assert evaluate(answers, content()).level is Level.REST_THEN_REBUILD
    aged, _ = aged_answers(answers, content(), 14)
    assert "A-LUMBAGO" not in fired(evaluate(aged, content()))


def test_pregnancy_reaches_week_13_while_time_passes() -> None:
    answers = {**baseline(), "pregnant": True, "pregnancy_week": 11}
    assert "P-LATE" not in fired(evaluate(answers, content()))
    aged, _ = aged_answers(answers, content(), 14)
    assert "P-LATE" in fired(evaluate(aged, content()))


def test_the_questions_fingerprint_follows_meaning_not_wording() -> None:
    loaded = content()
    same = questions_version(loaded.questions)
    assert same == loaded.questions_version and len(same) == 12
    reworded = {
        qid: q.model_copy(update={"help": q.help.model_copy(update={"nl": "anders"})})
        for qid, q in loaded.questions.items()
    }
    assert questions_version(reworded) == same
    fewer = {qid: q for qid, q in loaded.questions.items() if qid != "gut_feeling"}
    assert questions_version(fewer) != same
    wider = dict(loaded.questions)
    wider["pain_now"] = wider["pain_now"].model_copy(update={"max": 11})
    assert questions_version(wider) != same
    # pain_now is asked in both; the check-in no longer reusing a stored answer counts.
    wider["pain_now"] = loaded.questions["pain_now"].model_copy(update={"checkin": False})
    assert questions_version(wider) != same


def test_check_in_only_questions_leave_the_fingerprint_alone() -> None:
    """A full check never stores a check-in-only answer: adding, removing or changing one
    (issue 13's checkin_worse_after_training) must not send members back to the full check."""
    loaded = content()
    checkin_only = [q for q in loaded.questions.values() if q.checkin and not q.triage]
    assert {"checkin_worse_after_training", "checkin_walking"} <= {q.id for q in checkin_only}
    without = dict(loaded.questions)
    del without["checkin_worse_after_training"]
    assert questions_version(without) == loaded.questions_version
    changed = dict(loaded.questions)
    changed["checkin_walking"] = changed["checkin_walking"].model_copy(update={"red_flag": False})
    assert questions_version(changed) == loaded.questions_version


def test_loading_twice_gives_the_same_fingerprint() -> None:
    assert load_triage(CONTENT_DIR).questions_version == content().questions_version


def test_the_doctor_question_comes_only_from_the_record() -> None:
    questions = content().questions
    assert questions["doctor_visit_due"].from_record
    shown = [q.id for q in triage_questions()]
    assert "doctor_visit_due" not in shown
    due = {**baseline(), "doctor_visit_due": True, "examined_since": False}
    verdict = evaluate(due, content())
    assert verdict.level is Level.GP_SOON and "A-NOT-EXAMINED" in fired(verdict)
    assert evaluate({**due, "examined_since": True}, content()).may_train
    missing = {k: v for k, v in due.items() if k != "examined_since"}
    assert set(errors_for(missing)) == {"examined_since"}
    calm = {k: v for k, v in baseline().items() if k not in ("doctor_visit_due", "examined_since")}
    assert evaluate(calm, content()).may_train  # a visitor is never asked


# --- §4 pain, age, bones, pregnancy ------------------------------------------------------


@pytest.mark.parametrize("pain", [6, 7, 8])
def test_pain_of_6_or_more_gives_gentle_mobility_and_breathing_only(pain: int) -> None:
    for checkin in (False, True):
        answers = {**baseline(), "pain_now": pain}
        verdict = evaluate(answers, content(), checkin=checkin)
        assert verdict.level is Level.REST_THEN_REBUILD and "L-PAIN-HIGH" in fired(verdict)
        assert verdict.deciding_reasons[0].text.nl.startswith("Je pijn is nu 6 of meer")
        gentle = set(content().rule("L-PAIN-HIGH").suitable)
        assert verdict.exercises and set(verdict.exercises) <= gentle
        assert not {"glute-bridge", "bird-dog", "dead-bug", "low-bridge-glute-squeeze"} & set(
            verdict.exercises
        )
        assert not any("5 of lager" in line.nl or "op 5" in line.nl for line in verdict.advice)
        assert not any(
            "huisarts" in line.nl and "pijnstillers" in line.nl for line in verdict.advice
        )


@pytest.mark.parametrize("pain", [9, 10])
def test_pain_of_9_or_10_advises_the_gp_when_painkillers_do_not_help(pain: int) -> None:
    verdict = evaluate({**baseline(), "pain_now": pain}, content())
    assert any("pijnstillers" in line.nl and "huisarts" in line.nl for line in verdict.advice)


def test_pain_of_5_may_train_lighter_and_keep_it_at_5() -> None:
    verdict = evaluate({**baseline(), "pain_now": 5}, content())
    assert verdict.level is Level.TRAIN_ADAPTED
    assert any("5 of lager" in line.nl for line in verdict.advice)


@pytest.mark.parametrize("age", [12, 15])
def test_under_16_no_app_training_and_advice_for_a_teenager_and_a_parent(age: int) -> None:
    verdict = evaluate({**baseline(), "age": age, "first_episode": False}, content())
    assert not verdict.may_train and "A-UNDER-16" in fired(verdict)
    assert "16 jaar" in verdict.title.nl
    assert "ouder" in verdict.actions[0].label.nl
    assert any(line.nl.startswith("Voor ouders") for line in verdict.advice)
    assert not any("programma" in line.nl for line in verdict.advice)
    assert evaluate({**baseline(), "age": 16}, content()).may_train


def test_fragile_bones_leave_out_forward_bending_and_rotation_stretches() -> None:
    answers = {**baseline(), "osteoporosis_or_steroids": True, "morning_stiffness": True}
    verdict = evaluate(answers, content())
    assert verdict.may_train and "osteoporosis" in verdict.conditions
    for slug in ("knee-to-chest-double", "childs-pose", "lumbar-rotation-stretch"):
        assert slug not in verdict.exercises
    assert "design default" in content().rule("L-FRAGILE-BONES").source
    unsuitable = content().contraindications
    for slug in ("knee-to-chest-double", "childs-pose", "childs-pose-side-reach"):
        assert "osteoporosis" in unsuitable[slug]


def test_pregnancy_week_13_takes_the_exercises_off_the_back() -> None:
    week_12 = evaluate({**baseline(), "pregnant": True, "pregnancy_week": 12}, content())
    week_13 = evaluate({**baseline(), "pregnant": True, "pregnancy_week": 13}, content())
    assert "pregnancy-after-first-trimester" in week_13.conditions
    assert "pregnancy-after-first-trimester" not in week_12.conditions
    assert "supine-pelvic-tilt" not in week_13.exercises


@pytest.mark.parametrize("question_id", ["pregnancy_warning_obstetric", "pregnancy_warning_body"])
def test_pregnancy_warning_signs_call_the_midwife_first_day_and_night(question_id: str) -> None:
    verdict = evaluate({**baseline(), "pregnant": True, question_id: True}, content())
    assert not verdict.may_train
    assert verdict.actions[0].id == "call-midwife"
    assert "dag en nacht" in verdict.actions[0].detail.nl
    assert "verloskundige" in verdict.title.nl and "verloskundige" in verdict.label.nl
    assert [a.id for a in verdict.actions][1] == "call-own-gp"


def test_a_relative_contraindication_is_cleared_by_the_midwife_not_a_physiotherapist() -> None:
    answers = {**baseline(), "pregnant": True, "pregnancy_relative": "yes_not_cleared"}
    verdict = evaluate(answers, content())
    assert not verdict.may_train
    assert "book-physio" not in [a.id for a in verdict.actions]
    assert "verloskundige" in verdict.title.nl and "fysiotherapeut" not in verdict.title.nl
    assert not any("fysiotherapeut" in line.nl for line in verdict.advice)
    absolute = {**baseline(), "pregnant": True, "pregnancy_absolute": True}
    assert not any(
        "huisarts je heeft gezien" in line.nl for line in evaluate(absolute, content()).advice
    )


# --- §6 routing --------------------------------------------------------------------------


def test_one_weak_foot_is_gp_today_not_an_emergency() -> None:
    verdict = evaluate({**baseline(), "leg_weakness": "one_leg"}, content())
    assert verdict.level is Level.GP_TODAY and fired(verdict)[0] == "R6"
    option = next(o for o in content().question("leg_weakness").options if o.value == "one_leg")
    assert "neerklapt" in option.label.nl and "haken" in option.label.nl


def test_both_legs_worsening_or_legs_that_do_not_carry_you_are_an_emergency() -> None:
    verdict = evaluate({**baseline(), "leg_weakness": "serious"}, content())
    assert verdict.level is Level.EMERGENCY and "R4" in fired(verdict)
    option = next(o for o in content().question("leg_weakness").options if o.value == "serious")
    for words in ("beide benen", "met de dag erger", "dragen me niet"):
        assert words in option.label.nl


def test_the_deciding_reasons_come_first_and_the_rest_is_only_noted() -> None:
    answers = {**baseline(), "bladder_bowel": True, "pain_after_sitting": True, "fever": True}
    verdict = evaluate(answers, content())
    assert [r.rule for r in verdict.deciding_reasons] == ["R2"]
    assert {r.rule for r in verdict.other_reasons} == {"R9", "A-SITTING"}
    assert all(r.level is not Level.EMERGENCY for r in verdict.other_reasons)


def test_member_texts_carry_no_rule_ids() -> None:
    for rule in content().rules:
        for text in (rule.reason, rule.advice, rule.title):
            if text is not None:
                assert rule.id not in text.nl and rule.id not in text.en


def test_every_number_question_that_ages_counts_weeks_or_years() -> None:
    for question in content().questions.values():
        if question.ages:
            assert question.type is AnswerType.NUMBER
