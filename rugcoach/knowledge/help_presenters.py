"""The FAQ and the heat-or-cold advice as plain dicts in one language, for the pages (and
the API). Links are reversed by URL name only: the knowledge app imports no other app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from rugcoach.core.catalog import Catalog
from rugcoach.core.knowledge.faq import Link, Question
from rugcoach.core.knowledge.heat import Advice, HeatOrCold

# A link kind -> (URL name, whether the slug is its argument).
_URL_NAMES: dict[str, tuple[str, bool]] = {
    "exercise": ("library:detail", True),
    "program": ("programs:detail", True),
    "page": ("knowledge:page", True),
    "check": ("triage:start", False),
    "heat": ("knowledge:heat", False),
    "library": ("library:list", False),
}


@dataclass(frozen=True)
class LinkView:
    label: str
    url: str | None  # None only while the page it names does not exist (yet)
    kind: str


def link_url(link: Link) -> str | None:
    name, takes_slug = _URL_NAMES[link.kind]
    try:
        return reverse(name, args=[link.slug] if takes_slug else [])
    except NoReverseMatch:
        # The URL belongs to another app that is not installed in this build; show the
        # label without a link rather than fail the whole page.
        return None


def link_view(link: Link, catalog: Catalog, language: str) -> LinkView:
    if link.label is not None:
        label = link.label.get(language)
    elif link.kind == "program":  # the loader checked the slug exists
        label = catalog.programs.programs[link.slug or ""].name.get(language)
    else:
        label = catalog.exercises[link.slug or ""].name.get(language)
    return LinkView(label=label, url=link_url(link), kind=link.kind)


def question_view(question: Question, catalog: Catalog, language: str) -> dict[str, Any]:
    return {
        "id": question.id,
        "question": question.question.get(language),
        "answer": question.answer.get(language),
        "links": [link_view(link, catalog, language) for link in question.links],
        "warning_signs": question.warning_signs,
        "source": question.source,
    }


def heat_questions(content: HeatOrCold, language: str) -> list[dict[str, Any]]:
    return [
        {
            "id": question.id,
            "text": question.text.get(language),
            "help": question.help.get(language) if question.help else "",
            "options": [(option.id, option.label.get(language)) for option in question.options],
        }
        for question in content.questions
    ]


def advice_view(advice: Advice, language: str) -> dict[str, Any]:
    card = advice.card
    return {
        "kind": advice.kind,
        "title": card.title.get(language),
        "summary": card.summary.get(language),
        "how_long": card.how_long.get(language) if card.how_long else "",
        "how": card.how.get(language),
        "do_not": card.do_not.get(language),
        "source": card.source,
        "reasons": [
            {"text": reason.text.get(language), "source": reason.source, "rule": reason.rule}
            for reason in advice.reasons
        ],
    }
