"""The triage content: complete and bilingual, and broken files reported by file and field."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.kernel.text import Text
from rugcoach.core.triage.engine import Level, load_triage

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def content():
    return load_triage(CONTENT_DIR)


def test_content_loads_without_problems(content) -> None:
    assert len(content.questions) >= 30
    assert len(content.rules) >= 30
    assert set(content.verdicts) == set(Level)


def _both_languages(text: Text | None) -> bool:
    return text is not None and bool(text.nl.strip()) and bool(text.en.strip())


def test_every_question_has_nl_en_text_help_and_a_source(content) -> None:
    for question in content.questions.values():
        assert _both_languages(question.text), question.id
        assert _both_languages(question.help), question.id
        assert question.source.strip(), question.id
        for option in question.options:
            assert _both_languages(option.label), (question.id, option.value)
        assert question.text.nl != question.text.en, question.id


def test_every_rule_has_nl_en_reason_and_a_source(content) -> None:
    fixed = (content.no_findings, content.checkin_no_findings, content.red_flag_net)
    for rule in (*content.rules, *fixed):
        assert _both_languages(rule.reason), rule.id
        assert rule.source.strip(), rule.id
        assert rule.reason.nl != rule.reason.en, rule.id
        if getattr(rule, "advice", None) is not None:
            assert _both_languages(rule.advice), rule.id


def test_every_level_has_its_texts(content) -> None:
    for level in Level:
        verdict = content.verdicts[level]
        for text in (verdict.label, verdict.title, verdict.recheck, *verdict.advice):
            assert _both_languages(text), level
        assert verdict.may_train is level.allows_training
        if level.needs_action:
            assert verdict.actions and verdict.tell_them, level
    assert _both_languages(content.disclaimer)


# --- broken content -----------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR / "triage", target / "triage")
    return target


def edit(content_dir: Path, name: str, change: Callable[[Any], None]) -> None:
    path = content_dir / "triage" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(content_dir: Path, **kwargs: Any) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_triage(content_dir, **kwargs)
    return caught.value.problems


def test_a_copy_of_the_content_loads(copy: Path) -> None:
    load_triage(copy)


def test_missing_source_names_file_and_field(copy: Path) -> None:
    edit(copy, "questions.yaml", lambda data: data["questions"][0].pop("source"))
    assert problems(copy) == ["content/triage/questions.yaml: questions.0.source: Field required"]


def test_missing_english_names_file_and_field(copy: Path) -> None:
    edit(copy, "rules.yaml", lambda data: data["rules"][0]["reason"].pop("en"))
    assert problems(copy) == ["content/triage/rules.yaml: rules.0.reason.en: Field required"]


def test_rule_on_unknown_question(copy: Path) -> None:
    edit(copy, "rules.yaml", lambda data: data["rules"][0]["when"][0].update(question="nope"))
    assert problems(copy) == [
        "content/triage/rules.yaml: rules.0(R1).when.0.question: unknown question 'nope'"
    ]


def test_rule_on_unknown_option(copy: Path) -> None:
    def change(data: Any) -> None:
        r3 = next(rule for rule in data["rules"] if rule["id"] == "R3")
        r3["when"][0]["of"][0]["equals"] = "three_legs"

    edit(copy, "rules.yaml", change)
    (problem,) = problems(copy)
    assert problem.startswith("content/triage/rules.yaml: rules.")
    assert "(R3).when.0: 'leg_symptoms' can never be 'three_legs'" in problem


def test_number_condition_out_of_range(copy: Path) -> None:
    def change(data: Any) -> None:
        rule = next(rule for rule in data["rules"] if rule["id"] == "L-PAIN-HIGH")
        rule["when"][0]["at_least"] = 11

    edit(copy, "rules.yaml", change)
    (problem,) = problems(copy)
    assert "(L-PAIN-HIGH).when.0: 'pain_now' can never be 11" in problem


def test_condition_without_a_test(copy: Path) -> None:
    edit(copy, "rules.yaml", lambda data: data["rules"][0]["when"][0].pop("equals"))
    problem = problems(copy)[0]
    assert problem.startswith("content/triage/rules.yaml: rules.0.when.0.match:")
    assert "exactly one test" in problem


def test_follow_up_on_unknown_question(copy: Path) -> None:
    def change(data: Any) -> None:
        question = next(q for q in data["questions"] if q["id"] == "pregnancy_week")
        question["ask_if"][0]["question"] = "pregnnant"

    edit(copy, "questions.yaml", change)
    (problem,) = problems(copy)
    assert problem.endswith("(pregnancy_week).ask_if.0.question: unknown question 'pregnnant'")


def test_follow_up_must_depend_on_an_earlier_screen(copy: Path) -> None:
    def change(data: Any) -> None:
        question = next(q for q in data["questions"] if q["id"] == "pregnancy_week")
        question["screen"] = "about_you"

    edit(copy, "questions.yaml", change)
    (problem,) = problems(copy)
    assert "(pregnancy_week).ask_if.0.question: 'pregnant' must be on an earlier screen" in (
        problem
    )


def test_missing_level_verdict(copy: Path) -> None:
    edit(copy, "verdicts.yaml", lambda data: data["levels"].pop("PHYSIO"))
    assert problems(copy) == [
        "content/triage/verdicts.yaml: levels.PHYSIO: missing: every level needs its verdict text"
    ]


def test_a_level_that_forbids_training_cannot_allow_it(copy: Path) -> None:
    def change(data: Any) -> None:
        data["levels"]["GP_SOON"]["may_train"] = True
        data["levels"]["GP_SOON"]["exercises"] = ["cat-cow"]

    edit(copy, "verdicts.yaml", change)
    assert problems(copy) == [
        "content/triage/verdicts.yaml: levels.GP_SOON.may_train: must be false for GP_SOON",
        "content/triage/verdicts.yaml: levels.GP_SOON.exercises: GP_SOON offers no exercises",
    ]


def test_unknown_exercise_slug(copy: Path) -> None:
    known = set(load_triage(copy).verdicts[Level.TRAIN].exercises) - {"cat-cow"}
    found = problems(copy, known_exercise_slugs=known)
    assert "content/triage/verdicts.yaml: levels.TRAIN.exercises: unknown exercise 'cat-cow'" in (
        found
    )
    assert any("rules.yaml: rules." in problem and "'cat-cow'" in problem for problem in found)


def test_rule_suggesting_an_exercise_that_does_not_suit_its_own_condition(copy: Path) -> None:
    unsuitable = {"wall-sit": {"pregnancy"}}
    (problem,) = problems(copy, contraindications=unsuitable)
    assert problem.startswith("content/triage/rules.yaml: rules.")
    assert problem.endswith("(P-PREGNANT).suitable: 'wall-sit' does not suit pregnancy")


def test_duplicate_rule_id(copy: Path) -> None:
    edit(copy, "rules.yaml", lambda data: data["rules"][1].update(id="R1"))
    assert problems(copy) == ["content/triage/rules.yaml: rules.1(R1).id: 'R1' is used twice"]


def test_invalid_yaml_and_missing_file(copy: Path) -> None:
    (copy / "triage" / "rules.yaml").write_text("rules: [unclosed\n", encoding="utf-8")
    (copy / "triage" / "verdicts.yaml").unlink()
    found = problems(copy)
    assert any(p.startswith("content/triage/rules.yaml: not valid YAML") for p in found)
    assert any(p.startswith("content/triage/verdicts.yaml: cannot read") for p in found)


def test_empty_file(copy: Path) -> None:
    (copy / "triage" / "verdicts.yaml").write_text("", encoding="utf-8")
    assert problems(copy) == ["content/triage/verdicts.yaml: (top level): the file is empty"]


# --- issue 8: check-in follow-ups, facts from the record, ageing, rule-owned actions ------


def test_a_checkin_question_may_only_depend_on_the_full_check(copy: Path) -> None:
    def change(data: Any) -> None:
        question = next(q for q in data["questions"] if q["id"] == "checkin_pregnancy_signs")
        question["ask_if"] = [{"question": "pain_now", "at_least": 3}]

    edit(copy, "questions.yaml", change)
    (problem,) = problems(copy)
    assert "(checkin_pregnancy_signs).ask_if.0.question: a check-in question may only" in problem


def test_only_weeks_or_years_can_age(copy: Path) -> None:
    def change(data: Any) -> None:
        next(q for q in data["questions"] if q["id"] == "pain_now")["ages"] = True

    edit(copy, "questions.yaml", change)
    (problem,) = problems(copy)
    assert problem.startswith("content/triage/questions.yaml: questions.")
    assert problem.endswith("only a number in weeks or years can age")


def test_a_fact_from_the_record_is_never_a_red_flag(copy: Path) -> None:
    def change(data: Any) -> None:
        next(q for q in data["questions"] if q["id"] == "doctor_visit_due")["red_flag"] = True

    edit(copy, "questions.yaml", change)
    (problem,) = problems(copy)
    assert problem.endswith(
        "a question from the record is never shown: no red_flag, checkin or ask_if"
    )


def test_a_rule_with_its_own_buttons_needs_its_own_title(copy: Path) -> None:
    def change(data: Any) -> None:
        next(r for r in data["rules"] if r["id"] == "A-UNDER-16").pop("title")

    edit(copy, "rules.yaml", change)
    (problem,) = problems(copy)
    assert problem.startswith("content/triage/rules.yaml: rules.")
    assert problem.endswith("a rule with its own actions needs its own title")
