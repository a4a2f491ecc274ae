"""The triage engine's input checks, wizard helpers and JSON output (split from
test_triage.py). No Django: run with ``pytest tests/core -p no:django``."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest

from rugcoach.core.triage.engine import (
    Level,
    TriageInputError,
    checkin_questions,
    evaluate,
    screens,
    visible_questions,
)
from tests.core.test_triage import baseline, checkin_answers, content

# --- input validation ---------------------------------------------------------------------


def errors_for(answers: Mapping[str, object], *, checkin: bool = False) -> dict[str, str]:
    with pytest.raises(TriageInputError) as caught:
        evaluate(answers, content(), checkin=checkin)
    return caught.value.errors


@pytest.mark.parametrize(
    ("question_id", "value"),
    [
        ("saddle_numbness", "yes"),
        ("saddle_numbness", 1),
        ("saddle_numbness", None),
        ("pain_now", True),
        ("pain_now", 11),
        ("pain_now", -1),
        ("pain_now", 3.5),
        ("pain_now", "3"),
        ("leg_symptoms", "left_leg"),
        ("leg_symptoms", True),
    ],
)
def test_invalid_answers_name_the_question(question_id: str, value: object) -> None:
    errors = errors_for({**baseline(), question_id: value})
    assert set(errors) == {question_id}


def test_all_problems_are_named_together() -> None:
    answers = {**baseline(), "age": 300, "nope": True}
    del answers["fever"]
    errors = errors_for(answers)
    assert set(errors) == {"age", "nope", "fever"}
    assert errors["nope"] == "unknown question"
    assert "needs an answer" in errors["fever"]
    assert "12 to 110" in errors["age"]
    assert "fever" in str(TriageInputError(errors))


def test_a_visible_follow_up_is_required_and_a_hidden_one_is_not() -> None:
    answers = {k: v for k, v in baseline().items() if k != "pregnancy_week"}
    evaluate(answers, content())  # not pregnant: the trimester is not asked
    errors = errors_for({**answers, "pregnant": True})
    assert set(errors) == {"pregnancy_week"}


def test_answers_to_hidden_follow_ups_are_checked_then_ignored() -> None:
    stale = {**baseline(), "pregnant": False, "pregnancy_warning_obstetric": True}
    verdict = evaluate(stale, content())
    assert verdict.level is Level.TRAIN
    assert set(errors_for({**baseline(), "pregnancy_week": 43})) == {"pregnancy_week"}


def test_checkin_requires_only_checkin_questions() -> None:
    evaluate(checkin_answers(), content(), checkin=True)
    errors = errors_for({"pain_now": 3}, checkin=True)
    not_pregnant = checkin_questions(content(), {"pregnant": False})
    assert set(errors) == {q.id for q in not_pregnant} - {"pain_now"}
    pregnant = errors_for({"pain_now": 3, "pregnant": True}, checkin=True)
    assert "checkin_pregnancy_signs" in pregnant


def test_answers_must_be_a_mapping() -> None:
    with pytest.raises(TriageInputError) as caught:
        evaluate(["fever"], content())  # type: ignore[arg-type]
    assert "answers" in caught.value.errors


# --- the wizard's helpers -----------------------------------------------------------------


def test_screens_start_with_red_flags_and_exclude_the_checkin() -> None:
    triage_screens = screens(content())
    assert all(not screen.checkin for screen in triage_screens)
    first = [q for q in content().questions.values() if q.screen == triage_screens[0].id]
    assert first and all(q.red_flag and not q.ask_if for q in first)
    # R1–R5 are asked explicitly, on the first screen
    for rule_id in ("R1", "R2", "R3", "R4", "R5"):
        asked = [
            m.question
            for m in content().rule(rule_id).matches()
            if content().question(m.question).triage
        ]
        assert asked and all(
            content().question(qid).screen == triage_screens[0].id for qid in asked
        )


def test_visible_questions_show_follow_ups_only_when_relevant() -> None:
    shown = {q.id for q in visible_questions({}, content())}
    assert "saddle_numbness" in shown
    assert not shown & {"pregnancy_week", "leg_tingling", "course", "checkin_nerve_signs"}
    shown = {
        q.id
        for q in visible_questions(
            {"pregnant": True, "leg_symptoms": "one_leg", "duration_weeks": 20}, content()
        )
    }
    assert {"pregnancy_week", "leg_tingling", "course", "onset_age"} <= shown
    leg_screen = visible_questions({"leg_symptoms": "one_leg"}, content(), screen="leg_details")
    assert [q.id for q in leg_screen] == [
        "leg_tingling",
        "leg_pain_stable",
        "leg_pain_uncontrolled",
    ]
    assert visible_questions({"leg_symptoms": "none"}, content(), screen="leg_details") == ()


def test_checkin_asks_pain_and_the_warning_signs_that_can_change_overnight() -> None:
    questions = checkin_questions(content(), {"pregnant": False})
    assert questions[0].id == "pain_now"
    ids = [q.id for q in questions]
    assert {"checkin_genital_sensation", "checkin_walking", "checkin_nerve_signs"} <= set(ids)
    assert "checkin_pregnancy_signs" not in ids
    # Between the pain and the last question: only warning signs. The last one asks how
    # the previous session went (issue 13, for the progression engine); it is no red flag.
    assert all(q.red_flag for q in questions[1:-1])
    assert questions[-1].id == "checkin_worse_after_training" and not questions[-1].red_flag
    assert visible_questions({"pregnant": False}, content(), checkin=True) == questions
    pregnant = [q.id for q in checkin_questions(content(), {"pregnant": True})]
    assert pregnant == [*ids[:-1], "checkin_pregnancy_signs", "checkin_worse_after_training"]


def test_checkin_nerve_question_names_numbness_or_tingling_like_the_full_check() -> None:
    text = content().question("checkin_nerve_signs").text
    for word in ("tintelend", "anus", "geslachtsdelen", "binnenkant van je billen"):
        assert word in text.nl
    assert "tingling" in text.en and "inside of your buttocks" in text.en


# --- output -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_verdict_turns_into_json(language: str) -> None:
    verdict = evaluate({**baseline(), "fever": True}, content())
    plain = verdict.localize(language)
    json.dumps(plain)
    json.dumps(verdict.model_dump(mode="json"))
    assert plain["level"] == "GP_TODAY"
    assert plain["reasons"][0] == {
        "rule": "R9",
        "level": "GP_TODAY",
        "text": content().rule("R9").reason.get(language),
    }
    assert plain["title"] == content().verdicts[Level.GP_TODAY].title.get(language)
    assert plain["disclaimer"]
