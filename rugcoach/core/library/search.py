"""Finding exercises: combinable filters and a forgiving name search."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from rugcoach.core.kernel.text import DEFAULT_LANGUAGE, normalize_for_search
from rugcoach.core.kernel.vocabulary import Category, Equipment, Muscle, Position, Situation
from rugcoach.core.library.exercises import Exercise, NotAdvised


class Catalog(Protocol):
    """What the search reads of ``rugcoach.core.catalog.Catalog``.

    A protocol, so the library stays below the catalog that composes it (no import up).
    """

    @property
    def exercises(self) -> Mapping[str, Exercise]: ...

    @property
    def not_advised(self) -> Mapping[str, NotAdvised]: ...


_CATEGORY_ORDER = {category: index for index, category in enumerate(Category)}
# Things nearly everyone has at home; related exercises may use them freely.
HOUSEHOLD = frozenset(
    {Equipment.MAT, Equipment.WALL, Equipment.CHAIR, Equipment.PILLOW, Equipment.BED}
)


@dataclass(frozen=True)
class ExerciseQuery:
    """Filters combine with AND; several values within one filter combine with OR."""

    categories: frozenset[Category] = frozenset()
    equipment: frozenset[Equipment] = frozenset()
    situations: frozenset[Situation] = frozenset()
    positions: frozenset[Position] = frozenset()
    muscles: frozenset[Muscle] = frozenset()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (
            self.categories
            or self.equipment
            or self.situations
            or self.positions
            or self.muscles
            or self.text.strip()
        )


def matches_text(search_text: str, query: str) -> bool:
    """True when every word of the query occurs in one of the names.

    "kat koe" finds "kat-koe", "childs pose" finds "Child's pose", and "catcow" finds
    "cat-cow" because the comparison also ignores the spaces between words.
    """
    folded = normalize_for_search(query)
    if not folded:
        return True
    names = search_text.split(" | ")
    words = folded.split()
    compact = folded.replace(" ", "")
    return any(
        all(word in name for word in words) or compact in name.replace(" ", "") for name in names
    )


def _text_rank(search_text: str, query: str) -> int:
    """0 when a name starts with the query, 1 otherwise: best matches first."""
    folded = normalize_for_search(query)
    return 0 if any(name.startswith(folded) for name in search_text.split(" | ")) else 1


def _matches(exercise: Exercise, query: ExerciseQuery) -> bool:
    if query.categories and exercise.category not in query.categories:
        return False
    if query.positions and exercise.position not in query.positions:
        return False
    if query.equipment and query.equipment.isdisjoint(exercise.equipment):
        return False
    if query.situations and query.situations.isdisjoint(exercise.situations):
        return False
    if query.muscles and query.muscles.isdisjoint(exercise.muscles):
        return False
    return matches_text(exercise.search_text, query.text)


def library_order(exercise: Exercise) -> tuple[int, int, str]:
    """Category, then level: the order for suggestions, the same in every language."""
    return (_CATEGORY_ORDER[exercise.category], exercise.level, exercise.slug)


def name_order(exercise: Exercise, language: str = DEFAULT_LANGUAGE) -> tuple[str, str]:
    """Alphabetical by the name a member reads, folded for case and accents.

    Folding makes "Knie naar borst" come before "Knieën naar borst" (knie < knieen), as a
    dictionary orders them; sorting the raw strings or the slug does not.
    """
    return (normalize_for_search(exercise.name.get(language)), exercise.slug)


def find_exercises(
    catalog: Catalog, query: ExerciseQuery, language: str = DEFAULT_LANGUAGE
) -> list[Exercise]:
    """Matches sorted by name in ``language``; with a search text, names that start with it
    come first."""
    found = [exercise for exercise in catalog.exercises.values() if _matches(exercise, query)]
    if query.text.strip():
        return sorted(
            found,
            key=lambda ex: (_text_rank(ex.search_text, query.text), *name_order(ex, language)),
        )
    return sorted(found, key=lambda ex: name_order(ex, language))


def find_not_advised(catalog: Catalog, text: str) -> list[NotAdvised]:
    """Warnings whose names match a search, so "crunches" shows why and what instead."""
    if not normalize_for_search(text):
        return []
    return [
        entry for entry in catalog.not_advised.values() if matches_text(entry.search_text, text)
    ]


def safer_choices(catalog: Catalog, query: ExerciseQuery) -> list[Exercise]:
    """What the warnings a search matched recommend instead, within the other filters.

    Searching "crunches" finds no exercise but a warning; its safer choices are the answer
    to that search, so they stand in for the empty result. Order: as the warnings list them.
    """
    without_text = ExerciseQuery(
        categories=query.categories,
        equipment=query.equipment,
        situations=query.situations,
        positions=query.positions,
        muscles=query.muscles,
    )
    seen: dict[str, Exercise] = {}
    for entry in find_not_advised(catalog, query.text):
        for slug in entry.instead:
            exercise = catalog.exercises.get(slug)
            if exercise is not None and slug not in seen and _matches(exercise, without_text):
                seen[slug] = exercise
    return list(seen.values())


def related_exercises(catalog: Catalog, exercise: Exercise, limit: int = 4) -> list[Exercise]:
    """Other exercises for the same purpose: shared muscles count most, then category."""
    referenced = exercise.referenced_slugs()

    def score(other: Exercise) -> int:
        shared = len(set(exercise.muscles) & set(other.muscles))
        return 2 * shared + (other.category == exercise.category)

    # Suggestions stay near the member's level: a basic floor exercise should not point
    # to a gym machine.
    candidates = [
        other
        for other in catalog.exercises.values()
        if other.slug != exercise.slug
        and other.slug not in referenced
        and abs(other.level - exercise.level) <= 1
        and set(other.needs_equipment) <= set(exercise.needs_equipment) | HOUSEHOLD
        and score(other) > 0
    ]
    candidates.sort(key=lambda other: (-score(other), *library_order(other)))
    return candidates[:limit]
