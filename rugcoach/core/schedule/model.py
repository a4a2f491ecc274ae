"""A Schedule: sessions on day offsets, each with items that have stable keys.

Nothing here assumes 4 weeks or weekdays: a 4-week plan, a 7-day recovery plan or a
30-day challenge are all sessions on day offsets from the schedule's first day. An
item's dose is a history of prescription versions: the planner writes the first, a
progression engine or a trainer later add versions with a reason, and "what to do next
time" is the latest.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rugcoach.core.kernel.text import Text
from rugcoach.core.schedule.prescription import Prescription

__all__ = ["Item", "PrescriptionVersion", "Role", "Schedule", "ScheduleSession", "Source"]

Role = Literal["warm-up", "main", "cool-down"]
Source = Literal["planner", "swap", "progression", "progression-swap", "trainer"]
"""Who made a version: the planner, the member's swap, the progression engine (a dose, or
another exercise with the same purpose), a trainer."""

# Versions whose reason says why the dose or the exercise changed (the planner's and a
# member's own swap say why the exercise is in the plan).
EXPLAINED: frozenset[Source] = frozenset({"progression", "progression-swap", "trainer"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PrescriptionVersion(_Frozen):
    number: int = Field(ge=1)
    prescription: Prescription
    reason: Text = Field(description="why this dose (the planner's words, or why it changed)")
    source: Source = "planner"


class Item(_Frozen):
    key: str = Field(description="stable: logs and dose changes point at it")
    order: int = Field(ge=0)
    slug: str
    role: Role
    reason: Text = Field(description="why this exercise, and why this dose")
    focus: str | None = None
    replaces: str | None = None
    step: str = Field(description="the planner's dose step: base, more-reps, progression, …")
    versions: tuple[PrescriptionVersion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _numbered(self) -> Item:
        numbers = [v.number for v in self.versions]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"versions must be numbered 1, 2, …, not {numbers}")
        return self

    @property
    def prescription(self) -> Prescription:
        """What to do next time: the latest version."""
        return self.versions[-1].prescription

    @property
    def why_changed(self) -> Text | None:
        """Why the latest version differs from the plan, when the engine or a trainer
        changed it ("Why this changed" on the plan and in the player)."""
        latest = self.versions[-1]
        return latest.reason if latest.source in EXPLAINED else None


class ScheduleSession(_Frozen):
    key: str = Field(description="stable: logs point at it")
    day_offset: int = Field(ge=0, description="days after the schedule's first day")
    order: int = Field(ge=0, description="the order of sessions on the same day")
    title: Text | None = Field(default=None, description="e.g. the week's theme")
    seconds: int = Field(ge=0)
    items: tuple[Item, ...]
    note: str | None = Field(default=None, description="e.g. 'pregnancy-week:14'")

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items if i.key == key), None)


class Schedule(_Frozen):
    kind: str = Field(description="e.g. 'build-up-4-weeks', 'recovery-7-days'")
    sessions: tuple[ScheduleSession, ...]

    @model_validator(mode="after")
    def _unique_keys(self) -> Schedule:
        keys = [s.key for s in self.sessions] + [i.key for s in self.sessions for i in s.items]
        if len(keys) != len(set(keys)):
            raise ValueError("session and item keys must be unique")
        return self

    @property
    def days(self) -> int:
        return max((s.day_offset for s in self.sessions), default=-1) + 1

    def session(self, key: str) -> ScheduleSession | None:
        return next((s for s in self.sessions if s.key == key), None)
