"""The intake's self-tests, offered only to those who may do them.

The guide's glute-bridge test (§3.3) and core test (§7) are done lying on the back. From
week 13 of pregnancy, with acute lumbago, or with a hernia nobody has examined, a member
gets a safe version (side-lying or standing) or the test is skipped with the reason. The
rules, their order and their sources are content (``content/planner.yaml``,
``self_tests``); this module is their schema and the pure choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Condition, Position
from rugcoach.core.library.exercises import Slug
from rugcoach.core.planner.pregnancy import SUPINE_LIMIT_WEEK

__all__ = [
    "SelfTestBlocker",
    "SelfTestId",
    "SelfTestOffer",
    "SelfTestRules",
    "offered_self_tests",
    "self_test_blockers",
]


class SelfTestId(StrEnum):
    BRIDGE = "bridge"
    CORE = "core"


class SelfTestBlocker(StrEnum):
    """What rules out a test lying on the back."""

    PREGNANCY_WEEK_13 = "pregnancy-after-first-trimester"
    ACUTE_PAIN = "acute-pain"
    HERNIA_UNEXAMINED = "hernia-unexamined"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SelfTestVersion(_Frozen):
    """One way to do a test: what the member reads and the figure that shows it."""

    title: Text
    figure: Slug = Field(description="the library exercise whose figure shows the test")
    position: Position
    instruction: Text


class SelfTestAlternative(SelfTestVersion):
    replaces: SelfTestId


class SelfTestRule(_Frozen):
    when: SelfTestBlocker
    tests: tuple[SelfTestId, ...] = Field(min_length=1)
    instead: str | None = Field(
        default=None, description="an alternative's id; none: the test is skipped"
    )
    reason: Text
    source: str = Field(min_length=10)


class SelfTestRules(_Frozen):
    tests: dict[SelfTestId, SelfTestVersion]
    alternatives: dict[str, SelfTestAlternative] = {}
    rules: tuple[SelfTestRule, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> SelfTestRules:
        problems = [f"tests: missing {t.value}" for t in SelfTestId if t not in self.tests]
        for key, alternative in self.alternatives.items():
            if alternative.position in (Position.SUPINE, Position.PRONE):
                problems.append(
                    f"alternatives.{key}: a safe version is not lying on the back or front"
                )
        for number, rule in enumerate(self.rules):
            if rule.instead is None:
                continue
            instead = self.alternatives.get(rule.instead)
            if instead is None:
                problems.append(f"rules.{number}.instead: unknown alternative '{rule.instead}'")
            elif rule.tests != (instead.replaces,):
                problems.append(
                    f"rules.{number}: '{rule.instead}' replaces only "
                    f"{instead.replaces.value}; list that test alone"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self


@dataclass(frozen=True)
class SelfTestOffer:
    """One self-test as this member gets it: the usual version, a safe alternative, or
    skipped (``version`` None) with the reason."""

    test: SelfTestId
    version: SelfTestVersion | None
    reason: Text | None = None
    """Why the usual test is replaced or skipped; None when it is offered as usual."""

    @property
    def skipped(self) -> bool:
        return self.version is None


def self_test_blockers(
    *,
    conditions: Iterable[Condition],
    pregnancy_week: int | None,
    hernia_known: bool,
    hernia_cleared: bool,
) -> frozenset[SelfTestBlocker]:
    """What rules out lying on the back today.

    ``conditions``: the latest full check's conditions (``acute-pain`` for lumbago);
    ``pregnancy_week``: today's week from the due date; ``hernia_known``: a hernia in the
    intake or the check; ``hernia_cleared``: a professional has examined it (the check
    gives the ``hernia`` condition only then).
    """
    found: set[SelfTestBlocker] = set()
    conditions = set(conditions)
    if Condition.ACUTE_PAIN in conditions:
        found.add(SelfTestBlocker.ACUTE_PAIN)
    if pregnancy_week is not None and pregnancy_week >= SUPINE_LIMIT_WEEK:
        found.add(SelfTestBlocker.PREGNANCY_WEEK_13)
    if hernia_known and not hernia_cleared:
        found.add(SelfTestBlocker.HERNIA_UNEXAMINED)
    return frozenset(found)


def offered_self_tests(
    blockers: frozenset[SelfTestBlocker], rules: SelfTestRules
) -> tuple[SelfTestOffer, ...]:
    """Each test as offered: the first rule (in content order) that applies decides."""
    offers = []
    for test in SelfTestId:
        rule = next((r for r in rules.rules if r.when in blockers and test in r.tests), None)
        if rule is None:
            offers.append(SelfTestOffer(test=test, version=rules.tests[test]))
        elif rule.instead is None:
            offers.append(SelfTestOffer(test=test, version=None, reason=rule.reason))
        else:
            alternative = rules.alternatives[rule.instead]
            offers.append(SelfTestOffer(test=test, version=alternative, reason=rule.reason))
    return tuple(offers)
