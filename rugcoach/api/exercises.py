"""The exercise API. Its answers are built once per catalog and served as the same bytes.

The library is the same for everyone and the catalog never changes while the process
runs, so each answer (per language, filters and page; per exercise and language) is
validated against its schema and serialized once, then kept with a strong ETag
(rugcoach/library/answers.py). Query validation still runs on every request, so bad
input gives the same 422 naming the field, and nothing invalid reaches the store.
"""

from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.renderers import JSONRenderer

from rugcoach.api.schemas import (
    INVALID,
    ErrorOut,
    ExerciseFilters,
    ExerciseOut,
    ExerciseSummaryOut,
    LanguageQuery,
)
from rugcoach.compression import etag_matches
from rugcoach.content import PerCatalog, get_catalog
from rugcoach.core.library.search import ExerciseQuery, find_exercises
from rugcoach.library.answers import Answer, Answers, not_modified
from rugcoach.library.presenters import ExerciseCard, ExerciseDetail, ExercisePresenter

router = Router(tags=["exercises"])

# Public content, the same for every visitor and member: a browser or proxy may keep an
# answer for five minutes and then revalidate it with its ETag. The language is in the
# URL (?lang=), so no header changes the answer.
CACHE_CONTROL = "public, max-age=300"

_answers = PerCatalog[Answers](lambda catalog: Answers())
_renderer = JSONRenderer()


class ExercisePageOut(Schema):
    """The list's answer: what ninja's pagination documents as PagedExerciseSummaryOut."""

    items: list[ExerciseSummaryOut]
    count: int


def _serialized(schema: type[Schema], data: object) -> bytes:
    """Validated by ``schema`` and rendered by ninja's JSON renderer, as ninja would."""
    dumped = schema.model_validate(data).model_dump()
    return str(_renderer.render(None, dumped, response_status=200)).encode()  # type: ignore[arg-type]


def answered_once(
    key: Callable[..., Hashable], schema: type[Schema]
) -> Callable[[Callable[..., Any]], Callable[..., HttpResponse]]:
    """Serve the operation's answer from the store, building it on first use.

    ``key`` gets the operation's validated parameters and must name everything the answer
    depends on besides the catalog; the URL prefix (SCRIPT_NAME, part of every URL in the
    answer) is added here. Errors (HttpError) are raised through and never stored.
    """

    def decorate(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
        @wraps(view)  # keeps the parameters ninja reads for validation and the schema
        def serve(request: HttpRequest, **params: Any) -> HttpResponse:
            store = _answers(get_catalog())
            answer_key = (view.__name__, get_script_prefix(), key(**params))
            answer = store.get(answer_key)
            if answer is None:
                answer = Answer.of(_serialized(schema, view(request, **params)))
                store.put(answer_key, answer)
            if etag_matches(request, answer.etag):
                response = not_modified(answer.etag)
            else:
                response = HttpResponse(answer.body, content_type="application/json; charset=utf-8")
                response["ETag"] = answer.etag
            response["Cache-Control"] = CACHE_CONTROL
            return response

        return serve

    return decorate


def _list_key(filters: ExerciseFilters, ninja_pagination: PageNumberPagination.Input) -> Hashable:
    # Filters combine as sets (OR within one, order and repeats make no difference), so
    # the key holds each sorted and without repeats: equal queries share one answer.
    return (
        filters.lang,
        *(
            tuple(sorted({value.value for value in values}))
            for values in (
                filters.category,
                filters.situation,
                filters.equipment,
                filters.position,
                filters.muscle,
            )
        ),
        filters.q,
        ninja_pagination.page,
        ninja_pagination.page_size,
    )


@router.get(
    "", response={200: list[ExerciseSummaryOut], **INVALID}, summary="List and search exercises"
)
@answered_once(_list_key, ExercisePageOut)
@paginate(PageNumberPagination, page_size=20)
def list_exercises(request: HttpRequest, filters: Query[ExerciseFilters]) -> list[ExerciseCard]:
    catalog = get_catalog()
    query = ExerciseQuery(
        categories=frozenset(filters.category),
        situations=frozenset(filters.situation),
        equipment=frozenset(filters.equipment),
        positions=frozenset(filters.position),
        muscles=frozenset(filters.muscle),
        text=filters.q,
    )
    presenter = ExercisePresenter(catalog, filters.lang)
    return [presenter.card(e) for e in find_exercises(catalog, query, filters.lang)]


@router.get(
    "/{slug}",
    response={200: ExerciseOut, 404: ErrorOut, **INVALID},
    summary="One exercise with steps, dose and cautions",
)
@answered_once(lambda slug, params: (slug, params.lang), ExerciseOut)
def get_exercise(request: HttpRequest, slug: str, params: Query[LanguageQuery]) -> ExerciseDetail:
    catalog = get_catalog()
    exercise = catalog.exercise(slug)
    if exercise is None:
        raise HttpError(404, f"Unknown exercise '{slug}'.")
    return ExercisePresenter(catalog, params.lang).detail(exercise)
