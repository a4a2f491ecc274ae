"""The knowledge pages' content: schema, cross-references, derived exercises, drawings."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from rugcoach.core.knowledge.pages import (
    PAGE_SLUGS,
    Pages,
    exercises_for,
    load_pages,
    muscle_figure_version,
    muscle_svg,
)

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = (
    "challenge-30-days",
    "recovery-7-days",
    "core-circuit",
    "recovery-circuit",
    "morning-evening",
    "evening-cool-down",
    "office-break",
    "breathe-and-relax",
)


def exercise_slugs() -> list[str]:
    return sorted(path.stem for path in (ROOT / "content" / "exercises").glob("*.yaml"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of content/knowledge to break, under a folder named content like the real one."""
    target = tmp_path / "content" / "knowledge"
    shutil.copytree(ROOT / "content" / "knowledge", target)
    return tmp_path / "content"


def load(content_dir: Path) -> tuple[Pages, list[str]]:
    problems: list[str] = []
    pages = load_pages(content_dir, problems, exercises=exercise_slugs(), programs=PROGRAMS)
    return pages, problems


def edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_the_real_pages_and_cards_load_in_both_languages() -> None:
    pages, problems = load(ROOT / "content")
    assert problems == []
    assert tuple(pages.pages) == PAGE_SLUGS
    keys = [card.key for card in pages.habits]
    assert keys == [
        "sitting",
        "standing-walking",
        "sleeping",
        "lifting",
        "carrying",
        "micro-core",
        "posture-habits",
    ]
    for page in pages.pages.values():
        assert page.do_now.text.nl and page.do_now.text.en
        assert page.source.guide or page.source.clinical
    assert [entry.key for entry in pages.pages["muscles"].muscles] == [
        "erector-spinae",
        "multifidus",
        "quadratus-lumborum",
        "transversus-abdominis",
        "glutes",
    ]


def test_an_unknown_exercise_link_names_the_file_and_field(content: Path) -> None:
    path = content / "knowledge" / "pages" / "core-stability.yaml"
    edit(path, lambda d: d["links"].insert(0, {"to": "exercise", "slug": "crunch-deluxe"}))
    _, problems = load(content)
    assert problems == [
        "content/knowledge/pages/core-stability.yaml: links.0: unknown exercise 'crunch-deluxe'"
    ]


def test_an_unknown_program_in_a_do_now_names_the_file_and_field(content: Path) -> None:
    path = content / "knowledge" / "pages" / "daily-habits.yaml"
    edit(path, lambda d: d["do_now"]["link"].update(slug="yoga-retreat"))
    _, problems = load(content)
    assert problems == [
        "content/knowledge/pages/daily-habits.yaml: do_now.link: unknown program 'yoga-retreat'"
    ]


def test_an_unknown_muscle_names_the_file_and_field(content: Path) -> None:
    path = content / "knowledge" / "pages" / "muscles.yaml"
    edit(path, lambda d: d["muscles"][1].update(muscles=["multifidus", "six-pack"]))
    _, problems = load(content)
    assert len(problems) == 1
    assert problems[0].startswith("content/knowledge/pages/muscles.yaml: muscles.1.muscles.1: ")
    assert "'gluteus-medius'" in problems[0]  # the message lists the muscles that exist


def test_a_habit_card_with_an_unknown_figure_names_the_card(content: Path) -> None:
    path = content / "knowledge" / "habits.yaml"
    edit(path, lambda d: d["cards"][3]["figure"].update(exercise="deadlift-9000"))
    _, problems = load(content)
    assert problems == [
        "content/knowledge/habits.yaml: cards.3.figure.exercise: unknown exercise 'deadlift-9000'"
    ]


def test_a_missing_page_a_stray_page_and_a_missing_language_are_reported(content: Path) -> None:
    pages_dir = content / "knowledge" / "pages"
    (pages_dir / "golden-rules.yaml").unlink()
    shutil.copy(pages_dir / "muscles.yaml", pages_dir / "extra.yaml")
    edit(pages_dir / "muscles.yaml", lambda d: d["summary"].pop("en"))
    _, problems = load(content)
    assert problems == [
        "content/knowledge/pages/muscles.yaml: summary.en: Field required",
        "content/knowledge/pages/golden-rules.yaml: missing: every fixed page needs its file",
        "content/knowledge/pages/extra.yaml: unknown page: the pages are " + ", ".join(PAGE_SLUGS),
    ]


def test_a_link_to_the_safety_check_takes_no_slug(content: Path) -> None:
    path = content / "knowledge" / "pages" / "golden-rules.yaml"
    edit(path, lambda d: d["do_now"]["link"].update(slug="start"))
    _, problems = load(content)
    assert problems == [
        "content/knowledge/pages/golden-rules.yaml: do_now.link: "
        "Value error, a link to the safety-check takes no slug"
    ]


@dataclass
class FakeExercise:
    slug: str
    muscles: tuple[str, ...]


def test_exercises_for_a_muscle_come_from_the_exercises_main_targets() -> None:
    pages, _ = load(ROOT / "content")
    glutes = pages.muscle("glutes")
    multifidus = pages.muscle("multifidus")
    assert glutes is not None and multifidus is not None
    exercises = [
        FakeExercise("new-bridge", ("gluteus-medius", "hamstrings")),
        FakeExercise("plank", ("transversus-abdominis", "obliques", "gluteus-maximus")),
        FakeExercise("spine-thing", ("erector-spinae", "multifidus")),
    ]
    # The glutes are only a third target of "plank": not one of its main ones.
    assert exercises_for(glutes, exercises) == ("new-bridge",)
    assert exercises_for(multifidus, exercises) == ("spine-thing",)


def test_each_muscle_drawing_differs_and_highlights_its_muscle(catalog) -> None:  # type: ignore[no-untyped-def]
    pages = catalog.knowledge.pages
    drawings = {}
    for entry in pages.pages["muscles"].muscles:
        figure = catalog.exercises[entry.figure].figure
        svg = muscle_svg(entry, figure, title=f"{entry.key} lit", language="en")
        assert re.search(r'<(?:path|use)[^>]*class="[^"]*\bhl\b', svg), entry.key
        assert f'<title id="muscle-{entry.key}-thumbnail-title">{entry.key} lit</title>' in svg
        drawings[entry.key] = svg
        assert muscle_figure_version(entry, figure) != muscle_figure_version(
            entry.model_copy(update={"muscles": ("hamstrings",)}), figure
        )
    assert len(set(drawings.values())) == len(drawings)
