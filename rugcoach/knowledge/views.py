"""The knowledge pages (/weten/): the index, the six pages, the habit cards and the
muscle drawings. They read content only, never the database."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation

from rugcoach.compression import etag_matches
from rugcoach.content import get_catalog
from rugcoach.core.kernel.text import LANGUAGES
from rugcoach.core.knowledge.pages import PAGE_SLUGS
from rugcoach.knowledge.presenters import (
    KnowledgePresenter,
    muscle_figure_svg,
    muscle_figure_version_of,
    reverse_or_none,
)

#: A versioned drawing never changes (the URL's ?v= changes instead): keep it a year.
FIGURE_MAX_AGE = 60 * 60 * 24 * 365


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
    etag = f'"{version}-{muscle}-{language}"'
    # Compared weakly: the gzip middleware sends this ETag as W/"…", and so it comes back.
    if etag_matches(request, etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(muscle_figure_svg(muscle, language), content_type="image/svg+xml")
    response["ETag"] = etag
    # The drawing's own <style> colours it; an SVG has no script, so nothing else runs.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    if request.GET.get("v") == version:
        response["Cache-Control"] = f"public, max-age={FIGURE_MAX_AGE}, immutable"
    else:
        response["Cache-Control"] = "public, max-age=300"
    return response
