"""What a member may do: conditions, equipment at hand, and the verdict's limits.

Every exercise either passes every constraint or is *excluded* with the first reason that
applies, in this order: the library's contraindication for one of the member's
conditions, the planner's own avoid lists (``content/planner.yaml``: exercises and
positions per condition), the verdict (its rules' ``avoid`` lists, or, for
REST_THEN_REBUILD, anything outside its gentle list), equipment the member lacks, and a
level above what a starter plan uses.

The per-catalog work (rule lookup, orderings) and each distinct set of constraints are
computed once and cached, keyed on the catalog and content objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Condition, Equipment, Situation, Vocabulary
from rugcoach.core.library.exercises import Exercise
from rugcoach.core.planner.content import PlannerContent
from rugcoach.core.planner.models import Excluded
from rugcoach.core.planner.pregnancy import trimester_of
from rugcoach.core.planner.profile import Profile
from rugcoach.core.triage.engine import Verdict
from rugcoach.core.triage.schema import Level, Rule, TriageContent

__all__ = [
    "Constraints",
    "Index",
    "available_equipment",
    "constraints_for",
    "index_for",
    "join_labels",
    "member_conditions",
]


def member_conditions(
    profile: Profile,
    verdict: Verdict,
    content: PlannerContent,
    pregnancy_week: int | None = None,
) -> tuple[Condition, ...]:
    """The verdict's conditions plus those the intake implies, in vocabulary order.

    A pregnancy's conditions depend on the week on the day of the session
    (``pregnancy_week``); without it the latest trimester applies (the safe side). That
    holds too for a pregnancy known only from the check (no due date in an intake): the
    one home of that rule (plans and programs both come here).
    """
    implied = content.implied_conditions
    found = set(verdict.conditions)
    found.update(implied.by_situation.get(profile.situation, ()))
    pregnant = profile.due_date is not None or Condition.PREGNANCY in found
    if pregnant:
        trimester = 3 if pregnancy_week is None else trimester_of(pregnancy_week)
        found.update(implied.by_trimester.get(trimester, ()))
    return tuple(condition for condition in Condition if condition in found)


def available_equipment(profile: Profile, content: PlannerContent) -> frozenset[Equipment]:
    """What counts as at hand: the household basics, the situation's kit, the ticked items."""
    rule = content.equipment
    return frozenset(
        (*rule.always_at_hand, *rule.by_situation.get(profile.situation, ()), *profile.equipment)
    )


@dataclass(frozen=True)
class Constraints:
    """Everything that limits the choice of exercises, in a hashable form."""

    situation: Situation
    conditions: tuple[Condition, ...]
    equipment: frozenset[Equipment]
    gentle_only: tuple[str, ...] | None
    """REST_THEN_REBUILD: only these (the verdict's own gentle list)."""
    avoid_rules: tuple[str, ...]
    """Ids of the verdict's fired rules that have an ``avoid`` list."""
    prefer: tuple[str, ...]
    """The verdict's list when a winning rule chose it (e.g. pregnancy, hernia): first."""


@dataclass
class Allowed:
    slugs: frozenset[str]
    excluded: tuple[Excluded, ...]
    order: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Per allowed slug: (level, not preferred, not for the situation) — the sort key."""
    candidates: dict[Any, list[str]] = field(default_factory=dict)
    """Per focus area: its allowed exercises in the planner's order (filled on use)."""
    basics: dict[Any, list[str]] = field(default_factory=dict)
    """Per focus area: the candidates at the lowest level (filled on use)."""


_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


class Catalog(Protocol):
    """What the planner reads of ``rugcoach.core.catalog.Catalog``.

    A protocol, so the planner stays below the catalog that loads its content (no import
    up, no cycle).
    """

    @property
    def vocabulary(self) -> Vocabulary: ...

    @property
    def exercises(self) -> Mapping[str, Exercise]: ...

    @property
    def triage(self) -> TriageContent: ...


class Index:
    """Per (catalog, content): lookups and caches that do not depend on the member."""

    def __init__(self, catalog: Catalog, content: PlannerContent) -> None:
        self.catalog = catalog
        self.content = content
        self.exercises: Mapping[str, Exercise] = catalog.exercises
        self.rules: dict[str, Rule] = {rule.id: rule for rule in catalog.triage.rules}
        self.related: dict[str, frozenset[str]] = _related(catalog.exercises)
        self.allowed_cache: dict[Constraints, Allowed] = {}
        self.items: dict[tuple[Any, ...], Any] = {}
        self.seconds: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.sessions: dict[tuple[Any, ...], Any] = {}
        self.raises: dict[tuple[Any, ...], Any] = {}
        self.reasons: dict[tuple[Any, ...], tuple[Text, ...]] = {}
        self.excluded: dict[tuple[Any, ...], Excluded] = {}
        self.texts: dict[tuple[Any, ...], Text] = {}

    @staticmethod
    def remember(cache: dict[_Key, _Value], key: _Key, value: _Value) -> _Value:
        """Store in a memo cache, emptying it first when it is full (bounded memory)."""
        if len(cache) >= _MAX_CACHED:
            cache.clear()
        cache[key] = value
        return value

    def name(self, slug: str) -> Text:
        return self.exercises[slug].name

    def allowed(self, constraints: Constraints) -> Allowed:
        found = self.allowed_cache.get(constraints)
        if found is None:
            found = self.remember(self.allowed_cache, constraints, _allowed(self, constraints))
        return found


_INDEXES: dict[tuple[int, int], tuple[Catalog, PlannerContent, Index]] = {}
_MAX_INDEXES = 8
_MAX_CACHED = 8192


