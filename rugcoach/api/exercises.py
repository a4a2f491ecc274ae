from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from rugcoach.api.schemas import (
    INVALID,
    ErrorOut,
    ExerciseFilters,
    ExerciseOut,
    ExerciseSummaryOut,
    LanguageQuery,
)
from rugcoach.content import get_catalog
from rugcoach.core.library.search import ExerciseQuery, find_exercises
from rugcoach.library.presenters import ExerciseCard, ExerciseDetail, ExercisePresenter

router = Router(tags=["exercises"])


@router.get(
    "", response={200: list[ExerciseSummaryOut], **INVALID}, summary="List and search exercises"
)
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
def get_exercise(request: HttpRequest, slug: str, params: Query[LanguageQuery]) -> ExerciseDetail:
    catalog = get_catalog()
    exercise = catalog.exercise(slug)
    if exercise is None:
        raise HttpError(404, f"Unknown exercise '{slug}'.")
    return ExercisePresenter(catalog, params.lang).detail(exercise)
