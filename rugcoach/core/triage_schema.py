"""The triage's content schema (``content/triage/*.yaml``) and its loader.

Questions, rules and verdict texts are clinical content: they live in YAML, are reviewed
like code and are checked here, so that a typo in a rule stops the app from starting
instead of silently letting a warning sign through. See ``docs/triage.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import (
    Field,
    model_validator,
)

from rugcoach.core.content_io import ContentError, read_yaml, validate_model
from rugcoach.core.exercises import Slug
from rugcoach.core.text import Text
from rugcoach.core.triage_conditions import (
    AllOf,
    Answer,
    AtLeastN,
    Condition,
    Identifier,
    Level,
    Match,
    NonEmpty,
    RuleId,
    SourceText,
    _Frozen,
    all_hold,
)
from rugcoach.core.vocabulary import Condition as MemberCondition

__all__ = [
    "Action",
    "AllOf",
    "Answer",
    "AnswerType",
    "AtLeastN",
    "Condition",
    "ContentError",
    "FixedRule",
    "Level",
    "LevelVerdict",
    "Match",
    "Option",
    "Question",
    "Rule",
    "Screen",
    "TriageContent",
    "Unit",
    "load_triage",
]


# --- questions --------------------------------------------------------------------------


class AnswerType(StrEnum):
    YES_NO = "yes_no"
    CHOICE = "choice"
    NUMBER = "number"


class Unit(StrEnum):
    WEEKS = "weeks"
    YEARS = "years"
    SCORE = "score"


class Option(_Frozen):
    value: Identifier
    label: Text
    red_flag: bool = False


class Screen(_Frozen):
    """One page of the wizard; screens are shown in the order of the file."""

    id: Identifier
    title: Text
    intro: Text | None = None
    checkin: bool = Field(default=False, description="the daily check-in's own page")


class Question(_Frozen):
    id: Identifier
    screen: Identifier
    type: AnswerType
    text: Text
    help: Text
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    unit: Unit | None = None
    unit_label: Text | None = None
    red_flag: bool = False
    triage: bool = Field(default=True, description="asked in the full triage")
    checkin: bool = Field(default=False, description="asked in the daily check-in")
    ask_if: tuple[Condition, ...] = ()
    source: SourceText

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        is_number = self.type is AnswerType.NUMBER
        number_fields = (self.min, self.max, self.unit, self.unit_label)
        if is_number:
            if any(value is None for value in number_fields):
                raise ValueError("a number question needs min, max, unit and unit_label")
            assert self.min is not None and self.max is not None
            if self.min >= self.max:
                raise ValueError(f"min ({self.min}) must be below max ({self.max})")
            if self.red_flag:
                raise ValueError("a number cannot be a red flag by itself: use a rule")
        elif any(value is not None for value in number_fields):
            raise ValueError("min, max, unit and unit_label are for number questions only")
        if self.type is AnswerType.CHOICE:
            values = [option.value for option in self.options]
            if len(values) < 2:
                raise ValueError("a choice question needs at least two options")
            if len(set(values)) != len(values):
                raise ValueError("options: lists a value twice")
            flagged = any(option.red_flag for option in self.options)
            if self.red_flag and not flagged:
                raise ValueError("a red-flag choice needs at least one option with red_flag")
            if flagged and not self.red_flag:
                raise ValueError("an option is a red flag but the question is not")
        elif self.options:
            raise ValueError("options are for choice questions only")
        if not (self.triage or self.checkin):
            raise ValueError("a question must be asked in the triage, the check-in or both")
        if self.checkin and self.ask_if:
            raise ValueError("check-in questions are always asked: remove ask_if")
        return self

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    def problem_with(self, value: object) -> str | None:
        """Why ``value`` is not a valid answer, or None when it is."""
        if self.type is AnswerType.YES_NO:
            return None if isinstance(value, bool) else "answer true (yes) or false (no)"
        if self.type is AnswerType.CHOICE:
            if isinstance(value, str) and value in self.option_values:
                return None
            return "choose one of: " + ", ".join(self.option_values)
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if is_int and self.min <= value <= self.max:  # type: ignore[operator]
            return None
        return f"give a whole number from {self.min} to {self.max}"

    def is_alarming(self, value: object) -> bool:
        """Whether this answer is a red-flag answer (yes, or a red-flag option)."""
        if not self.red_flag:
            return False
        if self.type is AnswerType.YES_NO:
            return value is True
        return any(option.red_flag and option.value == value for option in self.options)


class QuestionsFile(_Frozen):
    screens: tuple[Screen, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = Field(min_length=1)
    checkin_order: tuple[Identifier, ...] = Field(min_length=1)


# --- rules ------------------------------------------------------------------------------


class Rule(_Frozen):
    """When every condition in ``when`` holds, the rule fires and gives its level."""

    id: RuleId
    level: Level
    when: NonEmpty[tuple[Condition, ...]]
    reason: Text = Field(description="a sentence the member recognises, second person")
    advice: Text | None = Field(
        default=None,
        description="shown first when its level wins, or whenever the verdict allows training",
    )
    suitable: tuple[Slug, ...] = Field(
        default=(), description="replaces the level's exercise list when this level wins"
    )
    avoid: tuple[Slug, ...] = Field(
        default=(), description="removed from the exercise list whenever this rule fires"
    )
    conditions: tuple[MemberCondition, ...] = Field(
        default=(),
        description="the library's conditions this rule tells us the member has; exercises "
        "contraindicated for them are left out",
    )
    source: SourceText

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        for name in ("suitable", "avoid", "conditions"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name}: lists a value twice")
        both = set(self.suitable) & set(self.avoid)
        if both:
            raise ValueError(f"both suitable and avoided: {', '.join(sorted(both))}")
        return self

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        return all_hold(self.when, answers)

    def matches(self) -> Iterator[Match]:
        for condition in self.when:
            yield from condition.matches()


class FixedRule(_Frozen):
    """A reason the engine gives by itself: no rule fired, or the red-flag safety net."""

    id: RuleId
    level: Level
    reason: Text
    source: SourceText


class RulesFile(_Frozen):
    rules: tuple[Rule, ...] = Field(min_length=1)
    no_findings: FixedRule = Field(description="the triage's reason when no rule fires")
    checkin_no_findings: FixedRule = Field(description="the check-in's reason when none fires")
    red_flag_net: FixedRule = Field(description="a red-flag answer that no rule escalated")


# --- verdicts ---------------------------------------------------------------------------


class Action(_Frozen):
    """Something to do first, e.g. a number to call."""

    id: Slug
    label: Text
    detail: Text
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9][0-9 -]{1,18}$")


class LevelVerdict(_Frozen):
    label: Text = Field(description="the level's short name, e.g. 'Spoed'")
    title: Text = Field(description="the verdict in one plain sentence")
    actions: tuple[Action, ...] = ()
    tell_them: Text | None = Field(default=None, description="what to tell whoever you call")
    advice: tuple[Text, ...] = Field(min_length=1)
    exercises: tuple[Slug, ...] = ()
    may_train: bool
    recheck_after_days: int | None = Field(default=None, ge=1, le=90)
    recheck: Text = Field(description="when to do the check again, as a sentence")


class VerdictsFile(_Frozen):
    levels: dict[Level, LevelVerdict]
    disclaimer: Text


# --- the loaded content -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class TriageContent:
    """Questions, rules and verdicts, validated and cross-checked."""

    screens: tuple[Screen, ...]
    questions: dict[str, Question]
    """Every question, in asking order (screen by screen)."""
    checkin_order: tuple[str, ...]
    rules: tuple[Rule, ...]
    verdicts: dict[Level, LevelVerdict]
    disclaimer: Text
    no_findings: FixedRule
    checkin_no_findings: FixedRule
    red_flag_net: FixedRule
    contraindications: Mapping[str, frozenset[MemberCondition]] = field(default_factory=dict)
    """Per exercise slug, the conditions it does not suit (from the library, if given)."""

    def question(self, question_id: str) -> Question:
        return self.questions[question_id]

    def rule(self, rule_id: str) -> Rule:
        return next(rule for rule in self.rules if rule.id == rule_id)


def load_triage(
    content_dir: Path,
    known_exercise_slugs: set[str] | None = None,
    *,
    contraindications: Mapping[str, Iterable[MemberCondition]] | None = None,
) -> TriageContent:
    """Read ``content_dir/triage/*.yaml``; raise ContentError listing every problem.

    Pass ``known_exercise_slugs`` (the library's slugs) to check that every exercise a
    verdict or rule names exists. Pass ``contraindications`` (slug → the conditions the
    exercise does not suit, from the library) to have verdicts leave out exercises that
    do not suit the member's conditions, and to check that no rule suggests one.
    """
    root = content_dir.parent
    problems: list[str] = []

    def load(name: str, model: type[Any]) -> Any:
        path = content_dir / "triage" / name
        where = str(path.relative_to(root))
        known_problems = len(problems)
        data = read_yaml(path, root, problems)
        if data is None:
            if len(problems) == known_problems:
                problems.append(f"{where}: (top level): the file is empty")
            return None, where
        return validate_model(model, data, where, problems), where

    questions_file, questions_where = load("questions.yaml", QuestionsFile)
    rules_file, rules_where = load("rules.yaml", RulesFile)
    verdicts_file, verdicts_where = load("verdicts.yaml", VerdictsFile)

    ordered: dict[str, Question] = {}
    if questions_file is not None:
        ordered = _check_questions(questions_file, questions_where, problems)
    if rules_file is not None and questions_file is not None:
        _check_rules(rules_file, ordered, rules_where, problems)
    if verdicts_file is not None:
        _check_verdicts(verdicts_file, verdicts_where, problems)
    if known_exercise_slugs is not None:
        _check_known_slugs(
            rules_file, verdicts_file, known_exercise_slugs, rules_where, verdicts_where, problems
        )
    unsuitable = {slug: frozenset(found) for slug, found in (contraindications or {}).items()}
    if rules_file is not None:
        for index, rule in enumerate(rules_file.rules):
            for slug in rule.suitable:
                clash = unsuitable.get(slug, frozenset()) & set(rule.conditions)
                if clash:
                    problems.append(
                        f"{rules_where}: rules.{index}({rule.id}).suitable: '{slug}' does not "
                        f"suit {', '.join(sorted(clash))}"
                    )

    if problems or questions_file is None or rules_file is None or verdicts_file is None:
        raise ContentError(problems)
    return TriageContent(
        screens=questions_file.screens,
        questions=ordered,
        checkin_order=questions_file.checkin_order,
        rules=rules_file.rules,
        verdicts=dict(verdicts_file.levels),
        disclaimer=verdicts_file.disclaimer,
        no_findings=rules_file.no_findings,
        checkin_no_findings=rules_file.checkin_no_findings,
        red_flag_net=rules_file.red_flag_net,
        contraindications=unsuitable,
    )


def _check_questions(file: QuestionsFile, where: str, problems: list[str]) -> dict[str, Question]:
    """Cross-check questions and screens; return the questions in asking order."""
    screen_index: dict[str, int] = {}
    for index, screen in enumerate(file.screens):
        if screen.id in screen_index:
            problems.append(f"{where}: screens.{index}.id: '{screen.id}' is used twice")
        screen_index.setdefault(screen.id, index)

    by_id: dict[str, Question] = {}
    for index, question in enumerate(file.questions):
        at = f"{where}: questions.{index}({question.id})"
        if question.id in by_id:
            problems.append(f"{at}.id: '{question.id}' is used twice")
            continue
        by_id[question.id] = question
        screen = question.screen
        if screen not in screen_index:
            problems.append(f"{at}.screen: unknown screen '{screen}'")
            continue
        if file.screens[screen_index[screen]].checkin == question.triage:
            problems.append(
                f"{at}.screen: triage questions belong on triage screens and check-in-only "
                "questions on the check-in screen"
            )
    ordered = dict(
        sorted(by_id.items(), key=lambda item: screen_index.get(item[1].screen, len(screen_index)))
    )

    for index, question in enumerate(file.questions):
        at = f"{where}: questions.{index}({question.id})"
        own_screen = screen_index.get(question.screen, -1)
        for number, condition in enumerate(question.ask_if):
            for match in condition.matches():
                target = by_id.get(match.question)
                if target is not None and screen_index.get(target.screen, -1) >= own_screen:
                    problems.append(
                        f"{at}.ask_if.{number}.question: '{match.question}' must be on an "
                        "earlier screen (so that the wizard works without JavaScript)"
                    )
                _check_match(match, by_id, f"{at}.ask_if.{number}", problems)

    for screen in file.screens:
        if not any(question.screen == screen.id for question in file.questions):
            problems.append(f"{where}: screens({screen.id}): no question is on this screen")

    checkin_ids = {question.id for question in file.questions if question.checkin}
    listed = file.checkin_order
    if len(set(listed)) != len(listed) or set(listed) != checkin_ids:
        problems.append(
            f"{where}: checkin_order: must list every check-in question once "
            f"(check-in questions: {', '.join(sorted(checkin_ids))})"
        )
    return ordered


def _check_match(
    match: Match, questions: Mapping[str, Question], at: str, problems: list[str]
) -> None:
    question = questions.get(match.question)
    if question is None:
        problems.append(f"{at}.question: unknown question '{match.question}'")
        return
    values: list[object] = []
    if match.equals is not None:
        values.append(match.equals)
    if match.one_of is not None:
        values.extend(match.one_of)
    if question.type is AnswerType.NUMBER:
        values.extend(value for value in (match.at_least, match.at_most) if value is not None)
    elif match.at_least is not None or match.at_most is not None:
        problems.append(f"{at}: at_least/at_most need a number question, '{question.id}' is not")
    for value in values:
        problem = question.problem_with(value)
        if problem is not None:
            problems.append(f"{at}: '{question.id}' can never be {value!r}: {problem}")


def _check_rules(
    file: RulesFile, questions: Mapping[str, Question], where: str, problems: list[str]
) -> None:
    seen: set[str] = set()
    fixed = (
        ("no_findings", file.no_findings),
        ("checkin_no_findings", file.checkin_no_findings),
        ("red_flag_net", file.red_flag_net),
    )
    for index, rule in enumerate(file.rules):
        at = f"{where}: rules.{index}({rule.id})"
        if rule.id in seen:
            problems.append(f"{at}.id: '{rule.id}' is used twice")
        seen.add(rule.id)
        for number, condition in enumerate(rule.when):
            for match in condition.matches():
                _check_match(match, questions, f"{at}.when.{number}", problems)
        if (rule.suitable or rule.avoid) and not rule.level.allows_training:
            problems.append(
                f"{at}.suitable: level {rule.level} offers no exercises, so suitable and "
                "avoid have no effect"
            )
    for name, rule in fixed:
        if rule.id in seen:
            problems.append(f"{where}: {name}.id: '{rule.id}' is used twice")
        seen.add(rule.id)
    for name in ("no_findings", "checkin_no_findings"):
        if not getattr(file, name).level.allows_training:
            problems.append(f"{where}: {name}.level: must be a level that allows training")
    if file.red_flag_net.level.severity < Level.GP_SOON.severity:
        problems.append(f"{where}: red_flag_net.level: must be GP_SOON or more severe")


def _check_verdicts(file: VerdictsFile, where: str, problems: list[str]) -> None:
    for level in Level:
        verdict = file.levels.get(level)
        at = f"{where}: levels.{level}"
        if verdict is None:
            problems.append(f"{at}: missing: every level needs its verdict text")
            continue
        if verdict.may_train != level.allows_training:
            problems.append(
                f"{at}.may_train: must be {str(level.allows_training).lower()} for {level}"
            )
        if level.allows_training and not verdict.exercises:
            problems.append(f"{at}.exercises: a level that allows training needs exercises")
        if not level.allows_training and verdict.exercises:
            problems.append(f"{at}.exercises: {level} offers no exercises")
        if level.needs_action and not verdict.actions:
            problems.append(f"{at}.actions: {level} must lead with an action (whom to call)")
        if len(set(verdict.exercises)) != len(verdict.exercises):
            problems.append(f"{at}.exercises: lists an exercise twice")


def _check_known_slugs(
    rules: RulesFile | None,
    verdicts: VerdictsFile | None,
    known: set[str],
    rules_where: str,
    verdicts_where: str,
    problems: list[str],
) -> None:
    if verdicts is not None:
        for level, verdict in verdicts.levels.items():
            for slug in verdict.exercises:
                if slug not in known:
                    problems.append(
                        f"{verdicts_where}: levels.{level}.exercises: unknown exercise '{slug}'"
                    )
    if rules is not None:
        for index, rule in enumerate(rules.rules):
            for name in ("suitable", "avoid"):
                for slug in getattr(rule, name):
                    if slug not in known:
                        problems.append(
                            f"{rules_where}: rules.{index}({rule.id}).{name}: "
                            f"unknown exercise '{slug}'"
                        )
