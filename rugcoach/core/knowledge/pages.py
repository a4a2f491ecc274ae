"""Knowledge pages and daily-habit cards (``content/knowledge/pages/``, ``habits.yaml``).

A page is data: title, summary, sections, the exercises and programs it mentions, one
thing to do now, and its source. The muscles page also describes the back's muscles; the
exercises that train each one are derived from the exercises' own ``muscles`` field, so
there is no second list to keep in sync.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from pydantic import Field, model_validator

from rugcoach.core.figures.pose import Figure
from rugcoach.core.figures.render import RENDERER_VERSION, render_figure
from rugcoach.core.figures.scene import PRIMARY_MUSCLES
from rugcoach.core.kernel.content_io import read_yaml, validate_model
from rugcoach.core.kernel.frozen import Frozen
from rugcoach.core.kernel.ids import Slug
from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Muscle

__all__ = [
    "PAGE_SLUGS",
    "DoNow",
    "HabitCard",
    "Link",
    "MuscleEntry",
    "Page",
    "Pages",
    "Section",
    "exercises_for",
    "load_pages",
    "muscle_figure_version",
    "muscle_svg",
]

#: The six pages, fixed by the issue-14 contract; other parts of the app link to them.
PAGE_SLUGS: tuple[str, ...] = (
    "why-back-hurts",
    "muscles",
    "core-stability",
    "daily-habits",
    "sleep-recovery",
    "golden-rules",
)

LinkKind = Literal["exercise", "program", "page", "safety-check", "faq", "heat"]
#: Links to one fixed place take no slug: the safety check, the FAQ, the heat-or-cold helper.
SLUGLESS: frozenset[str] = frozenset({"safety-check", "faq", "heat"})


class Link(Frozen):
    """Where a page sends the reader: an exercise, a program, another page, the safety
    check, the FAQ or the heat-or-cold helper."""

    to: LinkKind
    slug: Slug | None = None

    @model_validator(mode="after")
    def _slug_when_needed(self) -> Link:
        if self.to in SLUGLESS and self.slug is not None:
            raise ValueError(f"a link to the {self.to} takes no slug")
        if self.to not in SLUGLESS and self.slug is None:
            raise ValueError(f"a link to a {self.to} needs a slug")
        return self


class Source(Frozen):
    """Where the facts come from: the guide's sections and/or the clinical reference's."""

    guide: str | None = Field(default=None, min_length=1, description="e.g. '§1, §3'")
    clinical: str | None = Field(default=None, min_length=1, description="e.g. '§1'")

    @model_validator(mode="after")
    def _some_source(self) -> Source:
        if self.guide is None and self.clinical is None:
            raise ValueError("name the guide's section, the clinical reference's, or both")
        return self


class Section(Frozen):
    heading: Text
    paragraphs: tuple[Text, ...] = ()
    bullets: tuple[Text, ...] = ()
    #: e.g. warning signs end with a link to the safety check
    link: Link | None = None
    link_text: Text | None = None

    @model_validator(mode="after")
    def _has_body(self) -> Section:
        if not self.paragraphs and not self.bullets:
            raise ValueError("a section needs paragraphs, bullets or both")
        if (self.link is None) != (self.link_text is None):
            raise ValueError("link and link_text go together")
        return self


class DoNow(Frozen):
    """The one thing the reader can do right after reading."""

    text: Text
    link: Link
    label: Text


class MuscleEntry(Frozen):
    """One muscle (or group) on the muscles page."""

    key: Slug = Field(description="its URL part, e.g. 'multifidus' or 'glutes'")
    name: Text
    muscles: tuple[Muscle, ...] = Field(min_length=1)
    does: Text
    problem: Text
    #: the exercise whose pose shows this muscle at work; drawn with only this muscle lit
    figure: Slug


class Page(Frozen):
    slug: Slug
    title: Text
    summary: Text
    sections: tuple[Section, ...] = Field(min_length=1)
    muscles: tuple[MuscleEntry, ...] = ()
    links: tuple[Link, ...] = ()
    do_now: DoNow
    source: Source


class FigureRef(Frozen):
    exercise: Slug
    caption: Text


class HabitCard(Frozen):
    key: Slug
    title: Text
    intro: Text
    do: tuple[Text, ...] = Field(min_length=1)
    avoid: tuple[Text, ...] = ()
    #: a drawing where the position matters; None where words say it better
    figure: FigureRef | None = None
    try_now: Text
    link: Link | None = None
    source: Source


class HabitsFile(Frozen):
    cards: tuple[HabitCard, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Pages:
    """The six pages by slug (in the contract's order) and the habit cards."""

    pages: Mapping[str, Page] = field(default_factory=dict)
    habits: tuple[HabitCard, ...] = ()

    def page(self, slug: str) -> Page | None:
        return self.pages.get(slug)

    def muscle(self, key: str) -> MuscleEntry | None:
        muscles = self.pages.get("muscles")
        entries = muscles.muscles if muscles is not None else ()
        return next((entry for entry in entries if entry.key == key), None)


class HasMuscles(Protocol):
    """What the derivation needs of an exercise (the library's schema satisfies it)."""

    @property
    def slug(self) -> str: ...

    @property
    def muscles(self) -> Sequence[str]: ...


def exercises_for(entry: MuscleEntry, exercises: Iterable[HasMuscles]) -> tuple[str, ...]:
    """The exercises whose main targets (their first muscles, as the figures light them)
    include this entry's muscles, in the order given."""
    wanted = {str(muscle) for muscle in entry.muscles}
    return tuple(
        exercise.slug
        for exercise in exercises
        if wanted.intersection(str(m) for m in exercise.muscles[:PRIMARY_MUSCLES])
    )


def muscle_svg(entry: MuscleEntry, figure: Figure, *, title: str, language: str = "nl") -> str:
    """The body model in one pose of ``figure`` with only this entry's muscles lit;
    ``title`` (the drawing's accessible name) says which muscle it shows, not the exercise."""
    titled = figure.model_copy(update={"description": Text(nl=title, en=title)})
    return render_figure(
        titled,
        muscles=[str(muscle) for muscle in entry.muscles],
        mode="thumbnail",
        language=language,
        ident=f"muscle-{entry.key}",
    )


def muscle_figure_version(entry: MuscleEntry, figure: Figure) -> str:
    """Changes when anything drawn changes: the pose, the muscles or the renderer."""
    digest = hashlib.sha256(f"renderer {RENDERER_VERSION}\n".encode())
    digest.update(figure.model_dump_json().encode())
    digest.update(",".join(entry.muscles).encode())
    return digest.hexdigest()[:16]


def load_pages(
    content_dir: Path,
    problems: list[str],
    *,
    exercises: Collection[str] = (),
    programs: Collection[str] = (),
) -> Pages:
    """Read the six pages and the habit cards; note every problem as 'file: field: ...'."""
    root = content_dir.parent
    folder = content_dir / "knowledge" / "pages"
    known = {"exercise": set(exercises), "program": set(programs), "page": set(PAGE_SLUGS)}
    pages: dict[str, Page] = {}
    for slug in PAGE_SLUGS:
        path = folder / f"{slug}.yaml"
        where = str(path.relative_to(root))
        if not path.exists():
            problems.append(f"{where}: missing: every fixed page needs its file")
            continue
        page = validate_model(Page, read_yaml(path, root, problems), where, problems)
        if page is None:
            continue
        if page.slug != slug:
            problems.append(f"{where}: slug: '{page.slug}' must match the file name")
        if page.muscles and slug != "muscles":
            problems.append(f"{where}: muscles: only the muscles page describes muscles")
        problems.extend(_link_problems(where, page, known))
        pages[slug] = page
    for path in sorted(folder.glob("*.yaml")) if folder.exists() else ():
        if path.stem not in PAGE_SLUGS:
            problems.append(
                f"{path.relative_to(root)}: unknown page: the pages are {', '.join(PAGE_SLUGS)}"
            )

    habits_path = content_dir / "knowledge" / "habits.yaml"
    where = str(habits_path.relative_to(root))
    habits = validate_model(HabitsFile, read_yaml(habits_path, root, problems), where, problems)
    cards = habits.cards if habits is not None else ()
    seen: set[str] = set()
    for index, card in enumerate(cards):
        at = f"{where}: cards.{index}"
        if card.key in seen:
            problems.append(f"{at}.key: '{card.key}' is used twice")
        seen.add(card.key)
        if card.figure is not None and card.figure.exercise not in known["exercise"]:
            problems.append(f"{at}.figure.exercise: unknown exercise '{card.figure.exercise}'")
        if card.link is not None:
            problems.extend(_check(f"{at}.link", card.link, known))
    return Pages(pages=pages, habits=cards)


def _link_problems(where: str, page: Page, known: Mapping[str, set[str]]) -> list[str]:
    problems: list[str] = []
    for index, link in enumerate(page.links):
        problems.extend(_check(f"{where}: links.{index}", link, known))
    for index, section in enumerate(page.sections):
        if section.link is not None:
            problems.extend(_check(f"{where}: sections.{index}.link", section.link, known))
    problems.extend(_check(f"{where}: do_now.link", page.do_now.link, known))
    keys: set[str] = set()
    for index, entry in enumerate(page.muscles):
        if entry.key in keys:
            problems.append(f"{where}: muscles.{index}.key: '{entry.key}' is used twice")
        keys.add(entry.key)
        if entry.figure not in known["exercise"]:
            problems.append(f"{where}: muscles.{index}.figure: unknown exercise '{entry.figure}'")
    return problems


def _check(at: str, link: Link, known: Mapping[str, set[str]]) -> list[str]:
    if link.to in SLUGLESS or link.slug in known[link.to]:
        return []
    return [f"{at}: unknown {link.to} '{link.slug}'"]
