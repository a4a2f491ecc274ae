"""Programs as the pages and the API show them, in one language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rugcoach.content import get_catalog
from rugcoach.core.programs.build import ForMember, item_key
from rugcoach.core.programs.content import Program
from rugcoach.core.schedule import Schedule
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


def schedule_slugs(schedule: Schedule) -> list[str]:
    """A member's schedule of the program: its exercises in order, each once."""
    found: list[str] = []
    for session in schedule.sessions:
        for item in session.items:
            if item.slug not in found:
                found.append(item.slug)
    return found


def figure_strip(program: Program, language: str, slugs: list[str] | None = None) -> list[Figure]:
    """The first exercises as figures: the program's own, or ``slugs`` (the member's
    variant, e.g. pregnancy-safe swaps)."""
    exercises = get_catalog().exercises
    strip = []
    for slug in slugs if slugs is not None else exercise_slugs(program):
        url = figure_url(slug, "static", language)
        if url is None or slug not in exercises:
            continue
        strip.append(
            Figure(slug, exercises[slug].name.get(language), url, figure_alt(slug, language))
        )
        if len(strip) == STRIP:
            break
    return strip


@dataclass(frozen=True)
class Adaptation:
    """One exercise of the program changed for this member: swapped or left out, why."""

    day: int
    name: str
    instead: str | None
    """The substitute's name; None: left out."""
    reason: str


def adaptations(
    program: Program, schedule: Schedule, member: ForMember, language: str
) -> list[Adaptation]:
    """Per program exercise the member may not do, once (its first day): what takes its
    place, or that it is left out, with the planner's reason (``Index.allowed().excluded``)."""
    exercises = get_catalog().exercises
    found: list[Adaptation] = []
    seen: set[str] = set()
    for content in program.sessions:
        built = schedule.session(content.key)
        by_key = {item.key: item for item in built.items} if built is not None else {}
        for number, item in enumerate(content.items, start=1):
            if item.slug in member.allowed or item.slug in seen:
                continue
            seen.add(item.slug)
            placed = by_key.get(item_key(content.key, number))
            why = member.why_not(item.slug)
            found.append(
                Adaptation(
                    day=content.day,
                    name=exercises[item.slug].name.get(language),
                    instead=exercises[placed.slug].name.get(language) if placed else None,
                    reason=why.get(language) if why is not None else "",
                )
            )
    return found


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
            {
                "key": s.key,
                "day": s.day,
                "title": s.title.get(language),
                "advice": [text.get(language) for text in s.advice],
            }
            for s in program.sessions
        ],
    }
