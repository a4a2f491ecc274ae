"""Guided sessions: the phone's outbox posts each session here, the member reads them back.

``POST /api/sessions`` is idempotent: the phone makes a key (``client_key``, also sent as
the ``Idempotency-Key`` header) when the session starts and sends it with every attempt.
The first arrival is stored (201); any later one with the same key gets the stored
session back (200) and changes nothing. The database enforces one row per key.
"""

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import (
    AwareDatetime,
    BeforeValidator,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from rugcoach.api.auth import MEMBER_AUTH
from rugcoach.api.errors import ErrorOut, ValidationErrorOut, field_error, invalid
from rugcoach.api.schemas import MEMBERS_ONLY, WITH_BODY
from rugcoach.core.progression.models import Outcome  # the one list of answers
from rugcoach.training import exports, followups, selectors, services

router = Router(tags=["sessions"])

Where = Literal["lower_back", "buttock", "leg"]
ZeroToTen = Annotated[StrictInt, Field(ge=0, le=10)]


def _text_only(value: object) -> object:
    # pydantic would read a number as seconds since 1970: JSON times are ISO 8601 text.
    if value is not None and not isinstance(value, str):
        raise PydanticCustomError("string_type", "give ISO 8601 text, e.g. 2026-11-30T18:00:00Z")
    return value


# A time zone is required: a time without one would be read as Amsterdam time, silently.
IsoTime = Annotated[AwareDatetime, BeforeValidator(_text_only)]
ClientKey = Annotated[UUID, BeforeValidator(_text_only)]


class ExerciseResultIn(Schema):
    slug: str = Field(min_length=1, max_length=80, pattern=r"^[a-z0-9-]+$")
    item_key: str = Field(default="", max_length=48)
    version: Annotated[StrictInt, Field(ge=1, le=32767)] | None = Field(
        default=None, description="the item's prescription version the player showed"
    )
    sets_done: Annotated[StrictInt, Field(ge=0, le=20)] = 0
    outcome: Outcome | None = Field(default=None, description="null: skipped")
    hurt_where: list[Where] = Field(
        default_factory=list,
        max_length=3,
        validate_default=True,
        description="with `hurt` (and only then): where it hurt, at least one place",
    )
    pain: ZeroToTen | None = Field(
        default=None, validate_default=True, description="with `hurt` (and only then): 0–10"
    )

    # Each check names its own field, so a 422 says which one to fix.
    @field_validator("hurt_where")
    @classmethod
    def _where_with_hurt(cls, value: list[str], info: ValidationInfo) -> list[str]:
        hurt = info.data.get("outcome") == "hurt"
        if hurt and not value:
            raise ValueError("say where it hurt: lower_back, buttock and/or leg")
        if not hurt and value:
            raise ValueError("only with outcome 'hurt'")
        if len(set(value)) != len(value):
            raise ValueError("a place is repeated")
        return value

    @field_validator("pain")
    @classmethod
    def _pain_with_hurt(cls, value: int | None, info: ValidationInfo) -> int | None:
        hurt = info.data.get("outcome") == "hurt"
        if hurt and value is None:
            raise ValueError("give the pain, 0–10, with outcome 'hurt'")
        if not hurt and value is not None:
            raise ValueError("only with outcome 'hurt'")
        return value


class SessionIn(Schema):
    client_key: ClientKey = Field(description="made by the phone; the same on every retry")
    plan_session: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)] | None = Field(
        default=None, description="the plan session's id (the player's URL), if any"
    )
    started_at: IsoTime
    finished_at: IsoTime | None = None
    completed: StrictBool = Field(description="false: stopped part-way")
    pain_after: ZeroToTen | None = None
    effort: ZeroToTen | None = Field(default=None, description="how hard it was, 0–10")
    language: Literal["nl", "en"] = "nl"
    results: list[ExerciseResultIn] = Field(default_factory=list, max_length=60)


class ExerciseResultOut(Schema):
    slug: str
    item_key: str
    sets_done: int
    outcome: Outcome | None
    hurt_where: list[Where]
    pain: int | None


class SessionOut(Schema):
    client_key: UUID
    session_key: str
    started_at: datetime
    finished_at: datetime | None
    completed: bool
    pain_after: int | None
    effort: int | None
    results: list[ExerciseResultOut]


