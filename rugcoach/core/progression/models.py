"""The engine's inputs (a member's history) and its output (what to do next time)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from rugcoach.core.kernel.frozen import Frozen
from rugcoach.core.kernel.text import Text
from rugcoach.core.progression.content import RuleId
from rugcoach.core.schedule import Prescription, PrescriptionVersion

__all__ = [
    "Action",
    "CheckIn",
    "Evaluation",
    "ExerciseLog",
    "FollowUp",
    "ItemDecision",
    "Outcome",
    "Reason",
    "SessionLog",
    "Status",
]

Pain = int
Outcome = Literal["done", "too_easy", "right", "too_hard", "hurt"]
Status = Literal["active", "held", "reduced", "paused-advise-physio", "stopped"]
Action = Literal["unchanged", "progress", "regress", "swap", "advance"]
"""``swap``: the caller picks another exercise with the same purpose (the planner's
alternatives); ``advance``: the top of the ladder, the caller moves to the exercise's
progression."""


class ExerciseLog(Frozen):
    """One exercise of a session as the member did it."""

    item_key: str
    slug: str
    prescription: Prescription = Field(description="the dose the member did")
    outcome: Outcome
    pain: Pain | None = Field(default=None, ge=0, le=10)
    where: str | None = Field(default=None, description="where it hurt, as the member said")


class FollowUp(Frozen):
    """'How is your back compared with before the session?'"""

    feeling: Literal["better", "same", "worse"]
    pain: Pain = Field(ge=0, le=10)
    stiffness: Pain | None = Field(default=None, ge=0, le=10)


class SessionLog(Frozen):
    session_key: str
    on: date
    baseline: Pain = Field(ge=0, le=10, description="pain before the session")
    peak: Pain = Field(ge=0, le=10, description="the highest pain during the session")
    after: Pain | None = Field(default=None, ge=0, le=10)
    effort: int | None = Field(default=None, ge=0, le=10)
    exercises: tuple[ExerciseLog, ...] = ()
    next_morning: FollowUp | None = None
    later: FollowUp | None = Field(default=None, description="the 48-hour follow-up")


class CheckIn(Frozen):
    """The check-in before a session: 'clearly worse 24–48 h after your last session?'"""

    on: date
    clearly_worse: bool


class Reason(Frozen):
    rule: RuleId
    text: Text


class ItemDecision(Frozen):
    """One item of the next session: what to do, and why when it changed."""

    item_key: str
    slug: str
    action: Action
    prescription: Prescription = Field(description="what to do next time")
    version: PrescriptionVersion | None = Field(
        default=None, description="the new version to add to the item; None when unchanged"
    )
    reason: Reason | None = None


class Evaluation(Frozen):
    status: Status
    reasons: tuple[Reason, ...] = Field(description="the plan-wide rules that fired")
    session_key: str | None = Field(description="the next session; None when none is left")
    items: tuple[ItemDecision, ...]
    safety_signal: bool = Field(description="R4: stored now, an alert for trainers later")
    recheck_on: date | None = None

    @property
    def changes(self) -> tuple[ItemDecision, ...]:
        return tuple(item for item in self.items if item.action != "unchanged")
