"""Plans over the API: a preview for anyone, the current plan and swaps for members."""

from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictInt

from rugcoach.api.auth import MEMBER_AUTH
from rugcoach.api.errors import ErrorOut as MessageOut  # one error schema: api/errors.py
from rugcoach.api.schemas import (
    INVALID,
    MEMBERS_ONLY,
    WITH_BODY,
    LanguageQuery,
    ProfileIn,
    SelfTestsIn,
    TriageAnswersIn,
)
from rugcoach.api.triage import answer_errors
from rugcoach.content import get_catalog
from rugcoach.core.planner import (
    NoPlan,
    Plan,
    PlanError,
    Profile,
    Weekday,
    alternatives,
    build_plan,
    focus_areas,
    focus_left_out,
)
from rugcoach.core.planner.pregnancy import due_date_problem
from rugcoach.core.planner.schedule import plan_schedule
from rugcoach.core.schedule import Schedule
from rugcoach.core.triage.engine import TriageInputError, Verdict, evaluate
from rugcoach.plans import selectors, services
from rugcoach.triage.selectors import training_status

router = Router(tags=["plans"])


class PreviewIn(Schema):
    profile: ProfileIn  # type: ignore[valid-type]
    self_tests: SelfTestsIn = Field(default_factory=SelfTestsIn)  # type: ignore[valid-type]
    triage_answers: TriageAnswersIn | None = Field(  # type: ignore[valid-type]
        default=None,
        description="answers to the safety check; a logged-in member may leave this out "
        "to use their latest stored check",
    )


class PlanOut(Schema):
    """Either a plan (as the planner's weeks and as a schedule of sessions with stable
    keys), or no_plan with the reason (the safety verdict forbids training). For a stored
    plan the schedule is read from its rows and is what to do: each item's latest
    prescription version; ``plan`` is the planner's output (its focus, reasons and
    exclusions, and the weeks as planned and swapped)."""

    plan: Plan | None = Field(
        description="the planner's output: weeks as planned (and swapped), focus areas, "
        "reasons, excluded exercises; a later dose change is only in the schedule"
    )
    schedule: Schedule | None = Field(
        description="the same plan as sessions on day offsets, items with stable keys and "
        "each dose as a prescription with its words in Dutch and English; for a stored plan "
        "read from its rows, the latest prescription version being what to do next time"
    )
    no_plan: NoPlan | None
    language: Literal["nl", "en"]


class StoredPlanOut(PlanOut):
    id: int
    starts_on: str
    created_at: str


class SwapIn(Schema):
    week: StrictInt = Field(ge=1, le=4)
    weekday: Weekday
    exercise: str = Field(description="the slug to replace")
    replacement: str = Field(description="the slug to put in its place")
    scope: Literal["session", "everywhere"] = Field(
        default="session",
        description="this session only, or every session of the plan that has the "
        "exercise (where the replacement is allowed there); no other exercise changes",
    )


class AlternativesOut(Schema):
    alternatives: list[str]


def _current_or_404(request: HttpRequest) -> Any:
    """The plan the member may train on now: 404 without one, 409 when the latest
    safety check forbids training or changed since the plan was made."""
    stored, status = selectors.usable_plan(request.user)
    if stored is not None:
        return stored
    if selectors.current_plan(request.user) is None:
        raise HttpError(404, "No plan yet: do the safety check and the intake first.")
    if status.blocked:
        raise HttpError(409, "The latest safety check does not allow training now.")
    raise HttpError(409, "The safety check changed since this plan: make a new plan.")


class MissingTriage(Exception):
    """Neither answers in the request nor a stored safety check for a logged-in member."""


def _verdict_for(request: HttpRequest, answers: dict[str, Any] | None) -> Verdict:
    if answers is not None:
        return evaluate(answers, get_catalog().triage)
    if request.user.is_authenticated:
        verdict = selectors.governing_verdict(training_status(request.user))
        if verdict is not None:
            return verdict
    raise MissingTriage