def _error(field: str, message: str) -> Status:
    return Status(422, invalid(field_error(["body", field], message)))


def session_report(body: SessionIn, **target: Any) -> services.SessionReport:
    """The service's report of a session the phone sent; ``target`` names what it was
    played for (``plan_session=`` a plan's session, ``session_key=`` a program's day)."""
    return services.SessionReport(
        client_key=body.client_key,
        started_at=body.started_at,
        finished_at=body.finished_at,
        completed=body.completed,
        pain_after=body.pain_after,
        effort=body.effort,
        language=body.language,
        results=tuple(
            services.ExerciseReport(
                slug=r.slug,
                item_key=r.item_key,
                version=r.version,
                sets_done=r.sets_done,
                outcome=r.outcome or "",
                hurt_where=tuple(r.hurt_where),
                pain=r.pain,
            )
            for r in body.results
        ),
        **target,
    )


@router.post(
    "",
    auth=MEMBER_AUTH,
    url_name="sessions",
    response={
        200: SessionOut,
        201: SessionOut,
        422: ValidationErrorOut,
        **MEMBERS_ONLY,
        **WITH_BODY,
    },
    summary="Store a finished or partly finished session, once per client key",
    description="201 when stored, 200 with the stored session when the key arrived before "
    "(nothing changes). `Idempotency-Key`, when sent, must equal `client_key`.",
)
def post_session(request: HttpRequest, body: SessionIn) -> Any:
    header = request.headers.get("Idempotency-Key")
    if header is not None and header.strip().lower() != str(body.client_key):
        return _error("client_key", "differs from the Idempotency-Key header")
    if body.finished_at is not None and body.finished_at < body.started_at:
        return _error("finished_at", "is before started_at")
    report = session_report(body, plan_session=body.plan_session)
    try:
        stored, created = services.record_session(request.user, report)
    except services.NotYourSession:
        return _error("plan_session", "not a session of your current or earlier plans")
    return Status(201 if created else 200, exports.session_data(stored))


@router.get(
    "",
    auth=MEMBER_AUTH,
    url_name="sessions",
    response={200: list[SessionOut], **MEMBERS_ONLY},
    summary="The member's own sessions, newest first",
)
def list_sessions(request: HttpRequest) -> Any:
    sessions = selectors.member_sessions(request.user).prefetch_related("results")[:200]
    return [exports.session_data(s) for s in sessions]


class FollowUpIn(Schema):
    kind: Literal["next_morning", "later"] | None = Field(
        default=None, description="which question; left out: the open one"
    )
    feeling: Literal["better", "same", "worse"] = Field(
        description="your back compared with before the session"
    )
    pain: ZeroToTen
    stiffness: ZeroToTen | None = None


class FollowUpOut(Schema):
    id: int
    kind: str
    due_at: datetime
    answered_at: datetime | None
    feeling: str
    pain: int | None
    stiffness: int | None


@router.post(
    "/{client_key}/followup",
    auth=MEMBER_AUTH,
    url_name="session_followup",
    response={
        201: FollowUpOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        **MEMBERS_ONLY,
        **WITH_BODY,
    },
    summary="Answer the follow-up question of a session",
    description="'How is your back compared with before the session?' The session is its "
    "`client_key` (as `GET /api/sessions` shows it). 201 with the answered follow-up; 404 "
    "for an unknown session or another member's; 409 when it was answered already or no "
    "question is open yet.",
)
def answer_followup(request: HttpRequest, client_key: UUID, body: FollowUpIn) -> Any:
    try:
        found = followups.followup_to_answer(request.user, client_key, body.kind)
        answered = services.answer_followup(
            request.user,
            followup_id=found.pk,
            feeling=body.feeling,
            pain=body.pain,
            stiffness=body.stiffness,
        )
    except services.FollowUpNotFound:
        return Status(404, {"detail": "No session of yours with this client_key."})
    except followups.NothingOpen as error:
        if error.answered:
            return Status(409, {"detail": "This follow-up was answered already."})
        return Status(409, {"detail": "No follow-up of this session is open now."})
    except services.FollowUpAlreadyAnswered:
        return Status(409, {"detail": "This follow-up was answered already."})
    except services.InvalidFollowUpAnswer as error:
        return _error(error.field, str(error))
    return Status(201, answered)
