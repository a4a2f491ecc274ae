"""Knowledge pages as plain dicts for the templates, in one language.

Links to other apps are made by URL name only (the knowledge app imports no other app).
A link whose page does not exist yet (a URL name another branch adds) is shown as text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from rugcoach.compression import encoded_copies
from rugcoach.content import get_catalog
from rugcoach.core.catalog import Catalog
from rugcoach.core.knowledge.pages import (
    HabitCard,
    Link,
    MuscleEntry,
    Page,
    Pages,
    exercises_for,
    muscle_figure_version,
    muscle_svg,
)
from rugcoach.core.library.figure import figure_content_version


def reverse_or_none(name: str, **kwargs: str) -> str | None:
    """``reverse``, or None while the named page is not there (another helper adds it)."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


class KnowledgePresenter:
    def __init__(self, catalog: Catalog, language: str) -> None:
        self.catalog = catalog
        self.language = language
        self.pages: Pages = catalog.knowledge.pages

    # -- links ---------------------------------------------------------------------------
    def link(self, link: Link) -> dict[str, Any]:
        """A link's label and URL (None: show the label without a link)."""
        text, url = self._target(link)
        return {"to": link.to, "text": text, "url": url}

    def _target(self, link: Link) -> tuple[str, str | None]:
        slug = link.slug or ""
        if link.to == "exercise":
            exercise = self.catalog.exercises[slug]
            return exercise.name.get(self.language), reverse("library:detail", args=[slug])
        if link.to == "program":
            program = self.catalog.programs.programs.get(slug)
            name = getattr(program, "name", None)
            text = name.get(self.language) if name is not None else slug.replace("-", " ")
            return text, reverse_or_none("programs:detail", slug=slug)
        if link.to == "page":
            page = self.pages.pages[slug]
            return page.title.get(self.language), page_url(slug)
        if link.to == "faq":
            return _("Veelgestelde vragen"), reverse_or_none("knowledge:faq")
        if link.to == "heat":
            return _("Warmte of kou?"), reverse_or_none("knowledge:heat")
        return _("Mag ik trainen?"), reverse("triage:start")

    # -- pages ---------------------------------------------------------------------------
    def summary(self, page: Page) -> dict[str, Any]:
        return {
            "slug": page.slug,
            "title": page.title.get(self.language),
            "summary": page.summary.get(self.language),
            "url": page_url(page.slug),
        }

    def page(self, page: Page) -> dict[str, Any]:
        language = self.language
        mentioned = [self.link(link) for link in page.links]
        return {
            **self.summary(page),
            "sections": [
                {
                    "heading": section.heading.get(language),
                    "paragraphs": [text.get(language) for text in section.paragraphs],
                    "bullets": [text.get(language) for text in section.bullets],
                    "link": (
                        {**self.link(section.link), "text": section.link_text.get(language)}
                        if section.link is not None and section.link_text is not None
                        else None
                    ),
                }
                for section in page.sections
            ],
            "muscles": [self.muscle(entry) for entry in page.muscles],
            "exercises": [item for item in mentioned if item["to"] == "exercise"],
            "programs": [item for item in mentioned if item["to"] == "program"],
            "habits": [self.habit(card) for card in self.pages.habits]
            if page.slug == "daily-habits"
            else [],
            "do_now": {
                **self.link(page.do_now.link),
                "text": page.do_now.text.get(language),
                "label": page.do_now.label.get(language),
            },
            "source": self.source(page.source.guide, page.source.clinical),
        }

    def source(self, guide: str | None, clinical: str | None) -> str:
        parts = []
        if guide:
            parts.append(_("de gids over onderrugoefeningen, %(sections)s") % {"sections": guide})
        if clinical:
            parts.append(_("de klinische referentie, %(sections)s") % {"sections": clinical})
        return "; ".join(parts)

    def muscle(self, entry: MuscleEntry) -> dict[str, Any]:
        language = self.language
        exercises = [
            {
                "name": self.catalog.exercises[slug].name.get(language),
                "url": reverse("library:detail", args=[slug]),
            }
            for slug in exercises_for(entry, self.catalog.exercises.values())
        ]
        exercises.sort(key=lambda item: item["name"].casefold())
        return {
            "key": entry.key,
            "name": entry.name.get(language),
            "does": entry.does.get(language),
            "problem": entry.problem.get(language),
            "figure_url": muscle_figure_url(self.catalog, entry),
            "figure_alt": muscle_alt(entry, language),
            "exercises": exercises,
        }

    def habit(self, card: HabitCard) -> dict[str, Any]:
        language = self.language
        figure = None
        if card.figure is not None:
            exercise = self.catalog.exercises[card.figure.exercise]
            if exercise.figure is not None:
                path = reverse(
                    "figure",
                    kwargs={"slug": exercise.slug, "mode": "thumbnail", "language": language},
                )
                figure = {
                    "url": f"{path}?v={figure_content_version(exercise)}",
                    "alt": exercise.figure.description.get(language),
                    "caption": card.figure.caption.get(language),
                }
        return {
            "key": card.key,
            "title": card.title.get(language),
            "intro": card.intro.get(language),
            "do": [text.get(language) for text in card.do],
            "avoid": [text.get(language) for text in card.avoid],
            "figure": figure,
            "try_now": card.try_now.get(language),
            "link": self.link(card.link) if card.link is not None else None,
            "source": self.source(card.source.guide, card.source.clinical),
        }


def page_url(slug: str) -> str:
    # The habit cards have their own address (knowledge:habits); it is that page.
    if slug == "daily-habits":
        return reverse("knowledge:habits")
    return reverse("knowledge:page", kwargs={"slug": slug})


def muscle_alt(entry: MuscleEntry, language: str) -> str:
    return _("%(muscle)s: in geel gemarkeerd op ons lichaamsmodel") % {
        "muscle": entry.name.get(language)
    }


@lru_cache(maxsize=64)
def muscle_figure_version_of(key: str) -> str:
    """The drawing's version, part of its URL; cached per process like the catalog."""
    catalog = get_catalog()
    entry = catalog.knowledge.pages.muscle(key)
    figure = catalog.exercises[entry.figure].figure if entry is not None else None
    if entry is None or figure is None:
        raise KeyError(key)
    return muscle_figure_version(entry, figure)


@lru_cache(maxsize=64)
def muscle_figure_svg(key: str, language: str) -> str:
    catalog = get_catalog()
    entry = catalog.knowledge.pages.muscle(key)
    figure = catalog.exercises[entry.figure].figure if entry is not None else None
    if entry is None or figure is None:
        raise KeyError(key)
    return muscle_svg(entry, figure, title=muscle_alt(entry, language), language=language)


@lru_cache(maxsize=64)
def muscle_figure_svg_copies(key: str, language: str) -> dict[str, bytes]:
    """The drawing as bytes, gzipped and brotli-compressed once (as the exercise figures)."""
    return encoded_copies(muscle_figure_svg(key, language).encode())


def muscle_figure_url(catalog: Catalog, entry: MuscleEntry) -> str | None:
    exercise = catalog.exercises.get(entry.figure)
    if exercise is None or exercise.figure is None:
        return None
    path = reverse("knowledge:muscle_figure", kwargs={"muscle": entry.key})
    return f"{path}?v={muscle_figure_version_of(entry.key)}"
