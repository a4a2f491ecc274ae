"""All of ``content/knowledge/`` in one object: pages and habit cards, the FAQ, and the
heat-or-cold helper, each with its own schema and loader module."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.knowledge.faq import load_faq
from rugcoach.core.knowledge.heat import load_heat
from rugcoach.core.knowledge.pages import PAGE_SLUGS, load_pages

__all__ = ["KnowledgeContent", "load_knowledge"]


@dataclass(frozen=True)
class KnowledgeContent:
    pages: Any
    faq: Any
    heat: Any


def load_knowledge(
    content_dir: Path, *, exercises: Collection[str], programs: Collection[str]
) -> KnowledgeContent:
    """Read and validate; ``exercises`` and ``programs`` are the slugs links may name."""
    problems: list[str] = []
    pages = load_pages(content_dir, problems, exercises=exercises, programs=programs)
    faq = load_faq(content_dir, problems, exercises=exercises, programs=programs, pages=PAGE_SLUGS)
    heat = load_heat(content_dir, problems)
    if problems:
        raise ContentError(problems)
    return KnowledgeContent(pages=pages, faq=faq, heat=heat)
