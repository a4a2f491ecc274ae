"""The heat-or-cold helper (``content/knowledge/heat-or-cold.yaml``): a few questions, and
``advise``, which turns the answers into heat, cold, neither, or "do the safety check
first", with how long, what not to do and the reasons.

The rules are data: an ordered list where the first rule whose conditions hold decides,
plus notes that add a reason wherever theirs hold. The loader checks that every possible
combination of answers meets a rule and that no rule is shadowed by the ones above it, so
the helper never has a path without an answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from rugcoach.core.kernel.content_io import read_yaml, validate_model
from rugcoach.core.kernel.frozen import Frozen
from rugcoach.core.kernel.ids import Slug
from rugcoach.core.kernel.text import Text, TextList

__all__ = [
    "Advice",
    "AdviceCard",
    "AdviceKind",
    "HeatOrCold",
    "InvalidAnswers",
    "Reason",
    "advise",
    "all_answer_paths",
    "load_heat",
]

HEAT_FILE = "knowledge/heat-or-cold.yaml"

AdviceKind = Literal["heat", "cold", "neither", "safety_check"]


class Option(Frozen):
    id: Slug
    label: Text


class HeatQuestion(Frozen):
    id: Slug
    text: Text
    help: Text | None = None
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_options(self) -> HeatQuestion:
        ids = [option.id for option in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("option ids must be unique")
        return self

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class AdviceCard(Frozen):
    """What a member reads for one kind of advice."""

    title: Text
    summary: Text
    how_long: Text | None = None
    how: TextList = TextList()
    do_not: TextList = TextList()
    source: str = Field(min_length=1)


class Rule(Frozen):
    """``when`` maps a question to the options that satisfy it; every entry must hold.
    An empty ``when`` always holds (a last, default rule)."""

    id: str = Field(min_length=1)
    when: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    advice: AdviceKind
    reason: Text
    source: str = Field(min_length=1)


class Note(Frozen):
    """An extra reason shown wherever ``when`` holds and the advice is one of ``for``."""

    id: str = Field(min_length=1)
    when: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    for_advice: tuple[AdviceKind, ...] = Field(default=("heat", "cold", "neither"), alias="for")
    text: Text
    source: str = Field(min_length=1)


class HeatOrCold(Frozen):
    intro: Text
    questions: tuple[HeatQuestion, ...] = Field(min_length=1)
    advice: dict[AdviceKind, AdviceCard]
    rules: tuple[Rule, ...] = Field(min_length=1)
    notes: tuple[Note, ...] = ()

    def question(self, question_id: str) -> HeatQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @model_validator(mode="after")
    def _consistent(self) -> HeatOrCold:
        problems: list[str] = []
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            problems.append("questions: ids must be unique")
        for kind in ("rules", "notes"):
            items: tuple[Rule | Note, ...] = getattr(self, kind)
            for index, item in enumerate(items):
                for question_id, options in item.when.items():
                    question = self.question(question_id)
                    if question is None:
                        problems.append(f"{kind}.{index}.when: unknown question '{question_id}'")
                        continue
                    for option in options:
                        if question.option(option) is None:
                            problems.append(
                                f"{kind}.{index}.when.{question_id}: unknown option '{option}'"
                            )
        for index, rule in enumerate(self.rules):
            if rule.advice not in self.advice:
                problems.append(f"rules.{index}.advice: no advice card for '{rule.advice}'")
        if problems:
            raise ValueError("; ".join(problems))
        # Every path has an answer, and every rule decides at least one path.
        deciding: set[str] = set()
        for answers in all_answer_paths(self):
            decider = _first_rule(self, answers)
            if decider is None:
                described = ", ".join(f"{k}={v}" for k, v in answers.items())
                raise ValueError(f"rules: no rule answers {described}")
            deciding.add(decider.id)
        unused = [rule.id for rule in self.rules if rule.id not in deciding]
        if unused:
            raise ValueError(f"rules: never decides (shadowed by rules above): {unused}")
        return self


@dataclass(frozen=True)
class Reason:
    text: Text
    source: str
    rule: str


@dataclass(frozen=True)
class Advice:
    kind: AdviceKind
    card: AdviceCard
    reasons: tuple[Reason, ...]


class InvalidAnswers(ValueError):
    """Answers that are missing or not among a question's options; ``problems`` maps each
    question id to what is wrong with it."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))


def _holds(when: Mapping[str, tuple[str, ...]], answers: Mapping[str, str]) -> bool:
    return all(answers.get(question) in options for question, options in when.items())


def _first_rule(content: HeatOrCold, answers: Mapping[str, str]) -> Rule | None:
    return next((rule for rule in content.rules if _holds(rule.when, answers)), None)


def all_answer_paths(content: HeatOrCold) -> Iterator[dict[str, str]]:
    """Every combination of answers, one option per question."""
    ids = [question.id for question in content.questions]
    for combination in product(*[[o.id for o in q.options] for q in content.questions]):
        yield dict(zip(ids, combination, strict=True))


def check_answers(content: HeatOrCold, answers: Mapping[str, str]) -> None:
    """Raise InvalidAnswers naming each missing, unknown or invalid answer."""
    problems: dict[str, str] = {}
    for question in content.questions:
        value = answers.get(question.id)
        if value is None or value == "":
            problems[question.id] = "missing"
        elif question.option(value) is None:
            problems[question.id] = f"'{value}' is not one of the options"
    for key in answers:
        if content.question(key) is None:
            problems[key] = "not a question of this helper"
    if problems:
        raise InvalidAnswers(problems)


def advise(content: HeatOrCold, answers: Mapping[str, str]) -> Advice:
    """The advice for one complete set of answers (question id -> option id).

    The first rule that holds decides the kind of advice and gives the main reason; each
    note that holds for that kind adds a reason. Raises InvalidAnswers for answers that are
    missing or unknown.
    """
    check_answers(content, answers)
    rule = _first_rule(content, answers)
    assert rule is not None, "the loader checks that every path meets a rule"
    reasons = [Reason(text=rule.reason, source=rule.source, rule=rule.id)]
    reasons.extend(
        Reason(text=note.text, source=note.source, rule=note.id)
        for note in content.notes
        if rule.advice in note.for_advice and _holds(note.when, answers)
    )
    return Advice(kind=rule.advice, card=content.advice[rule.advice], reasons=tuple(reasons))


def load_heat(content_dir: Path, problems: list[str]) -> HeatOrCold | None:
    """Read and validate the helper; note each problem as 'file: field: message'."""
    path = content_dir / HEAT_FILE
    root = content_dir.parent
    own: list[str] = []
    data = read_yaml(path, root, own)
    content = None if own else validate_model(HeatOrCold, data, str(path.relative_to(root)), own)
    problems.extend(own)
    return content