@router.post(
    "",
    response={200: PlanOut, **INVALID, **WITH_BODY},
    summary="Preview a 4-week plan for a profile (nothing is stored)",
)
def preview(request: HttpRequest, body: PreviewIn, params: Query[LanguageQuery]) -> Any:
    catalog = get_catalog()
    try:
        answers = body.triage_answers
        given = answers.model_dump(exclude_unset=True) if answers is not None else None
        verdict = _verdict_for(request, given)
    except MissingTriage:
        message = "give the safety check's answers (or log in after doing the check)"
        detail = [{"field": "triage_answers", "loc": ["body", "triage_answers"], "msg": message}]
        return Status(422, {"detail": detail})
    except TriageInputError as error:
        detail = answer_errors(error)["detail"]
        for entry in detail:
            entry["loc"] = ["body", "triage_answers", entry["field"]]
        return Status(422, {"detail": detail})
    today = timezone.localdate()
    due = body.profile.due_date
    problem = None if due is None else due_date_problem(due, today)
    if problem is not None:
        message = DUE_DATE_MESSAGES[problem]
        detail = [{"field": "due_date", "loc": ["body", "profile", "due_date"], "msg": message}]
        return Status(422, {"detail": detail})
    focus = focus_areas(body.profile, body.self_tests, catalog.planner)
    # As a plan made today: it starts next Monday, so pregnancy weeks fall on real dates.
    starts_on = services.first_monday(today)
    left_out = focus_left_out(body.profile, body.self_tests, catalog.planner)
    result = build_plan(
        body.profile,
        focus,
        verdict,
        catalog,
        catalog.planner,
        starts_on=starts_on,
        left_out=left_out,
    )
    return _plan_body(result, params.lang)


DUE_DATE_MESSAGES = {
    "past": "the due date must lie after today",
    "too-far": "the due date must lie at most 42 weeks ahead",
}


def _plan_body(result: Plan | NoPlan, language: str) -> dict[str, Any]:
    if isinstance(result, NoPlan):
        return {"plan": None, "schedule": None, "no_plan": result, "language": language}
    schedule = plan_schedule(result, get_catalog().exercises)
    return {"plan": result, "schedule": schedule, "no_plan": None, "language": language}


@router.get(
    "/current",
    auth=MEMBER_AUTH,
    response={200: StoredPlanOut, 404: MessageOut, 409: MessageOut, **INVALID, **MEMBERS_ONLY},
    summary="The member's current plan",
)
def current(request: HttpRequest, params: Query[LanguageQuery]) -> Any:
    return _stored_body(_current_or_404(request), params.lang)


def _stored_body(stored: Any, language: str) -> dict[str, Any]:
    plan = selectors.parsed_plan(stored)
    return {
        "plan": plan,
        "schedule": selectors.stored_schedule(stored),
        "no_plan": None,
        "language": language,
        "id": stored.pk,
        "starts_on": stored.starts_on.isoformat(),
        "created_at": stored.created_at.isoformat(),
    }


class AlternativesQuery(Schema):
    week: int = Field(ge=1, le=4)
    weekday: Weekday
    exercise: str


@router.get(
    "/current/alternatives",
    auth=MEMBER_AUTH,
    response={200: AlternativesOut, 404: MessageOut, 409: MessageOut, **INVALID, **MEMBERS_ONLY},
    summary="Exercises that may replace one in a session",
)
def current_alternatives(request: HttpRequest, query: Query[AlternativesQuery]) -> Any:
    stored = _current_or_404(request)
    catalog = get_catalog()
    try:
        found = alternatives(
            selectors.parsed_plan(stored),
            query.week,
            query.weekday,
            query.exercise,
            Profile.model_validate(stored.profile),
            Verdict.model_validate(stored.verdict),
            catalog,
            catalog.planner,
        )
    except PlanError as error:
        raise HttpError(404, f"exercise: {error}") from error
    return {"alternatives": list(found)}


@router.post(
    "/current/swap",
    auth=MEMBER_AUTH,
    response={
        200: StoredPlanOut,
        404: MessageOut,
        409: MessageOut,
        **INVALID,
        **MEMBERS_ONLY,
        **WITH_BODY,
    },
    summary="Swap an exercise, in one session or everywhere, for one with the same purpose",
)
def swap(request: HttpRequest, body: SwapIn, params: Query[LanguageQuery]) -> Any:
    stored = _current_or_404(request)
    try:
        stored = services.swap_exercise(
            stored,
            body.week,
            body.weekday,
            body.exercise,
            body.replacement,
            scope=body.scope,
            by=request.user,
        )
    except PlanError as error:
        detail = [{"field": "replacement", "loc": ["body", "replacement"], "msg": str(error)}]
        return Status(422, {"detail": detail})
    return _stored_body(stored, params.lang)


@router.post(
    "/current/regenerate",
    auth=MEMBER_AUTH,
    response={200: StoredPlanOut, 409: MessageOut, **INVALID, **MEMBERS_ONLY},
    summary="Build a new plan from the stored intake and latest safety check",
)
def regenerate(request: HttpRequest, params: Query[LanguageQuery]) -> Any:
    try:
        result = services.generate_plan(request.user, timezone.localdate())
    except services.PlanNotPossible as missing:
        raise HttpError(409, str(missing)) from missing
    if result.plan is None:
        raise HttpError(409, "The safety check does not allow a training plan now.")
    return _stored_body(result.plan, params.lang)
