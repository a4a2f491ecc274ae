"""The triage's content schema (``content/triage/*.yaml``) and its loader.

Questions, rules and verdict texts are clinical content: they live in YAML, are reviewed
like code and are checked here, so that a typo in a rule stops the app from starting
instead of silently letting a warning sign through. See ``docs/triage.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import (
    Field,
    model_validator,
)

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.kernel.ids import Slug
from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Condition as MemberCondition
from rugcoach.core.triage.conditions import (
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
    ages: bool = Field(
        default=False,
        description="a time-bound number (weeks or years) that grows with the time since it "
        "was answered, e.g. how long the pain has lasted; a check-in reuses it aged",
    )
    expires_past_max: bool = Field(
        default=False,
        description="an aged answer past the maximum means the stored check is too old to "
        "reuse (a pregnancy week past 42), instead of staying at the maximum",
    )
    from_record: bool = Field(
        default=False,
        description="never shown: the app fills it in from the member's stored checks",
    )
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
        if self.checkin and self.triage and self.ask_if:
            raise ValueError("a question of both the triage and the check-in is always asked")
        if self.ages and self.unit not in (Unit.WEEKS, Unit.YEARS):
            raise ValueError("only a number in weeks or years can age")
        if self.expires_past_max and not self.ages:
            raise ValueError("expires_past_max is for an answer that ages")
        if self.from_record and (self.checkin or self.red_flag or self.ask_if):
            raise ValueError(
                "a question from the record is never shown: no red_flag, checkin or ask_if"
            )
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


class Action(_Frozen):
    """Something to do first, e.g. a number to call."""

    id: Slug
    label: Text
    detail: Text
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9][0-9 -]{1,18}$")


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
    label: Text | None = Field(
        default=None, description="replaces the level's short name when this rule decides it"
    )
    title: Text | None = Field(
        default=None, description="replaces the level's title when this rule decides the level"
    )
    actions: tuple[Action, ...] = Field(
        default=(),
        description="replace the level's actions when this rule decides the level (e.g. "
        "the midwife first for a pregnancy warning sign)",
    )
    replaces_level_advice: bool = Field(
        default=False,
        description="when this rule decides the level with its own actions, its advice "
        "replaces the level's (whose wording would send the member elsewhere)",
    )
    source: SourceText

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        for name in ("suitable", "avoid", "conditions"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name}: lists a value twice")
        if self.actions and not self.title:
            raise ValueError("a rule with its own actions needs its own title")
        if self.replaces_level_advice and not (self.actions and self.advice):
            raise ValueError("replaces_level_advice needs the rule's own actions and advice")
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
    recheck_after_examination: bool = Field(
        default=False,
        description="check again only after a doctor has seen you: the next full check "
        "asks whether that happened (question doctor_visit_due)",
    )


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
    questions_version: str = ""
    """A fingerprint of what the questions ask (ids, types, options, ranges, follow-ups);
    stored with every check, so that a check made with other questions is recognised."""

    def question(self, question_id: str) -> Question:
        return self.questions[question_id]

    def rule(self, rule_id: str) -> Rule:
        return next(rule for rule in self.rules if rule.id == rule_id)
