from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe

from rugcoach.compression import drawing_response, etag_matches
from rugcoach.content import PerCatalog, get_catalog
from rugcoach.core.catalog import Catalog
from rugcoach.core.kernel.text import LANGUAGES
from rugcoach.core.library.search import (
    ExerciseQuery,
    find_exercises,
    find_not_advised,
    safer_choices,
)
from rugcoach.library.answers import Answer, Answers, not_modified
from rugcoach.library.figures import MODES, figure_svg_copies, figure_version
from rugcoach.library.forms import ExerciseFilterForm
from rugcoach.library.presenters import ExercisePresenter
from rugcoach.shared_pages import shared_with_visitors

# Per catalog: (URL prefix, language, query) → the rendered results fragment. The
# fragment holds only library content (no form, no CSRF token, nothing of the member),
# so it is the same for everyone who asks the same question in the same language.
_results_fragments = PerCatalog[Answers](lambda catalog: Answers())


def _results(catalog: Catalog, query: ExerciseQuery, language: str) -> Answer:
    """The list's results for ``query`` as HTML, rendered once and then reused."""
    store = _results_fragments(catalog)
    key = (get_script_prefix(), language, query)
    fragment = store.get(key)
    if fragment is None:
        presenter = ExercisePresenter(catalog, language)
        found = find_exercises(catalog, query, language)
        # A search for an exercise we advise against answers with what to do instead.
        safer = [] if found else safer_choices(catalog, query)
        context = {
            "exercises": [presenter.card(exercise) for exercise in found],
            "safer": [presenter.card(exercise) for exercise in safer],
            "warnings": [
                presenter.not_advised(entry) for entry in find_not_advised(catalog, query.text)
            ],
            "searching": not query.is_empty,
        }
        # Rendered without the request: no context processor, so no CSRF token or user.
        html = render_to_string("library/_results.html", context)
        fragment = Answer.of(html.encode())
        store.put(key, fragment)
    return fragment


# Per catalog: (URL prefix, language, the query string as sent) → the page below its
# title (filters, results, what we advise against). Keyed by the raw GET, because the form
# shows what was typed; only valid forms are kept, and the store is a bounded LRU.
_list_bodies = PerCatalog[Answers](lambda catalog: Answers())


def _list_body(
    catalog: Catalog, form: ExerciseFilterForm, results: Answer, language: str, *, valid: bool
) -> str:
    """The filters, results and not-advised list as HTML, rendered once per question."""
    # Only the form's own fields: other parameters (a tracking tag) change nothing shown
    # and must not push the useful pages out of the store.
    raw = tuple(
        sorted((name, tuple(values)) for name, values in form.data.lists() if name in form.fields)
    )
    key = (get_script_prefix(), language, raw)
    store = _list_bodies(catalog)
    stored = store.get(key) if valid else None
    if stored is None:
        presenter = ExercisePresenter(catalog, language)
        context = {
            "form": form,
            "results": mark_safe(results.body.decode()),  # rendered from our own template
            "all_not_advised": [presenter.not_advised(e) for e in catalog.not_advised.values()],
        }
        # Rendered without the request: a GET form, so no CSRF token and no user.
        stored = Answer.of(render_to_string("library/_list_body.html", context).encode())
        if valid:
            store.put(key, stored)
    return mark_safe(stored.body.decode())  # rendered from our own template


@shared_with_visitors
def exercise_list(request: HttpRequest) -> HttpResponse:
    """The library with its filters; an htmx request gets only the results.

    The results fragment is shared (see ``_results``) and the htmx answer carries its
    ETag, so a repeated search is a 304. The whole page has no ETag: a member's holds a
    CSRF token and their menu, which a shared tag would not cover. A visitor's whole
    page is shared (``rugcoach.shared_pages``).
    """
    catalog = get_catalog()
    language = translation.get_language()
    form = ExerciseFilterForm(request.GET, vocabulary=catalog.vocabulary, language=language)
    valid = form.is_valid()
    query = form.to_query() if valid else ExerciseQuery()
    results = _results(catalog, query, language)
    status = 200 if valid else 400
    response: HttpResponse
    if "HX-Request" in request.headers:
        if valid and etag_matches(request, results.etag):
            response = not_modified(results.etag)
        else:
            response = HttpResponse(results.body, status=status)
            if valid:
                response["ETag"] = results.etag
    else:
        body = _list_body(catalog, form, results, language, valid=valid)
        response = render(request, "library/list.html", {"body": body}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


# Per catalog: (URL prefix, language, slug) → the exercise page below the menu.
_detail_bodies = PerCatalog[Answers](lambda catalog: Answers())


@shared_with_visitors
def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    catalog = get_catalog()
    exercise = catalog.exercise(slug)
    if exercise is None:
        raise Http404("Unknown exercise")
    language = translation.get_language()
    detail = ExercisePresenter(catalog, language).detail(exercise)
    store, key = _detail_bodies(catalog), (get_script_prefix(), language, slug)
    body = store.get(key)
    if body is None:
        # Rendered without the request, so nothing of the visitor can get in; the one
        # site-wide name it shows is passed in.
        context = {"exercise": detail, "gym_name": settings.RUGCOACH_GYM_NAME}
        body = Answer.of(render_to_string("library/_detail_body.html", context).encode())
        store.put(key, body)
    context = {"exercise": detail, "body": mark_safe(body.body.decode())}  # our own template
    return render(request, "library/detail.html", context)


@shared_with_visitors
def not_advised_detail(request: HttpRequest, slug: str) -> HttpResponse:
    catalog = get_catalog()
    entry = catalog.not_advised.get(slug)
    if entry is None:
        raise Http404("Unknown entry")
    view = ExercisePresenter(catalog, translation.get_language()).not_advised(entry)
    return render(request, "library/not_advised.html", {"entry": view})


def figure(request: HttpRequest, slug: str, mode: str, language: str) -> HttpResponse:
    """One exercise figure as SVG; immutable for its versioned URL."""
    exercise = get_catalog().exercise(slug)
    if (
        exercise is None
        or exercise.figure is None
        or mode not in MODES
        or language not in LANGUAGES
    ):
        raise Http404("Unknown figure")
    return drawing_response(
        request,
        figure_svg_copies(slug, mode, language),
        tag=f"{figure_version(slug)}-{mode}-{language}",
        version=figure_version(slug),
    )


def figure_gallery(request: HttpRequest) -> HttpResponse:
    """Every figure side by side, for a trainer to review."""
    catalog = get_catalog()
    language = translation.get_language()
    presenter = ExercisePresenter(catalog, language)
    found = find_exercises(catalog, ExerciseQuery(), language)
    exercises = [presenter.card(e) for e in found]
    return render(request, "library/gallery.html", {"exercises": exercises})
