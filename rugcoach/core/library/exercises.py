"""The exercise library's schema: what one exercise in ``content/exercises/`` holds."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from rugcoach.core.figures.pose import Figure
from rugcoach.core.kernel.ids import Slug as Slug  # re-exported: the planner reads it here
from rugcoach.core.kernel.text import Text, TextList, normalize_for_search
from rugcoach.core.kernel.vocabulary import (
    Category,
    Condition,
    Equipment,
    Muscle,
    Position,
    Situation,
)


def _range_from_yaml(value: object) -> object:
    """Let authors write ``12`` or ``[12, 15]``; both become an IntRange."""
    if isinstance(value, bool):
        raise ValueError("expected a number or [low, high]")
    if isinstance(value, int):
        return {"low": value, "high": value}
    if isinstance(value, list | tuple):
        if len(value) != 2:
            raise ValueError("a range is written as [low, high]")
        return {"low": value[0], "high": value[1]}
    return value


class IntRange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    low: int = Field(ge=1, le=600)
    high: int = Field(ge=1, le=600)

    @model_validator(mode="after")
    def _ordered(self) -> IntRange:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


Range = Annotated[IntRange, BeforeValidator(_range_from_yaml)]


class Tempo(BaseModel):
    """Seconds for one repetition: moving out, pausing at the end, coming back."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    move: int = Field(ge=0, le=10)
    pause: int = Field(ge=0, le=60)
    back: int = Field(ge=0, le=10)

    @property
    def seconds_per_rep(self) -> int:
        return self.move + self.pause + self.back


class BreathingPace(BaseModel):
    """Counts for paced breathing (the article: 4 in, 6–8 out)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    inhale: int = Field(ge=1, le=10)
    exhale: int = Field(ge=1, le=12)
    hold: int = Field(default=0, ge=0, le=10)


class Dose(BaseModel):
    """How much of an exercise: sets of reps, holds or a timed block."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sets: Range
    reps: Range | None = None
    hold_seconds: Range | None = None
    duration_seconds: Range | None = None
    per_side: bool = False
    rest_seconds: int = Field(ge=0, le=300)
    tempo: Tempo | None = None
    breathing_pace: BreathingPace | None = None

    @model_validator(mode="after")
    def _has_a_measure(self) -> Dose:
        if self.reps is None and self.hold_seconds is None and self.duration_seconds is None:
            raise ValueError("give reps, hold_seconds or duration_seconds")
        if self.sets.high > 10:
            raise ValueError("sets above 10 is not a dose for a back programme")
        return self


class Reference(BaseModel):
    """A pointer to another exercise, or a short text where no exercise fits."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    slug: Slug | None = None
    text: Text | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Reference:
        if (self.slug is None) == (self.text is None):
            raise ValueError("give either slug or text")
        return self


class Variation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Text
    description: Text
    slug: Slug | None = None


class Contraindication(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    condition: Condition
    reason: Text


class Source(BaseModel):
    """Where the exercise comes from, so a reviewer can check it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    section: str = Field(min_length=1, description="article section, e.g. '5.3' or '6C'")
    note: str | None = None


class Exercise(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    slug: Slug
    name: Text
    aliases: tuple[str, ...] = ()
    category: Category
    goal: Text
    muscles: tuple[Muscle, ...] = Field(min_length=1)
    position: Position
    equipment: tuple[Equipment, ...] = Field(min_length=1)
    dose: Dose
    steps: TextList
    breathing: Text
    tips: TextList = TextList()
    mistakes: TextList = TextList()
    progressions: tuple[Reference, ...] = ()
    regressions: tuple[Reference, ...] = ()
    variations: tuple[Variation, ...] = ()
    situations: tuple[Situation, ...] = ()
    contraindications: tuple[Contraindication, ...] = ()
    level: Literal[1, 2, 3]
    source: Source
    figure: Figure | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if len(self.steps) < 2:
            raise ValueError("steps: give at least two steps")
        if Equipment.NONE in self.equipment and len(self.equipment) > 1:
            raise ValueError("equipment: 'none' cannot be combined with other equipment")
        for field in ("muscles", "equipment", "situations", "aliases"):
            values = getattr(self, field)
            if len(set(values)) != len(values):
                raise ValueError(f"{field}: lists a value twice")
        conditions = [c.condition for c in self.contraindications]
        if len(set(conditions)) != len(conditions):
            raise ValueError("contraindications: lists a condition twice")
        return self

    @cached_property
    def search_text(self) -> str:
        """Every name a person might type, folded for matching (computed once)."""
        names = (self.name.nl, self.name.en, self.slug, *self.aliases)
        return " | ".join(normalize_for_search(name) for name in names)

    @property
    def needs_equipment(self) -> tuple[Equipment, ...]:
        return tuple(item for item in self.equipment if item is not Equipment.NONE)

    def referenced_slugs(self) -> set[str]:
        refs: tuple[Reference | Variation, ...] = (
            *self.progressions,
            *self.regressions,
            *self.variations,
        )
        return {ref.slug for ref in refs if ref.slug}


class NotAdvised(BaseModel):
    """An exercise the article warns against, with the safer choices it gives instead."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    slug: Slug
    name: Text
    aliases: tuple[str, ...] = ()
    why: Text
    instead: tuple[Slug, ...] = Field(min_length=1)
    source: Source

    @cached_property
    def search_text(self) -> str:
        names = (self.name.nl, self.name.en, self.slug, *self.aliases)
        return " | ".join(normalize_for_search(name) for name in names)
