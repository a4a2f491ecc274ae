"""The planner's output: a 4-week Plan (or NoPlan), as frozen, JSON-ready models.

``plan.model_dump(mode="json")`` gives plain JSON with ``{nl, en}`` texts, and
``Plan.model_validate(data)`` reads it back equal to the original.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rugcoach.core.kernel.text import Text
from rugcoach.core.planner.profile import Focus, FocusArea, Weekday
from rugcoach.core.triage.schema import Level

__all__ = [
    "PLAN_VERSION",
    "Excluded",
    "NoPlan",
    "Plan",
    "PlanError",
    "PlanItem",
    "Role",
    "Session",
    "Step",
    "Week",
    "day_offset",
    "session_day",
]

PLAN_VERSION = 3
"""Bumped when the planner's choices change, so a stored plan can say how it was made."""

Role = Literal["warm-up", "main", "cool-down"]
Step = Literal[
    "warm-up",
    "cool-down",
    "base",
    "more-reps",
    "extra-set",
    "more-reps-extra-set",
    "hold",
    "progression",
    "variation",
    "swapped",
]
"""Why this dose, for machines: the dose step an item is at (see docs/planner.md)."""
ExclusionCause = Literal["contraindication", "avoid", "position", "verdict", "equipment", "level"]


class PlanError(ValueError):
    """A request the plan cannot honour (an unknown week or day, a swap not allowed)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlanItem(_Frozen):
    """One exercise in a session, with its dose, its time and why it is there."""

    slug: str
    role: Role
    sets: int = Field(ge=1)
    reps: int | None
    hold_seconds: int | None
    duration_seconds: int | None
    per_side: bool
    rest_seconds: int = Field(ge=0, description="between two sets")
    seconds: int = Field(ge=0, description="estimated time: all sets plus rest between them")
    work_seconds: int = Field(ge=0, description="working time without rest: the volume")
    reason: Text
    step: Step = Field(description="the dose step: base, more-reps, progression, …")
    focus: FocusArea | None = Field(default=None, description="the focus area a main serves")
    replaces: str | None = Field(
        default=None, description="the exercise this one progresses from or was swapped for"
    )


class Session(_Frozen):
    weekday: Weekday
    items: tuple[PlanItem, ...]
    seconds: int = Field(ge=0, description="items plus the transitions between them")
    pregnancy_week: int | None = Field(
        default=None,
        ge=0,
        description="pregnant members: the week of pregnancy on the session's day; from "
        "week 13 the session has no exercises lying flat on the back",
    )

    @property
    def work_seconds(self) -> int:
        return sum(item.work_seconds for item in self.items)

    def item(self, slug: str) -> PlanItem | None:
        return next((item for item in self.items if item.slug == slug), None)


class Week(_Frozen):
    number: int = Field(ge=1, le=4)
    theme: Text
    sessions: tuple[Session, ...]

    @property
    def work_seconds(self) -> int:
        """The week's total volume (working time of every item of every session)."""
        return sum(session.work_seconds for session in self.sessions)

    def session(self, weekday: Weekday) -> Session | None:
        return next((s for s in self.sessions if s.weekday is weekday), None)


class Excluded(_Frozen):
    """An exercise the plan leaves out, and why (the first reason that applies)."""

    slug: str
    reason: Text
    cause: ExclusionCause


class Plan(_Frozen):
    version: int = PLAN_VERSION
    level: Level = Field(description="the triage level the plan was built for")
    minutes_per_session: int
    weeks: tuple[Week, ...] = Field(min_length=4, max_length=4)
    focus: tuple[Focus, ...]
    reasons: tuple[Text, ...] = Field(description="the plan's choices, explained")
    excluded: tuple[Excluded, ...]

    def week(self, number: int) -> Week:
        if not 1 <= number <= len(self.weeks):
            raise PlanError(f"week must be 1 to {len(self.weeks)}, not {number}")
        return self.weeks[number - 1]

    @property
    def slugs(self) -> tuple[str, ...]:
        """Every exercise in the plan, in order of first appearance."""
        found = (item.slug for w in self.weeks for s in w.sessions for item in s.items)
        return tuple(dict.fromkeys(found))


class NoPlan(_Frozen):
    """The verdict forbids training: no plan, the verdict's title and advice instead."""

    level: Level
    reason: Text
    advice: tuple[Text, ...] = ()


def day_offset(week: int, weekday: Weekday) -> int:
    """Days from the Monday of week 1 to a plan's session in ``week`` on ``weekday``."""
    return 7 * (week - 1) + weekday.offset


def session_day(starts_on: date, week: int, weekday: Weekday) -> date:
    """The date of a plan's session: ``starts_on`` is the Monday of week 1."""
    return starts_on + timedelta(days=day_offset(week, weekday))
