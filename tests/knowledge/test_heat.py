"""The heat-or-cold helper on every answer path (rugcoach/core/knowledge/heat.py and
content/knowledge/heat-or-cold.yaml), checked against the clinical rules written out
independently here (clinical reference §7, §1 R9)."""

from itertools import product
from pathlib import Path

import pytest
import yaml

from rugcoach.core.knowledge.heat import (
    HeatOrCold,
    InvalidAnswers,
    advise,
    all_answer_paths,
    load_heat,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"
OPTIONS = {
    "state": ("flare", "stiff"),
    "inflammation": ("yes", "no"),
    "duration": ("days", "weeks", "long"),
    "skin": ("normal", "reduced-known", "reduced-new"),
    "preference": ("warm", "cold"),
}
EVERY_PATH = [dict(zip(OPTIONS, values, strict=True)) for values in product(*OPTIONS.values())]


@pytest.fixture(scope="module")
def helper(catalog) -> HeatOrCold:
    return catalog.knowledge.heat


def expected_kind(answers: dict[str, str]) -> str:
    """The clinical rules, in order of safety."""
    if answers["inflammation"] == "yes":
        return "safety_check"  # R9: inflammation signs -> the check, GP today
    if answers["skin"] == "reduced-new":
        return "safety_check"  # new numbness is the check's business
    if answers["skin"] == "reduced-known":
        return "neither"  # never heat (nor cold) where skin feeling is reduced
    if answers["preference"] == "cold":
        return "cold"  # cold only as a preference
    return "heat"  # the default comfort aid, flare or stiff


def test_the_helper_asks_exactly_these_questions(helper):
    assert {q.id: tuple(o.id for o in q.options) for q in helper.questions} == OPTIONS
    assert len(list(all_answer_paths(helper))) == len(EVERY_PATH) == 72


@pytest.mark.parametrize(
    "answers", EVERY_PATH, ids=["-".join(path.values()) for path in EVERY_PATH]
)
def test_every_answer_path(helper, answers):
    advice = advise(helper, answers)
    assert advice.kind == expected_kind(answers)
    assert advice.reasons and all(reason.source.strip() for reason in advice.reasons)
    rules = [reason.rule for reason in advice.reasons]
    if advice.kind == "safety_check":
        # No self-help at all: no duration, no steps, no notes about heat.
        assert advice.card.how_long is None and len(advice.card.how) == 0
        assert len(rules) == 1
        return
    heat_or_cold = advice.kind in ("heat", "cold")
    assert (advice.card.how_long is not None) == heat_or_cold
    # What not to do always warns against heat (or cold) on skin you feel less.
    assert any(
        "minder goed voelt" in item or "minder voelt" in item for item in advice.card.do_not.nl
    )
    # A flare always says: keep moving. Duration adds its own note.
    assert ("N1-keep-moving" in rules) == (answers["state"] == "flare")
    assert ("N2-not-better" in rules) == (answers["duration"] == "weeks")
    assert ("N3-long-lasting" in rules) == (answers["duration"] == "long")


def test_inflammation_wins_over_everything(helper):
    for answers in EVERY_PATH:
        if answers["inflammation"] == "yes":
            advice = advise(helper, answers)
            assert advice.kind == "safety_check"
            assert advice.reasons[0].rule == "H1-inflammation"
            assert "R9" in advice.reasons[0].source


def test_heat_is_never_advised_where_skin_feeling_is_reduced(helper):
    for answers in EVERY_PATH:
        if answers["skin"] != "normal":
            assert advise(helper, answers).kind not in ("heat", "cold")


def test_heat_advice_says_how_long_and_what_not_to_do(helper):
    advice = advise(
        helper,
        {
            "state": "stiff",
            "inflammation": "no",
            "duration": "days",
            "skin": "normal",
            "preference": "warm",
        },
    )
    assert advice.kind == "heat"
    assert "15 tot 20 minuten" in advice.card.how_long.nl
    assert "15 to 20 minutes" in advice.card.how_long.en
    assert any("in slaap" in item for item in advice.card.do_not.nl)
    assert advice.reasons[0].rule == "H6-stiff"


def test_cold_keeps_to_the_guides_ten_to_fifteen_minutes(helper):
    advice = advise(
        helper,
        {
            "state": "flare",
            "inflammation": "no",
            "duration": "days",
            "skin": "normal",
            "preference": "cold",
        },
    )
    assert advice.kind == "cold"
    assert "10 tot 15 minuten" in advice.card.how_long.nl
    assert any("direct op je huid" in item for item in advice.card.do_not.nl)


@pytest.mark.parametrize(
    ("answers", "problems"),
    [
        ({}, {"state": "missing", "inflammation": "missing"}),
        (
            {
                "state": "hot",
                "inflammation": "no",
                "duration": "days",
                "skin": "normal",
                "preference": "warm",
            },
            {"state": "'hot' is not one of the options"},
        ),
        (
            {
                "state": "flare",
                "inflammation": "no",
                "duration": "days",
                "skin": "normal",
                "preference": "warm",
                "age": "40",
            },
            {"age": "not a question of this helper"},
        ),
    ],
)
def test_missing_or_unknown_answers_are_named(helper, answers, problems):
    with pytest.raises(InvalidAnswers) as error:
        advise(helper, answers)
    for question, message in problems.items():
        assert error.value.problems[question] == message


# --- the loader refuses rules that leave a path unanswered or never decide -------------------


def edited(mutate) -> Path:
    data = yaml.safe_load((CONTENT / "knowledge" / "heat-or-cold.yaml").read_text("utf-8"))
    mutate(data)
    return data


def load_edited(tmp_path: Path, data) -> tuple[HeatOrCold | None, list[str]]:
    content = tmp_path / "content"
    (content / "knowledge").mkdir(parents=True)
    (content / "knowledge" / "heat-or-cold.yaml").write_text(yaml.safe_dump(data), "utf-8")
    problems: list[str] = []
    return load_heat(content, problems), problems


def test_the_real_file_loads(tmp_path):
    helper, problems = load_edited(tmp_path, edited(lambda data: None))
    assert problems == [] and helper is not None


def test_a_path_without_a_rule_is_an_error(tmp_path):
    def drop_stiff(data):
        data["rules"] = [rule for rule in data["rules"] if rule["id"] != "H6-stiff"]

    helper, problems = load_edited(tmp_path, edited(drop_stiff))
    assert helper is None
    assert any(
        p.startswith("content/knowledge/heat-or-cold.yaml") and "no rule answers state=stiff" in p
        for p in problems
    ), problems


def test_a_rule_hidden_by_the_rules_above_it_is_an_error(tmp_path):
    def shadow(data):
        data["rules"].append({**data["rules"][0], "id": "H7-unreachable"})

    helper, problems = load_edited(tmp_path, edited(shadow))
    assert helper is None
    assert any("never decides" in p and "H7-unreachable" in p for p in problems), problems


def test_an_unknown_option_in_a_rule_is_named(tmp_path):
    def typo(data):
        data["rules"][0]["when"] = {"inflammation": ["ja"]}

    _, problems = load_edited(tmp_path, edited(typo))
    assert any("rules.0.when.inflammation: unknown option 'ja'" in p for p in problems), problems


def test_an_unknown_question_in_a_note_is_named(tmp_path):
    def typo(data):
        data["notes"][0]["when"] = {"stage": ["flare"]}

    _, problems = load_edited(tmp_path, edited(typo))
    assert any("notes.0.when: unknown question 'stage'" in p for p in problems), problems


def test_a_missing_field_is_named_with_the_file(tmp_path):
    def no_source(data):
        del data["advice"]["heat"]["source"]

    _, problems = load_edited(tmp_path, edited(no_source))
    assert "content/knowledge/heat-or-cold.yaml: advice.heat.source: Field required" in problems
