"""The planner's content (``content/planner.yaml``): its schema, loader and text templates.

Which exercises serve which focus area, which self-test answer points to which cause,
the warm-up and cool-down pools, the equipment rule and every sentence a member reads
are content, reviewed like code. This module only checks and reads them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rugcoach.core.kernel.content_io import ContentError, read_yaml, validate_model
from rugcoach.core.kernel.text import LANGUAGES, Text
from rugcoach.core.kernel.vocabulary import Category, Condition, Equipment, Position, Situation
from rugcoach.core.library.exercises import Exercise, Slug
from rugcoach.core.planner.profile import FocusArea, Weekday
from rugcoach.core.planner.selftests import SelfTestRules

__all__ = [
    "COOL_DOWN_CATEGORIES",
    "SIGNALS",
    "TEXTS",
    "WARM_UP_CATEGORIES",
    "ContentError",
    "PlannerContent",
    "check_against_library",
    "fill",
    "load_planner_content",
]

# The signals the code can raise (rugcoach/core/planner/focus.py); content gives each an
# area, a weight and the sentence the member reads. The loader insists both sides agree.
SIGNALS: frozenset[str] = frozenset(
    {
        "bridge-lower-back",
        "bridge-hamstrings",
        "core-belly-shakes",
        "core-breath-stops",
        "breath-held",
        "core-pelvis-moves",
        "sitting-long-posture",
        "sitting-long-stiff",
        "sitting-some",
        "stress-high",
        "stress-medium",
        "load-high",
        "load-medium",
        "variety-low",
        "trigger-long-sitting",
        "trigger-stress",
        "trigger-heavy-load",
        "trigger-little-movement",
        "trigger-poor-sleep",
        "chronic-core",
        "chronic-glutes",
        "situation-home",
        "situation-fitness-ball",
        "situation-hernia-lumbago",
        "situation-gym",
        "situation-pregnancy",
        "default-mobility",
        "default-deep-core",
    }
)

# Every template the code fills, with the placeholders it may use.
TEXTS: dict[str, frozenset[str]] = {
    "item.main": frozenset({"area", "goal"}),
    "item.warm-up": frozenset({"goal"}),
    "item.cool-down": frozenset({"goal"}),
    "item.swapped": frozenset({"previous"}),
    "dose.base": frozenset(),
    "dose.warm-up": frozenset(),
    "dose.cool-down": frozenset(),
    "dose.more-reps": frozenset(),
    "dose.extra-set": frozenset(),
    "dose.more-reps-extra-set": frozenset(),
    "dose.hold": frozenset({"minutes"}),
    "dose.progression": frozenset({"previous"}),
    "dose.variation": frozenset({"previous"}),
    "dose.shortened": frozenset({"minutes"}),
    "plan.days": frozenset({"count", "days"}),
    "plan.days-few": frozenset(),
    "plan.days-many": frozenset(),
    "plan.minutes": frozenset({"minutes"}),
    "plan.short": frozenset({"minutes"}),
    "plan.structure": frozenset(),
    "plan.equipment": frozenset({"equipment"}),
    "plan.equipment-situation": frozenset({"equipment"}),
    "plan.adapted": frozenset(),
    "plan.gentle": frozenset(),
    "plan.conditions": frozenset({"conditions"}),
    "focus.not-allowed": frozenset({"area", "reason"}),
    "focus.no-room": frozenset({"area", "minutes", "count", "weeks"}),
    "focus.left-out": frozenset({"area", "reason", "most"}),
    "plan.pregnancy-week": frozenset({"week", "due_date"}),
    "plan.pregnancy-supine": frozenset({"limit"}),
    "plan.pregnancy-switch": frozenset({"limit", "plan_week", "date"}),
    "excluded.equipment": frozenset({"equipment"}),
    "excluded.verdict-gentle": frozenset(),
    "excluded.verdict-avoid": frozenset({"reason"}),
    "excluded.level": frozenset(),
    "no-plan.nothing-fits": frozenset(),
    "word.and": frozenset(),
}

WARM_UP_CATEGORIES = frozenset({Category.MOBILITY, Category.ACTIVATION})
COOL_DOWN_CATEGORIES = frozenset(
    {Category.RELAXATION, Category.BREATHING, Category.MOBILITY, Category.RECOVERY}
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FocusAreaContent(_Frozen):
    label: Text
    tip: Text = Field(description="a habit for the plan's reasons (article §8, §9)")
    exercises: tuple[Slug, ...] = Field(
        min_length=1, description="the pool, most suitable first (ties keep this order)"
    )


class Signal(_Frozen):
    area: FocusArea
    weight: int = Field(ge=1, le=5)
    reason: Text


class Avoid(_Frozen):
    """Exercises or positions left out for a condition, beside the library's own list."""

    condition: Condition
    exercises: tuple[Slug, ...] = ()
    positions: tuple[Position, ...] = ()
    reason: Text
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _something(self) -> Avoid:
        if not self.exercises and not self.positions:
            raise ValueError("give exercises or positions to avoid")
        return self


class EquipmentRule(_Frozen):
    always_at_hand: tuple[Equipment, ...] = Field(min_length=1)
    by_situation: dict[Situation, tuple[Equipment, ...]] = {}


