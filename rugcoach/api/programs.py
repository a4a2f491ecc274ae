"""Programs: the list, one program with the member's standing, and a day played.

``POST /api/programs/{slug}/sessions`` takes the body of ``POST /api/sessions`` with the
day as ``session_key`` (``challenge-30-days/d01``) instead of ``plan_session``; it is
idempotent per ``client_key`` the same way (201 stored, 200 the stored one again).
"""

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictInt

from rugcoach.api.auth import MEMBER_AUTH
from rugcoach.api.errors import ErrorOut, ValidationErrorOut, field_error, invalid
from rugcoach.api.schemas import MEMBERS_ONLY, WITH_BODY, LanguageQuery
from rugcoach.api.sessions import SessionIn, SessionOut, _error, session_report
from rugcoach.content import get_catalog
from rugcoach.core.programs.days import Standing, next_day
from rugcoach.programs import admission, presenters, selectors, services
from rugcoach.training import exports

router = Router(tags=["programs"])


class StandingOut(Schema):
    status: str = Field(description="active, left or finished")
    started_on: str
    done_days: int
    total_days: int
    streak: int
    missed: int
    finished: bool
    minutes: int = Field(
        description="minutes trained, by each day's clock (finished_at - started_at, at most "
        "twice the program's minutes per session)"
    )
    next_day: str | None = Field(
        description="the key of the day to play next in this enrollment, e.g. 'd06' (a "
        "repeat after a day that hurt names that day again); null only when every day is "
        "done (finished; an ongoing routine never has null). The same in the list and in "
        "GET /api/programs/{slug}"
    )
    done: list[str] = Field(description="the keys of the days done, in order (repeats too)")


class ProgramOut(Schema):
    slug: str
    kind: str
    name: str
    summary: str
    who_for: str
    dose: str
    minutes: int
    per_week: int | None
    levels: list[str]
    equipment: list[str]
    days: list[dict[str, Any]]
    standing: StandingOut | None = Field(
        default=None, description="the logged-in member's latest enrollment, if any"
    )


def _standing_data(
    status: str,
    started_on: date,
    standing: Standing,
    done: list[str],
    next_day: str | None,
    minutes: int,
) -> dict[str, Any]:
    return {
        "status": status,
        "started_on": started_on.isoformat(),
        "done_days": standing.done_days,
        "total_days": standing.total_days,
        "streak": standing.streak,
        "missed": standing.missed,
        "finished": standing.finished,
        "minutes": minutes,
        "next_day": next_day,
        "done": done,
    }


def _standing(request: HttpRequest, slug: str) -> dict[str, Any] | None:
    if not request.user.is_authenticated:
        return None
    mine = selectors.member_program(request.user, selectors.program_or_404(slug))
    if mine.enrollment is None or mine.standing is None:
        return None
    following = mine.next.key if mine.next is not None else None
    return _standing_data(
        mine.enrollment.status,
        mine.enrollment.started_on,
        mine.standing,
        [d.key for d in mine.done],
        following,
        selectors.trained_minutes(mine.program, mine.enrollment),
    )


@router.get(
    "",
    url_name="programs",
    response={200: list[ProgramOut], 422: ValidationErrorOut},
    summary="Every program, in one language (with your standing when logged in)",
)
def list_programs(request: HttpRequest, query: Query[LanguageQuery]) -> Any:
    found = []
    today = timezone.localdate()
    latest = selectors.latest_enrollments(request.user) if request.user.is_authenticated else {}
    rules = get_catalog().progression
    for program in selectors.programs().values():
        data = presenters.program_data(program, query.lang)
        enrollment = latest.get(program.slug)
        standing = selectors.list_standing(program, enrollment, today)
        if enrollment is not None and standing is not None:
            done = selectors.days_done(enrollment)
            data["standing"] = _standing_data(
                enrollment.status,
                enrollment.started_on,
                standing,
                [day.key for day in done],
                next_day(program, done, rules).key,
                selectors.trained_minutes(program, enrollment),
            )
        found.append(data)
    return found


