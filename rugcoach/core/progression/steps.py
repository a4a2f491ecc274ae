"""The steps an exercise's dose can take, up and down: the planner's ladder (its
``next_rung`` walked from the base dose) and, below the base, the base with fewer sets.
The progression engine moves doses along these; this module keeps no ladder of its own."""

from __future__ import annotations

from dataclasses import dataclass

from rugcoach.core.library.exercises import Dose
from rugcoach.core.planner.dose import Amount, base_amount, fewer_sets, next_rung
from rugcoach.core.schedule import Prescription

__all__ = ["Steps", "ladder"]

_MAX_RUNGS = 32


def ladder(dose: Dose) -> tuple[Amount, ...]:
    """The exercise's rungs from its base dose: the planner's ``next_rung``, walked."""
    rungs = [base_amount(dose)]
    while len(rungs) < _MAX_RUNGS:
        higher = next_rung(dose, rungs[-1])
        if higher is None:
            break
        rungs.append(higher)
    return tuple(rungs)


def _amount(p: Prescription) -> Amount:
    return Amount(p.sets, p.reps, p.hold_seconds, p.duration_seconds)


@dataclass(frozen=True)
class Steps:
    """The steps an exercise's dose can take: the planner's ladder (``ladder``) with, below
    its base, the base with fewer sets (the planner starts weeks 1–2 there, and a dose that
    hurt at the base goes there before the exercise is swapped). A prescription's ``rung``
    counts from the base, as the planner writes it: negative below it."""

    rungs: tuple[Amount, ...]
    below: int

    @classmethod
    def of(cls, dose: Dose) -> Steps:
        lower = fewer_sets(dose)
        return cls((*lower, *ladder(dose)), len(lower))

    def __len__(self) -> int:
        return len(self.rungs)

    def index(self, p: Prescription) -> int | None:
        if p.rung is not None:
            found = p.rung + self.below
            return found if 0 <= found < len(self.rungs) else None
        try:
            return self.rungs.index(_amount(p))
        except ValueError:
            return None  # shortened off the ladder to fit the minutes

    def one_down(self, p: Prescription) -> int | None:
        """The highest step strictly below a dose: one step down from it. For a dose off
        the steps (the planner shortened its sets to fit the minutes: 2 × 14 where the
        steps go 2 × 12, 3 × 12, 3 × 14), the highest step that is no more in any measure."""
        found = self.index(p)
        if found is not None:
            return found - 1 if found > 0 else None
        done = _amount(p)
        lower = [
            i
            for i, step in enumerate(self.rungs)
            if step.sets <= done.sets
            and all(
                (mine or 0) <= (theirs or 0)
                for mine, theirs in zip(step.measures(), done.measures(), strict=True)
            )
        ]
        return max(lower) if lower else None

    def at(self, p: Prescription, index: int) -> Prescription:
        a = self.rungs[index]
        return p.model_copy(
            update={
                "sets": a.sets,
                "reps": a.reps,
                "hold_seconds": a.hold_seconds,
                "duration_seconds": a.duration_seconds,
                "rung": index - self.below,
            }
        )
