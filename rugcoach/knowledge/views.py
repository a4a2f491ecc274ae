"""The knowledge pages (/weten/): the index, the six pages, the habit cards and the
muscle drawings. They read content only, never the database."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation

from rugcoach.compression import drawing_response
from rugcoach.content import get_catalog
from rugcoach.core.kernel.text import LANGUAGES
from rugcoach.core.knowledge.pages import PAGE_SLUGS
from rugcoach.knowledge.presenters import (
    KnowledgePresenter,
    muscle_figure_svg_copies,
    muscle_figure_version_of,
    reverse_or_none,
)


def index(request: HttpRequest) -> HttpResponse:
    presenter = KnowledgePresenter(get_catalog(), translation.get_language())
    pages = presenter.pages.pages
    context = {
        "pages": [presenter.summary(pages[slug]) for slug in PAGE_SLUGS if slug in pages],
        "habits": [presenter.habit(card) for card in presenter.pages.habits],
        # The FAQ and the heat-or-cold helper are helper C2's pages.
        "faq_url": reverse_or_none("knowledge:faq"),
        "heat_url": reverse_or_none("knowledge:heat"),
    }
    return render(request, "knowledge/index.html", context)


def page(request: HttpRequest, slug: str) -> HttpResponse:
    if slug == "daily-habits":
        return redirect("knowledge:habits", permanent=True)
    return _render_page(request, slug)


def habits(request: HttpRequest) -> HttpResponse:
    return _render_page(request, "daily-habits")


def _render_page(request: HttpRequest, slug: str) -> HttpResponse:
    presenter = KnowledgePresenter(get_catalog(), translation.get_language())
    found = presenter.pages.page(slug)
    if found is None:
        raise Http404("Unknown page")
    return render(request, "knowledge/page.html", {"page": presenter.page(found)})


def muscle_figure(request: HttpRequest, muscle: str) -> HttpResponse:
    """Our body model with one muscle (group) highlighted, as SVG; immutable per version."""
    language = translation.get_language()
    try:
        version = muscle_figure_version_of(muscle)
    except KeyError:
        raise Http404("Unknown muscle") from None
    if language not in LANGUAGES:
        raise Http404("Unknown language")
    return drawing_response(
        request,
        muscle_figure_svg_copies(muscle, language),
        tag=f"{version}-{muscle}-{language}",
        version=version,
    )