@router.get(
    "/{slug}",
    url_name="program",
    response={200: ProgramOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="One program, in one language (with your standing when logged in)",
)
def get_program(request: HttpRequest, slug: str, query: Query[LanguageQuery]) -> Any:
    program = get_catalog().programs.programs.get(slug)
    if program is None:
        return Status(404, {"detail": "No program with this slug: GET /api/programs lists them."})
    return {**presenters.program_data(program, query.lang), "standing": _standing(request, slug)}


class ProgramSessionIn(SessionIn):
    session_key: str = Field(
        min_length=1,
        max_length=32,
        description="the day played: '<program slug>/<day key>', e.g. 'challenge-30-days/d01'",
    )
    plan_session: Annotated[StrictInt, Field(ge=1)] | None = Field(
        default=None, description="not used here: a program day is named by session_key"
    )


@router.post(
    "/{slug}/sessions",
    auth=MEMBER_AUTH,
    url_name="program_sessions",
    response={
        200: SessionOut,
        201: SessionOut,
        404: ErrorOut,
        409: ValidationErrorOut,
        422: ValidationErrorOut,
        **MEMBERS_ONLY,
        **WITH_BODY,
    },
    summary="Store a day of a program played in the player, once per client key",
    description="The body of POST /api/sessions with `session_key` ('<slug>/<day key>') "
    "instead of `plan_session`. 201 when stored, 200 with the stored session when the key "
    "arrived before. A session is judged by your state when it started (a check-in that "
    "allows training that day, before it and after any session before it; nothing blocking; "
    "the plan not paused; no stop for a physio after days held by pain; the "
    "program fits you), by your enrollment (a program you were never in is joined; one you "
    "left or finished is not) and by its day (the next day, or a day done again): when one "
    "says no, 409 naming session_key, its message starting with the reason (blocked, "
    "full_check, checkin, paused, physio, not_for_you, left, finished, out_of_order; "
    "not_counted: "
    "this key came before and was not counted): a 409 always means the session IS stored "
    "(sending it again changes nothing) but counts as no day. Only a completed session "
    "is a day done; a stopped one is stored and its day is played again next time. A "
    "client_key of another session, or a started_at more than 5 minutes ahead: 422.",
)
def post_program_session(request: HttpRequest, slug: str, body: ProgramSessionIn) -> Any:
    if slug not in get_catalog().programs.programs:
        return Status(404, {"detail": "No program with this slug: GET /api/programs lists them."})
    header = request.headers.get("Idempotency-Key")
    if header is not None and header.strip().lower() != str(body.client_key):
        return _error("client_key", "differs from the Idempotency-Key header")
    if body.plan_session is not None:
        return _error("plan_session", "a program day is named by session_key, not plan_session")
    if body.finished_at is not None and body.finished_at < body.started_at:
        return _error("finished_at", "is before started_at")
    if not body.session_key.startswith(f"{slug}/"):
        return _error("session_key", f"must start with '{slug}/', e.g. '{slug}/d01'")
    report = session_report(body, session_key=body.session_key)
    try:
        played = services.record_day(request.user, program=slug, report=report)
    except services.UnknownDay:
        return _error("session_key", f"not a day of {slug}: GET /api/programs/{slug} lists them")
    except services.InvalidReport as error:
        return _error(error.field, str(error))
    except services.KeyInUse:
        return _error("client_key", "belongs to another session: make a new key per session")
    except services.NotCounted as refused:
        return Status(409, _not_counted(refused))
    return Status(201 if played.created else 200, exports.session_data(played.session))


def _not_counted(refused: services.NotCounted) -> dict[str, Any]:
    """The 409: ``session_key`` at fault, its message starting with the reason's code
    (``checkin: …``; the codes are ``admission``'s)."""
    message = f"{refused.reason}: {admission.MESSAGES[refused.reason]}"
    return invalid(field_error(["body", "session_key"], message))