class ImpliedConditions(_Frozen):
    by_situation: dict[Situation, tuple[Condition, ...]] = {}
    by_trimester: dict[Literal[1, 2, 3], tuple[Condition, ...]] = {}


class WeekContent(_Frozen):
    theme: Text


class PlannerContent(_Frozen):
    """``content/planner.yaml``, validated. See ``docs/planner.md``."""

    equipment: EquipmentRule
    implied_conditions: ImpliedConditions
    avoid: tuple[Avoid, ...] = ()
    max_level: Literal[1, 2, 3] = Field(description="the highest level a starter plan uses")
    max_focus_areas: int = Field(ge=1, le=6)
    focus_areas: dict[FocusArea, FocusAreaContent]
    signals: dict[str, Signal]
    warm_up: tuple[Slug, ...] = Field(min_length=1)
    cool_down: tuple[Slug, ...] = Field(min_length=1)
    weeks: tuple[WeekContent, ...] = Field(min_length=4, max_length=4)
    weekdays: dict[Weekday, Text]
    texts: dict[str, Text]
    self_tests: SelfTestRules

    @model_validator(mode="after")
    def _complete(self) -> PlannerContent:
        problems: list[str] = []
        missing = [area.value for area in FocusArea if area not in self.focus_areas]
        if missing:
            problems.append(f"focus_areas: missing {', '.join(missing)}")
        missing = [day.value for day in Weekday if day not in self.weekdays]
        if missing:
            problems.append(f"weekdays: missing {', '.join(missing)}")
        for name, known, given in (
            ("signals", SIGNALS, set(self.signals)),
            ("texts", set(TEXTS), set(self.texts)),
        ):
            if given - known:
                problems.append(f"{name}: unknown {', '.join(sorted(given - known))}")
            if known - given:
                problems.append(f"{name}: missing {', '.join(sorted(known - given))}")
        for text_id, text in self.texts.items():
            allowed = TEXTS.get(text_id, frozenset())
            for language in LANGUAGES:
                used = _placeholders(text.get(language))
                if used - allowed:
                    problems.append(
                        f"texts.{text_id}.{language}: unknown placeholder "
                        f"{', '.join(sorted(used - allowed))}"
                    )
            if _placeholders(text.nl) != _placeholders(text.en):
                problems.append(f"texts.{text_id}: nl and en use different placeholders")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def text(self, text_id: str, **values: object) -> Text:
        return fill(self.texts[text_id], **values)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def fill(template: Text, **values: object) -> Text:
    """Fill ``{name}`` placeholders per language; a Text value gives its own language."""
    return Text(
        nl=template.nl.format_map({k: _in(v, "nl") for k, v in values.items()}),
        en=template.en.format_map({k: _in(v, "en") for k, v in values.items()}),
    )


def _in(value: object, language: str) -> object:
    return value.get(language) if isinstance(value, Text) else value


def check_against_library(content: PlannerContent, exercises: Mapping[str, Exercise]) -> list[str]:
    """Cross-check slugs and categories against the exercise library ('field: message')."""
    problems: list[str] = []

    def known(where: str, slugs: tuple[str, ...]) -> None:
        if len(set(slugs)) != len(slugs):
            problems.append(f"{where}: lists an exercise twice")
        problems.extend(f"{where}: unknown exercise '{s}'" for s in slugs if s not in exercises)

    for area, item in content.focus_areas.items():
        known(f"focus_areas.{area.value}.exercises", item.exercises)
    rules = content.self_tests
    for key, version in (
        *((f"tests.{t.value}", v) for t, v in rules.tests.items()),
        *((f"alternatives.{k}", v) for k, v in rules.alternatives.items()),
    ):
        known(f"self_tests.{key}.figure", (version.figure,))
        figure = exercises.get(version.figure)
        if figure is not None and figure.position is not version.position:
            problems.append(
                f"self_tests.{key}.position: {version.position.value}, but the figure "
                f"'{version.figure}' is {figure.position.value}"
            )
    for index, avoid in enumerate(content.avoid):
        known(f"avoid.{index}.exercises", avoid.exercises)
    for field, slugs, categories in (
        ("warm_up", content.warm_up, WARM_UP_CATEGORIES),
        ("cool_down", content.cool_down, COOL_DOWN_CATEGORIES),
    ):
        known(field, slugs)
        problems.extend(
            f"{field}: '{slug}' is {exercises[slug].category.value}, not a {field} category"
            for slug in slugs
            if slug in exercises and exercises[slug].category not in categories
        )
    return problems


def load_planner_content(
    content_dir: Path, exercises: Mapping[str, Exercise] | None = None
) -> PlannerContent:
    """Read and validate ``planner.yaml``; with ``exercises``, also cross-check slugs.

    Raises ContentError listing every problem as 'content/planner.yaml: field: message'.
    """
    path = content_dir / "planner.yaml"
    root = content_dir.parent
    where = str(path.relative_to(root))
    problems: list[str] = []
    content = validate_model(PlannerContent, read_yaml(path, root, problems), where, problems)
    if content is not None and exercises is not None:
        problems.extend(f"{where}: {p}" for p in check_against_library(content, exercises))
    if problems or content is None:
        raise ContentError(problems or [f"{where}: empty"])
    return content
