"""The triage's building blocks: answers, levels, and the conditions rules are made of.

Split from ``triage_schema`` so that each module stays one idea: this one says what a
condition on the answers is and when it holds; the schema module says what the content
files hold. Both are re-exported from ``rugcoach.core.triage.schema``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    Tag,
    model_validator,
)

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", max_length=60)]
RuleId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$", max_length=40)]
SourceText = Annotated[str, Field(min_length=3, max_length=400)]
T = TypeVar("T")

Answer = bool | int | str
"""One answer: ``bool`` for yes/no, ``int`` for numbers, an option value for choices."""


class Level(StrEnum):
    """The seven verdict levels; the declaration order is most severe first."""

    EMERGENCY = "EMERGENCY"
    GP_TODAY = "GP_TODAY"
    GP_SOON = "GP_SOON"
    PHYSIO = "PHYSIO"
    REST_THEN_REBUILD = "REST_THEN_REBUILD"
    TRAIN_ADAPTED = "TRAIN_ADAPTED"
    TRAIN = "TRAIN"

    @property
    def severity(self) -> int:
        """7 for EMERGENCY down to 1 for TRAIN: higher is more severe."""
        return _SEVERITY[self]

    @property
    def allows_training(self) -> bool:
        """Whether the app may offer exercises (REST_THEN_REBUILD: gentle ones only)."""
        return self in _TRAINING_LEVELS

    @property
    def needs_action(self) -> bool:
        """Whether the verdict leads with an action block (whom to call) instead of text."""
        return self.severity >= _SEVERITY[Level.GP_SOON]

    @classmethod
    def most_severe(cls, levels: Iterable[Level]) -> Level:
        return max(levels, key=_SEVERITY.__getitem__)


_SEVERITY: dict[Level, int] = {level: 7 - index for index, level in enumerate(Level)}
_TRAINING_LEVELS = frozenset({Level.REST_THEN_REBUILD, Level.TRAIN_ADAPTED, Level.TRAIN})


def _non_empty(value: tuple[Any, ...]) -> tuple[Any, ...]:
    if not value:
        raise ValueError("give at least one condition")
    return value


# Checked after the items, so that one bad item is not also reported as "too short".
NonEmpty = Annotated[T, AfterValidator(_non_empty)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# --- conditions -------------------------------------------------------------------------


class Match(_Frozen):
    """One test on one answer: ``equals``, ``in``, or ``at_least``/``at_most`` (a range)."""

    question: Identifier
    equals: StrictBool | StrictInt | StrictStr | None = None
    one_of: tuple[StrictStr | StrictInt, ...] | None = Field(default=None, alias="in", min_length=1)
    at_least: StrictInt | None = None
    at_most: StrictInt | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Match:
        has_range = self.at_least is not None or self.at_most is not None
        if (self.equals is not None) + (self.one_of is not None) + has_range != 1:
            raise ValueError("give exactly one test: equals, in, or at_least/at_most")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError(f"at_least ({self.at_least}) is above at_most ({self.at_most})")
        return self

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        value = answers.get(self.question)
        if value is None:
            return False
        if self.equals is not None:
            return value == self.equals
        if self.one_of is not None:
            return value in self.one_of
        if self.at_least is not None and value < self.at_least:  # type: ignore[operator]
            return False
        return not (self.at_most is not None and value > self.at_most)  # type: ignore[operator]

    def matches(self) -> Iterator[Match]:
        yield self


class AllOf(_Frozen):
    """Every condition in ``all`` holds (for nesting inside ``at_least_n``)."""

    conditions: NonEmpty[tuple[Condition, ...]] = Field(alias="all")

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        return all(condition.holds(answers) for condition in self.conditions)

    def matches(self) -> Iterator[Match]:
        for condition in self.conditions:
            yield from condition.matches()


class AtLeastN(_Frozen):
    """At least ``at_least_n`` of the conditions in ``of`` hold (1 means "any of")."""

    at_least_n: int = Field(ge=1)
    of: NonEmpty[tuple[Condition, ...]]

    @model_validator(mode="after")
    def _reachable(self) -> AtLeastN:
        if self.at_least_n > len(self.of):
            raise ValueError(f"at_least_n is {self.at_least_n} but only {len(self.of)} given")
        return self

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        count = 0
        for condition in self.of:
            if condition.holds(answers):
                count += 1
                if count >= self.at_least_n:
                    return True
        return False

    def matches(self) -> Iterator[Match]:
        for condition in self.of:
            yield from condition.matches()


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        if "question" in value:
            return "match"
        if "all" in value:
            return "all"
        if "at_least_n" in value or "of" in value:
            return "count"
        return None
    kinds: dict[type, str] = {Match: "match", AllOf: "all", AtLeastN: "count"}
    return kinds.get(type(value))


Condition = Annotated[
    Annotated[Match, Tag("match")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AtLeastN, Tag("count")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="a condition needs 'question', 'all' or 'at_least_n' with 'of'",
    ),
]
AllOf.model_rebuild()
AtLeastN.model_rebuild()


def all_hold(conditions: tuple[Condition, ...], answers: Mapping[str, Answer]) -> bool:
    return all(condition.holds(answers) for condition in conditions)
