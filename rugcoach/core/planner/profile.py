"""The planner's input: the member's intake (Profile), self-tests and focus areas.

Pure models, no I/O. Everything serialises with ``model_dump(mode="json")`` and loads back
with ``model_validate``; sets are written sorted, so the same intake gives the same JSON.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_serializer,
    field_validator,
)

from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Equipment, Situation

__all__ = [
    "SESSION_MINUTES",
    "Focus",
    "FocusArea",
    "Profile",
    "Rating",
    "SelfTests",
    "Trigger",
    "Weekday",
]


class Weekday(StrEnum):
    """Training days; the declaration order is the calendar order (Monday first)."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def offset(self) -> int:
        """Days after Monday: 0 for Monday … 6 for Sunday (as ``datetime.weekday()``).

        Not ``index``: a StrEnum member is a ``str``, whose ``index()`` method it would
        shadow with a different signature.
        """
        return _WEEKDAY_OFFSET[self]


_WEEKDAY_OFFSET = {day: offset for offset, day in enumerate(Weekday)}


class Trigger(StrEnum):
    """What sets the complaints off, in the member's own experience (article §1, §3)."""

    LONG_SITTING = "long-sitting"
    STRESS = "stress"
    HEAVY_LOAD = "heavy-load"
    LITTLE_MOVEMENT = "little-movement"
    POOR_SLEEP = "poor-sleep"


class FocusArea(StrEnum):
    """What a plan trains: the cause, not the symptom (article §4, golden rule 2)."""

    GLUTES = "glute-activation"
    DEEP_CORE = "deep-core"
    MOBILITY = "mobility"
    RELAXATION = "relaxation-breathing"
    POSTURE = "posture-habits"
    LOAD = "load-management"


SessionMinutes = Literal[5, 10, 15, 20, 30]
"""The session lengths a member can choose: the one home (the form and API follow it)."""
SESSION_MINUTES: tuple[int, ...] = get_args(SessionMinutes)

Rating = Literal["low", "medium", "high"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _sorted_values(values: frozenset[StrEnum]) -> list[str]:
    return sorted(value.value for value in values)


class Profile(_Frozen):
    """The intake. Editable later; a new intake means a new plan."""

    situation: Situation
    due_date: date | None = Field(
        default=None,
        validate_default=True,
        description="the due date (uitgerekende datum), only when pregnant; the week and "
        "trimester follow from it (rugcoach.core.planner.pregnancy)",
    )
    equipment: frozenset[Equipment] = frozenset()
    minutes_per_session: SessionMinutes
    weekdays: tuple[Weekday, ...] = Field(min_length=1, max_length=7)
    complaint_weeks: int = Field(ge=0, le=520)
    triggers: frozenset[Trigger] = frozenset()

    @field_validator("due_date")
    @classmethod
    def _due_date_iff_pregnant(cls, value: date | None, info: ValidationInfo) -> date | None:
        # Whether the date is plausible depends on today: see pregnancy.due_date_problem,
        # checked where the intake comes in (the form, the API).
        situation = info.data.get("situation")
        if situation is Situation.PREGNANCY and value is None:
            raise ValueError("give the due date when you are pregnant")
        if situation is not None and situation is not Situation.PREGNANCY and value is not None:
            raise ValueError("a due date is only given for the situation 'pregnancy'")
        return value

    @field_validator("weekdays")
    @classmethod
    def _distinct_in_calendar_order(cls, value: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
        if len(set(value)) != len(value):
            raise ValueError("each weekday may be chosen once")
        return tuple(sorted(value, key=lambda day: day.offset))

    @field_serializer("equipment", "triggers")
    def _sorted(self, values: frozenset[StrEnum]) -> list[str]:
        return _sorted_values(values)


class SelfTests(_Frozen):
    """The article's self-tests; every answer is optional (a member may skip a test)."""

    bridge_felt_in: Literal["glutes", "lower-back", "hamstrings"] | None = Field(
        default=None, description="10 glute bridges: where do you feel them? (article §3.3)"
    )
    core_belly_shakes: bool | None = Field(default=None, description="core self-test (§7)")
    core_breath_stops: bool | None = Field(default=None, description="core self-test (§7)")
    core_pelvis_moves: bool | None = Field(default=None, description="core self-test (§7)")
    sitting_hours: int | None = Field(default=None, ge=0, le=24)
    stress: Rating | None = None
    training_load: Rating | None = None
    movement_variety: Rating | None = None


class Focus(_Frozen):
    """One focus area with why, in words the member recognises.

    ``signals`` are the ids of the self-test answers and intake choices behind it (see
    ``content/planner.yaml``), so a trainer can trace the choice.
    """

    area: FocusArea
    reason: Text
    signals: tuple[str, ...] = ()
