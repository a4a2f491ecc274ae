"""The schema and loader of ``content/outcomes.yaml``: the progress page's thresholds."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator

from rugcoach.core.kernel.content_io import load_file
from rugcoach.core.kernel.frozen import Frozen
from rugcoach.core.kernel.text import Text

__all__ = ["OutcomesContent", "load_outcomes"]


class Sourced(Frozen):
    source: str = Field(min_length=1, description="the reference or issue the rule comes from")


class NprsChange(Sourced):
    points: int = Field(ge=1, le=10, description="a fall of at least this many points …")
    percent: int = Field(ge=1, le=100, description="… or of at least this share of the first")


class Psfs(Sourced):
    activities_min: int = Field(ge=1, le=10)
    activities_max: int = Field(ge=1, le=10)
    average_points: float = Field(gt=0, le=10, description="MDC90 of the average")
    single_points: float = Field(gt=0, le=10, description="MDC90 of one activity")
    question: Text
    scale: Text

    @model_validator(mode="after")
    def _ordered(self) -> Psfs:
        if self.activities_min > self.activities_max:
            raise ValueError("activities_min must not be above activities_max")
        return self


class PsfsDue(Sourced):
    every_days: int = Field(ge=1)


class Streak(Sourced):
    rest_days: int = Field(ge=0, le=6)


class OutcomesContent(Frozen):
    nprs_change: NprsChange
    psfs: Psfs
    psfs_due: PsfsDue
    streak: Streak


def load_outcomes(content_dir: Path) -> OutcomesContent:
    return load_file(OutcomesContent, content_dir, "outcomes.yaml")
