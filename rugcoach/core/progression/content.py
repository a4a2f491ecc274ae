"""The schema and loader of ``content/progression.yaml``: every threshold and sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from rugcoach.core.kernel.content_io import load_file
from rugcoach.core.kernel.frozen import Frozen
from rugcoach.core.kernel.text import Text

__all__ = ["RULE_IDS", "ProgramRules", "ProgressionContent", "RuleId", "load_progression"]

RuleId = Literal["P0", "P1", "P2", "R1", "R2", "R3", "R4", "R5", "E1", "E2", "E3", "E4", "H1"]
RULE_IDS: tuple[RuleId, ...] = (
    "P0", "P1", "P2", "R1", "R2", "R3", "R4", "R5", "E1", "E2", "E3", "E4", "H1",
)  # fmt: skip


class Bands(Frozen):
    safe_max: int = Field(ge=0, le=10, description="session peak at most this: P1")
    acceptable_max: int = Field(ge=0, le=10, description="above this: high risk (R1)")

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if self.safe_max >= self.acceptable_max:
            raise ValueError("safe_max must be below acceptable_max")
        return self


class Weeks(Frozen):
    days: int = Field(ge=1)
    rise_min_points: float = Field(gt=0, le=10)


class Steps(Frozen):
    max_up: int = Field(ge=1)
    window_days: int = Field(ge=1)


class Flare(Frozen):
    mild_rise_max: int = Field(ge=1, le=10)


class Physio(Frozen):
    troubled_weeks: int = Field(ge=2)
    no_gain_weeks: int = Field(ge=1)
    gain_min_points: float = Field(gt=0, le=10)
    no_gain_needs_first_week_above: int = Field(ge=0, le=10)


class ProgramRules(Frozen):
    """Programs (issue 14): when held days send a member to a physiotherapist, and the
    sentences that say why a program's exercise changed or left ("{exercise}": its name,
    "{reason}": the planner's or the rule's reason)."""

    source: str = Field(min_length=1)
    physio_after_held_days: int = Field(
        ge=1, description="this many program days in a row held by R1/R2: see a physio"
    )
    instead_of: Text
    dropped: Text


class Rule(Frozen):
    source: str = Field(min_length=1, description="the section of the reference or guide")
    text: Text = Field(description="one sentence: why the plan changed")


class ProgressionContent(Frozen):
    bands: Bands
    weeks: Weeks
    steps: Steps
    too_easy_in_a_row: int = Field(ge=1)
    flare: Flare
    physio: Physio
    programs: ProgramRules
    rules: dict[RuleId, Rule]

    @model_validator(mode="after")
    def _every_rule(self) -> ProgressionContent:
        missing = [rule for rule in RULE_IDS if rule not in self.rules]
        if missing:
            raise ValueError(f"rules missing: {', '.join(missing)}")
        return self


def load_progression(content_dir: Path) -> ProgressionContent:
    return load_file(ProgressionContent, content_dir, "progression.yaml")
