"""The FAQ (``content/knowledge/faq.yaml``): its schema, its loader and its search.

Each question carries its answer in both languages, search keywords, links to what the
answer mentions (exercises, programs, knowledge pages, the safety check, the heat-or-cold
helper) and the source of its facts. The loader checks every link against the slugs the
catalog knows, so a link never points at nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast, get_args

from pydantic import Field, field_validator, model_validator

from rugcoach.core.kernel.content_io import read_yaml, validate_model
from rugcoach.core.kernel.frozen import Frozen
from rugcoach.core.kernel.ids import Slug
from rugcoach.core.kernel.text import LANGUAGES, Language, Text, TextList, normalize_for_search

__all__ = [
    "Faq",
    "FaqFile",
    "Link",
    "LinkKind",
    "Question",
    "load_faq",
    "search",
]

FAQ_FILE = "knowledge/faq.yaml"

LinkKind = Literal["exercise", "program", "page", "check", "heat", "library"]
# Kinds that name one thing by slug; "check", "heat" and "library" are single pages.
_NEEDS_SLUG: frozenset[str] = frozenset({"exercise", "program", "page"})
# Kinds whose target carries its own name in the catalog.
_NAMED: frozenset[str] = frozenset({"exercise", "program"})


class Link(Frozen):
    """Something an answer mentions, written ``kind:slug`` (``exercise:cat-cow``) or just
    ``check`` / ``heat`` / ``library``. Exercise and program links read the name from the
    exercise or program itself unless ``label`` is given; every other link needs one."""

    to: str = Field(min_length=1)
    label: Text | None = None

    @property
    def kind(self) -> LinkKind:
        # The validator below has checked the kind.
        return cast(LinkKind, self.to.split(":", 1)[0])

    @property
    def slug(self) -> str | None:
        parts = self.to.split(":", 1)
        return parts[1] if len(parts) == 2 else None

    @model_validator(mode="after")
    def _well_formed(self) -> Link:
        kind, _, slug = self.to.partition(":")
        if kind not in get_args(LinkKind):
            raise ValueError(
                f"'{self.to}': the kind must be one of {', '.join(get_args(LinkKind))}"
            )
        if kind in _NEEDS_SLUG and not slug:
            raise ValueError(f"'{self.to}': write {kind}:<slug>")
        if kind not in _NEEDS_SLUG and slug:
            raise ValueError(f"'{self.to}': {kind} takes no slug")
        if kind not in _NAMED and self.label is None:
            raise ValueError(f"'{self.to}': needs a label (nl and en)")
        return self


class Keywords(Frozen):
    """Extra search words per language (synonyms, everyday words); lists may differ."""

    nl: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def get(self, language: str) -> tuple[str, ...]:
        return self.en if language == "en" else self.nl


class Question(Frozen):
    id: Slug
    question: Text
    answer: TextList = Field(description="paragraphs, in our own words")
    keywords: Keywords = Keywords()
    links: tuple[Link, ...] = ()
    warning_signs: bool = Field(
        default=False, description="show the warning signs (content/warnings.yaml) with it"
    )
    source: str = Field(min_length=1, description="guide section and/or clinical reference")

    @field_validator("answer")
    @classmethod
    def _has_answer(cls, value: TextList) -> TextList:
        if len(value) == 0:
            raise ValueError("needs at least one paragraph")
        return value


class FaqFile(Frozen):
    questions: tuple[Question, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> FaqFile:
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"the id '{question.id}' is used twice")
            seen.add(question.id)
        return self


@dataclass(frozen=True)
class Faq:
    """The questions in file order, with each one's folded search text per language."""

    questions: tuple[Question, ...]
    search_text: Mapping[str, Mapping[Language, str]] = field(default_factory=dict)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def search(self, query: str, language: str) -> tuple[Question, ...]:
        return search(self, query, language)


def _folded(question: Question, language: Language) -> str:
    labels = [link.label.get(language) for link in question.links if link.label is not None]
    parts = [
        question.question.get(language),
        *question.answer.get(language),
        *question.keywords.get(language),
        *labels,
    ]
    return normalize_for_search(" ".join(parts))


def build_faq(questions: tuple[Question, ...]) -> Faq:
    index = {q.id: {language: _folded(q, language) for language in LANGUAGES} for q in questions}
    return Faq(questions=questions, search_text=index)


def search(faq: Faq, query: str, language: str) -> tuple[Question, ...]:
    """The questions where every word of ``query`` occurs, after folding case, accents
    and punctuation, in the question, its answer or its keywords.

    A word may come from either language: someone reading Dutch who types "swimming"
    still finds the question about zwemmen. Questions that match wholly in the reader's
    language come first, then those holding the words as one phrase, then those with more
    words in the question itself, then file order. An empty query returns every question;
    words found nowhere return nothing.
    """
    words = normalize_for_search(query).split()
    if not words:
        return faq.questions
    reader: Language = "en" if language == "en" else "nl"
    other: Language = "nl" if reader == "en" else "en"
    phrase = " ".join(words)
    found: list[tuple[int, int, int, int, Question]] = []
    for position, question in enumerate(faq.questions):
        texts = faq.search_text[question.id]
        own, foreign = texts[reader], texts[other]
        if not all(word in own or word in foreign for word in words):
            continue
        in_own_language = all(word in own for word in words)
        title = normalize_for_search(question.question.get(reader))
        in_title = sum(word in title for word in words)
        as_phrase = phrase in own or phrase in foreign
        found.append(
            (0 if in_own_language else 1, 0 if as_phrase else 1, -in_title, position, question)
        )
    return tuple(item[4] for item in sorted(found, key=lambda item: item[:4]))


def _link_problems(
    where: str,
    questions: tuple[Question, ...],
    *,
    exercises: Collection[str],
    programs: Collection[str],
    pages: Collection[str],
) -> list[str]:
    known = {"exercise": exercises, "program": programs, "page": pages}
    problems: list[str] = []
    for index, question in enumerate(questions):
        for number, link in enumerate(question.links):
            slugs = known.get(link.kind)
            if slugs is not None and link.slug not in slugs:
                problems.append(
                    f"{where}: questions.{index}.links.{number}.to: "
                    f"unknown {link.kind} '{link.slug}' (question '{question.id}')"
                )
    return problems


def load_faq(
    content_dir: Path,
    problems: list[str],
    *,
    exercises: Collection[str],
    programs: Collection[str],
    pages: Collection[str],
) -> Faq | None:
    """Read and validate the FAQ; note each problem as 'file: field: message'.

    ``exercises``, ``programs`` and ``pages`` are the slugs links may name."""
    path = content_dir / FAQ_FILE
    root = content_dir.parent
    where = str(path.relative_to(root))
    own: list[str] = []
    data = read_yaml(path, root, own)
    content = None if own else validate_model(FaqFile, data, where, own)
    if content is not None:
        own.extend(
            _link_problems(
                where, content.questions, exercises=exercises, programs=programs, pages=pages
            )
        )
    problems.extend(own)
    if content is None or own:
        return None
    return build_faq(content.questions)
