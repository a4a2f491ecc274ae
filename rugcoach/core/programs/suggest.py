"""Which programs a safety verdict points to (issue 14 §3).

Each program says in its content whom it suits (``suggested_for``: verdict levels and
triggers), e.g. REST_THEN_REBUILD -> the 7-day recovery plan, stress -> breathe and relax.
This module only matches; it never decides what is safe beyond one rule: a verdict that
forbids training suggests nothing, and a program is only suggested on a level it allows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Protocol, TypeVar

from rugcoach.core.planner.profile import Trigger
from rugcoach.core.triage.conditions import Answer, Level

__all__ = ["CHECK_TRIGGERS", "Suggestible", "suggested", "triggers_from_check"]

# A yes to these safety-check questions tells the trigger (the same answers prefill the
# intake's triggers, plans.selectors.intake_hints): one home for the mapping.
CHECK_TRIGGERS: tuple[tuple[str, Trigger], ...] = (
    ("stress_tension", Trigger.STRESS),
    ("training_load", Trigger.HEAVY_LOAD),
)


class _Suggestion(Protocol):
    @property
    def levels(self) -> Collection[Level]: ...

    @property
    def triggers(self) -> Collection[Trigger]: ...


class Suggestible(Protocol):
    """What matching needs of a program (core.programs.content.Program has it)."""

    @property
    def slug(self) -> str: ...

    @property
    def levels(self) -> Collection[Level]: ...

    @property
    def suggested_for(self) -> _Suggestion: ...


def triggers_from_check(answers: Mapping[str, Answer]) -> frozenset[Trigger]:
    """The triggers a safety check's answers tell (only a plain yes counts)."""
    return frozenset(
        trigger for question, trigger in CHECK_TRIGGERS if answers.get(question) is True
    )


P = TypeVar("P", bound=Suggestible)


def suggested(
    programs: Iterable[P], level: Level, triggers: Collection[Trigger] = ()
) -> tuple[P, ...]:
    """The programs to link from a verdict of ``level`` for a member with ``triggers``.

    A program matches on its suggested levels or on a shared trigger, and only if the
    program allows ``level`` at all. Level matches come first (they answer the verdict
    itself), then trigger matches, each in the given order; no program twice.
    """
    if not level.allows_training:
        return ()
    allowed = [p for p in programs if level in p.levels]
    by_level = [p for p in allowed if level in p.suggested_for.levels]
    taken = {p.slug for p in by_level}
    by_trigger = [
        p
        for p in allowed
        if p.slug not in taken and any(t in p.suggested_for.triggers for t in triggers)
    ]
    return (*by_level, *by_trigger)
