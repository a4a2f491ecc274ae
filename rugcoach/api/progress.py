"""A member's progress over the API: what the progress page shows, as JSON.

``GET /api/progress`` gives the streak, the minutes of recent calendar weeks, each session's
pains (before, after, the next morning), the dose changes with their reasons and the
outcome measures (NPRS change, PSFS) with whether a change is meaningful
(content/outcomes.yaml). ``POST /api/progress/psfs`` stores a PSFS assessment.
"""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictInt

from rugcoach.api.auth import MEMBER_AUTH
from rugcoach.api.errors import ValidationErrorOut, field_error, invalid
from rugcoach.api.schemas import MEMBERS_ONLY, WITH_BODY, LanguageQuery
from rugcoach.progress import presenters, services

router = Router(tags=["progress"])

Direction = Literal["better", "worse", "same"]


class WeekOut(Schema):
    monday: date = Field(description="the calendar week's Monday")
    minutes: int


class SessionPainsOut(Schema):
    started_at: datetime
    minutes: int
    completed: bool
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None


class DoseChangeOut(Schema):
    on: date
    slug: str
    exercise: str
    to_exercise: str | None = Field(description="a swap's new exercise")
    action: str
    before: str = Field(description="the dose before, in words")
    after: str
    rule: str
    reason: str


class NprsOut(Schema):
    first: int
    latest: int
    direction: Direction
    points: int
    percent: int | None
    meaningful: bool = Field(description="2 points or 30% (content/outcomes.yaml)")


class RatingOut(Schema):
    name: str
    score: int


class ActivityChangeOut(Schema):
    name: str
    first: int
    latest: int
    meaningful: bool


class PsfsOut(Schema):
    assessed_on: date
    average: float
    ratings: list[RatingOut]
    first_average: float | None
    direction: Direction | None
    meaningful: bool = Field(description="MDC90 of the average (content/outcomes.yaml)")
    activities: list[ActivityChangeOut] = Field(description="activities rated both times")


class OutcomesOut(Schema):
    nprs: NprsOut | None = Field(description="null until two sessions have a pain score")
    psfs: PsfsOut | None
    psfs_due: bool


class ProgressOut(Schema):
    language: Literal["nl", "en"]
    streak: int = Field(description="training days in a row; one missed day forgiven")
    weekly_minutes: list[WeekOut]
    sessions: list[SessionPainsOut] = Field(description="the latest sessions, oldest first")
    baseline: int | None = Field(description="the pain before the first session")
    dose_changes: list[DoseChangeOut]
    outcomes: OutcomesOut


def progress_body(shown: presenters.Progress, language: str) -> dict[str, Any]:
    psfs = None
    if shown.psfs is not None:
        change = shown.psfs.change
        psfs = {
            "assessed_on": shown.psfs.assessed_on,
            "average": shown.psfs.average,
            "ratings": [{"name": r.name, "score": r.score} for r in shown.psfs.ratings],
            "first_average": change.first if change else None,
            "direction": change.direction if change else None,
            "meaningful": bool(change and change.meaningful),
            "activities": [a.__dict__ for a in change.activities] if change else [],
        }
    return {
        "language": language,
        "streak": shown.streak,
        "weekly_minutes": [w.__dict__ for w in shown.weeks],
        "sessions": [
            {
                "started_at": s.started_at,
                "minutes": round(s.seconds / 60),
                "completed": s.completed,
                "pain_before": s.before,
                "pain_after": s.after,
                "pain_next_morning": s.morning,
            }
            for s in shown.sessions
        ],
        "baseline": shown.baseline,
        "dose_changes": [
            {**c.__dict__, "to_exercise": c.to_exercise or None} for c in shown.changes
        ],
        "outcomes": {
            "nprs": shown.nprs.__dict__ if shown.nprs else None,
            "psfs": psfs,
            "psfs_due": shown.psfs_due,
        },
    }


@router.get(
    "",
    auth=MEMBER_AUTH,
    url_name="progress",
    response={200: ProgressOut, **MEMBERS_ONLY},
    summary="The member's progress: streak, minutes, pains, dose changes and outcomes",
)
def get_progress(request: HttpRequest, query: Query[LanguageQuery]) -> Any:
    shown = presenters.progress(request.user, timezone.localdate(), query.lang)
    return progress_body(shown, query.lang)


class ActivityIn(Schema):
    name: str = Field(min_length=1, max_length=services.NAME_MAX)
    score: Annotated[StrictInt, Field(ge=0, le=10)]


class PsfsIn(Schema):
    activities: list[ActivityIn] = Field(
        description="3–5 activities that are hard because of your back, each 0 (cannot do "
        "it) to 10 (as before); names must differ",
        max_length=10,
    )


class PsfsStoredOut(Schema):
    created_at: datetime
    activities: list[RatingOut]


@router.post(
    "/psfs",
    auth=MEMBER_AUTH,
    url_name="progress_psfs",
    response={201: PsfsStoredOut, 422: ValidationErrorOut, **MEMBERS_ONLY, **WITH_BODY},
    summary="Store a PSFS assessment",
)
def post_psfs(request: HttpRequest, body: PsfsIn) -> Any:
    try:
        stored = services.record_psfs(
            request.user, activities=[(a.name, a.score) for a in body.activities]
        )
    except services.InvalidPsfs as error:
        return Status(
            422,
            invalid(*(field_error(["body", "activities"], p) for p in error.problems)),
        )
    return Status(201, {"created_at": stored.created_at, "activities": stored.activities})
