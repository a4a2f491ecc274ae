"""The schema and loader of ``content/coaching.yaml``: the dashboard alerts' thresholds,
each with the source it comes from."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator

from rugcoach.core.kernel.content_io import load_file
from rugcoach.core.kernel.frozen import Frozen
from rugcoach.core.triage.conditions import Level

__all__ = ["CoachingContent", "load_coaching"]


class Sourced(Frozen):
    source: str = Field(min_length=1, description="the reference or issue the rule comes from")


class RedFlag(Sourced):
    levels: tuple[Level, ...] = Field(min_length=1)

    @field_validator("levels")
    @classmethod
    def _no_training_levels(cls, levels: tuple[Level, ...]) -> tuple[Level, ...]:
        # A red flag is a verdict that stops training; a level that allows it is a typo.
        allowing = [level.value for level in levels if level.allows_training]
        if allowing:
            raise ValueError(f"levels that allow training are no red flag: {allowing}")
        return levels


class SafetySignal(Sourced):
    pass


class SessionLimits(Sourced):
    pain_min: int = Field(ge=1, le=10, description="pain after the session at least this")
    effort_min: int = Field(ge=1, le=10, description="effort of the session at least this")


class MorningLimit(Sourced):
    pain_min: int = Field(ge=1, le=10, description="next-morning pain at least this")


class Inactive(Sourced):
    days: int = Field(ge=1, le=90, description="no training for at least this many days")


class CoachingContent(Frozen):
    window_days: int = Field(ge=1, le=365)
    window_source: str = Field(min_length=1)
    red_flag: RedFlag
    safety_signal: SafetySignal
    session: SessionLimits
    morning: MorningLimit
    inactive: Inactive


def load_coaching(content_dir: Path) -> CoachingContent:
    return load_file(CoachingContent, content_dir, "coaching.yaml")
