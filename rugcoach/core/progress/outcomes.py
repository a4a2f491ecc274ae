"""The outcome measures (clinical reference §6): NPRS change and the PSFS.

NPRS: the pain (0–10) of the check-in before a session. The change compares the first
session's score with the latest. A fall is meaningful from ``points`` points or
``percent`` % of the first score (Ostelo 2008, a threshold for improvement); a rise is
meaningful from ``points`` points (a percentage of a low start would call a rise of one
point meaningful).

PSFS: 3–5 activities the member names, each rated 0 (cannot do it) to 10 (as before);
the score is their average. Higher is better. A change of the average is meaningful from
``average_points`` and of one activity from ``single_points`` (MDC90, Stratford 1995).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from rugcoach.core.kernel.text import normalize_for_search
from rugcoach.core.progress.content import NprsChange, Psfs

__all__ = [
    "ActivityChange",
    "Direction",
    "PainChange",
    "PsfsChange",
    "Rating",
    "nprs_change",
    "psfs_average",
    "psfs_change",
    "psfs_due",
]

Direction = Literal["better", "worse", "same"]


@dataclass(frozen=True)
class PainChange:
    first: int
    latest: int
    direction: Direction
    points: int
    """How many points the pain moved (never negative)."""
    percent: int | None
    """The move as a share of the first score, rounded; None when the first was 0."""
    meaningful: bool


def nprs_change(first: int, latest: int, rule: NprsChange) -> PainChange:
    moved = abs(latest - first)
    direction: Direction = "same" if moved == 0 else ("better" if latest < first else "worse")
    percent = round(100 * moved / first) if first else None
    if direction == "better":
        # Integer test, so 30 % of 10 (3 points) counts exactly.
        meaningful = moved >= rule.points or 100 * moved >= rule.percent * first
    else:
        meaningful = direction == "worse" and moved >= rule.points
    return PainChange(first, latest, direction, moved, percent, meaningful)


@dataclass(frozen=True)
class Rating:
    name: str
    score: int


def psfs_average(ratings: Sequence[Rating]) -> float:
    return round(sum(r.score for r in ratings) / len(ratings), 1) if ratings else 0.0


@dataclass(frozen=True)
class ActivityChange:
    name: str
    first: int
    latest: int
    meaningful: bool

    @property
    def direction(self) -> Direction:
        if self.latest == self.first:
            return "same"
        return "better" if self.latest > self.first else "worse"


@dataclass(frozen=True)
class PsfsChange:
    first: float
    latest: float
    direction: Direction
    meaningful: bool
    activities: tuple[ActivityChange, ...]
    """The activities rated both times (matched by name), in the latest's order."""


def psfs_change(first: Sequence[Rating], latest: Sequence[Rating], rule: Psfs) -> PsfsChange:
    before, after = psfs_average(first), psfs_average(latest)
    # Compare in tenths: the averages are rounded to one decimal.
    delta = round((after - before) * 10)
    direction: Direction = "same" if delta == 0 else ("better" if delta > 0 else "worse")
    earlier = {normalize_for_search(r.name): r.score for r in first}
    activities = tuple(
        ActivityChange(
            r.name,
            earlier[key],
            r.score,
            abs(r.score - earlier[key]) >= rule.single_points,
        )
        for r in latest
        if (key := normalize_for_search(r.name)) in earlier
    )
    meaningful = abs(delta) >= round(rule.average_points * 10)
    return PsfsChange(before, after, direction, meaningful, activities)


def psfs_due(last: date | None, today: date, every_days: int) -> bool:
    """At the start (none yet) and again once ``every_days`` have passed since the last."""
    return last is None or (today - last).days >= every_days