def index_for(catalog: Catalog, content: PlannerContent) -> Index:
    """The cached Index for these objects (keyed on identity; they are immutable)."""
    key = (id(catalog), id(content))
    entry = _INDEXES.get(key)
    if entry is not None and entry[0] is catalog and entry[1] is content:
        return entry[2]
    if len(_INDEXES) >= _MAX_INDEXES:
        _INDEXES.pop(next(iter(_INDEXES)))
    index = Index(catalog, content)
    _INDEXES[key] = (catalog, content, index)
    return index


def constraints_for(
    profile: Profile, verdict: Verdict, index: Index, pregnancy_week: int | None = None
) -> Constraints:
    rules = [index.rules[r.rule] for r in verdict.reasons if r.rule in index.rules]
    chose_list = any(rule.suitable and rule.level is verdict.level for rule in rules)
    return Constraints(
        situation=profile.situation,
        conditions=member_conditions(profile, verdict, index.content, pregnancy_week),
        equipment=available_equipment(profile, index.content),
        gentle_only=verdict.exercises if verdict.level is Level.REST_THEN_REBUILD else None,
        avoid_rules=tuple(rule.id for rule in rules if rule.avoid),
        prefer=verdict.exercises if chose_list else (),
    )


def join_labels(
    labels: list[Text],
    content: PlannerContent,
    separator: str = ", ",
    *,
    proper_names: bool = False,
) -> Text:
    """'mat, wall and chair' in both languages (labels start lower-case mid-sentence).

    ``proper_names`` keeps each label's own case: English weekdays are capitalised
    ("Monday, Wednesday and Friday") and the Dutch ones are written lower-case in the content.
    """
    word = content.texts["word.and"]

    def joined(language: str) -> str:
        words = [
            label.get(language) if proper_names else _lower_first(label.get(language))
            for label in labels
        ]
        if len(words) <= 1:
            return "".join(words)
        return f"{separator.join(words[:-1])} {word.get(language)} {words[-1]}"

    return Text(nl=joined("nl"), en=joined("en"))


def _lower_first(value: str) -> str:
    return value[:1].lower() + value[1:]


def _related(exercises: Mapping[str, Exercise]) -> dict[str, frozenset[str]]:
    """Per exercise: its progressions, regressions and variations, both ways round."""
    found: dict[str, set[str]] = {slug: set() for slug in exercises}
    for slug, exercise in exercises.items():
        for other in exercise.referenced_slugs():
            found[slug].add(other)
            found.setdefault(other, set()).add(slug)
    return {slug: frozenset(others) for slug, others in found.items()}


def _allowed(index: Index, constraints: Constraints) -> Allowed:
    content = index.content
    conditions = set(constraints.conditions)
    avoid_slugs: dict[str, int] = {}
    avoid_positions: dict[Any, int] = {}
    for number, avoid in enumerate(content.avoid):
        if avoid.condition in conditions:
            for slug in avoid.exercises:
                avoid_slugs.setdefault(slug, number)
            for position in avoid.positions:
                avoid_positions.setdefault(position, number)
    verdict_avoid: dict[str, str] = {}
    for rule_id in constraints.avoid_rules:
        for slug in index.rules[rule_id].avoid:
            verdict_avoid.setdefault(slug, rule_id)
    gentle = None if constraints.gentle_only is None else set(constraints.gentle_only)

    slugs: set[str] = set()
    excluded: list[Excluded] = []
    order: dict[str, tuple[int, ...]] = {}
    for slug, exercise in index.exercises.items():
        condition = next(
            (c.condition for c in exercise.contraindications if c.condition in conditions), None
        )
        missing = tuple(e for e in exercise.needs_equipment if e not in constraints.equipment)
        why: tuple[Any, ...] | None
        if condition is not None:
            why = ("contraindication", condition)
        elif slug in avoid_slugs:
            why = ("avoid", avoid_slugs[slug])
        elif exercise.position in avoid_positions:
            why = ("position", avoid_positions[exercise.position])
        elif slug in verdict_avoid:
            why = ("verdict", verdict_avoid[slug])
        elif gentle is not None and slug not in gentle:
            why = ("verdict", None)
        elif missing:
            why = ("equipment", missing)
        elif exercise.level > content.max_level:
            why = ("level", None)
        else:
            why = None
        if why is None:
            slugs.add(slug)
            order[slug] = (
                exercise.level,
                slug not in constraints.prefer,
                constraints.situation not in exercise.situations,
            )
        else:
            found = index.excluded.get((slug, why))
            if found is None:
                found = index.excluded[(slug, why)] = _excluded(index, exercise, why)
            excluded.append(found)
    return Allowed(slugs=frozenset(slugs), excluded=tuple(excluded), order=order)


def _excluded(index: Index, exercise: Exercise, why: tuple[Any, ...]) -> Excluded:
    content = index.content
    cause, detail = why
    if cause == "contraindication":
        reason = next(c.reason for c in exercise.contraindications if c.condition == detail)
    elif cause in ("avoid", "position"):
        reason = content.avoid[detail].reason
    elif cause == "verdict" and detail is not None:
        reason = content.text("excluded.verdict-avoid", reason=index.rules[detail].reason)
    elif cause == "verdict":
        reason = content.texts["excluded.verdict-gentle"]
    elif cause == "equipment":
        labels = index.catalog.vocabulary.equipment
        names = join_labels([labels[e] for e in detail], content)
        reason = content.text("excluded.equipment", equipment=names)
    else:
        reason = content.texts["excluded.level"]
    return Excluded(slug=exercise.slug, reason=reason, cause=cause)
