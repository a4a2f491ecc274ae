"""Programs as the pages and the API show them, in one language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rugcoach.content import get_catalog
from rugcoach.core.programs.content import Program
from rugcoach.library.figures import figure_alt, figure_url

# The figure strip shows at most this many of a program's exercises.
STRIP = 6


def exercise_slugs(program: Program) -> list[str]:
    """The program's exercises in the order they first appear, each once."""
    found: list[str] = []
    for session in program.sessions:
        for item in session.items:
            if item.slug not in found:
                found.append(item.slug)
    return found


@dataclass(frozen=True)
class Figure:
    slug: str
    name: str
    url: str
    alt: str


def figure_strip(program: Program, language: str) -> list[Figure]:
    exercises = get_catalog().exercises
    strip = []
    for slug in exercise_slugs(program):
        url = figure_url(slug, "static", language)
        if url is None or slug not in exercises:
            continue
        strip.append(
            Figure(slug, exercises[slug].name.get(language), url, figure_alt(slug, language))
        )
        if len(strip) == STRIP:
            break
    return strip


def equipment_names(program: Program, language: str) -> list[str]:
    labels = get_catalog().vocabulary.equipment
    return [labels[e].get(language) for e in program.equipment if e in labels]


def program_data(program: Program, language: str) -> dict[str, Any]:
    """The program for the API, in one language."""
    return {
        "slug": program.slug,
        "kind": program.kind,
        "name": program.name.get(language),
        "summary": program.summary.get(language),
        "who_for": program.who_for.get(language),
        "dose": program.dose.get(language),
        "minutes": program.minutes,
        "per_week": program.per_week,
        "levels": [level.value for level in program.levels],
        "equipment": [e.value for e in program.equipment],
        "days": [
            {"key": s.key, "day": s.day, "title": s.title.get(language)} for s in program.sessions
        ],
    }
