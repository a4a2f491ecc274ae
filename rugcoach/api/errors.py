"""The API's error bodies, in one place: their schemas, how a field error is built, and
the handlers. Every 4xx answer is ``ErrorOut`` (one message) or ``ValidationErrorOut``
(one entry per field at fault, named the way the client sent it).
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError


class ErrorOut(Schema):
    """401, 403, 404, 409, 413: one message."""

    detail: str


class FieldErrorOut(Schema):
    field: str = Field(description="the parameter, body field or question id at fault")
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    """422: one entry per problem, each naming its field."""

    detail: list[FieldErrorOut]


# Query parameters are grouped in schemas server-side (e.g. ``filters``); a client
# never sees that name, so it is left out of the location it is told about.
_INTERNAL_GROUPS = {"filters", "params", "payload", "body", "query"}


def _client_location(loc: list[object]) -> list[object]:
    return [part for index, part in enumerate(loc) if not (index == 1 and part in _INTERNAL_GROUPS)]


def field_name(loc: list[object]) -> str:
    """The innermost named part of a location: ``weekdays`` in
    ``["body", "profile", "weekdays", 1]``, a question id in
    ``["body", "answers", "fever"]``; ``body`` when the body itself is at fault."""
    return next((str(part) for part in reversed(loc[1:]) if isinstance(part, str)), "body")


def field_error(loc: list[str | int], msg: str) -> dict[str, Any]:
    """One ``FieldErrorOut`` entry; ``loc`` as the client sent it (``["body", …]``)."""
    return {"field": field_name(list(loc)), "loc": loc, "msg": msg}


def invalid(*errors: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """A ``ValidationErrorOut`` body."""
    return {"detail": list(errors)}


# An answer to a question the check does not ask is refused, never ignored: a dropped
# "yes" to a warning sign must not turn into a verdict that allows training.
NOT_A_CHECKIN_QUESTION = (
    "Not a check-in question. A check-in takes only the questions listed under `checkin` "
    "in GET /api/triage/questions (numbness around the bottom is `checkin_nerve_signs`); "
    "the full triage's questions go to POST /api/triage."
)
NOT_A_QUESTION = "Not a question of the triage: GET /api/triage/questions lists them."


def _answer_message(request: HttpRequest, error: dict[str, object], loc: list[object]) -> str:
    if error.get("type") != "extra_forbidden" or loc[:2] != ["body", "answers"]:
        return str(error.get("msg", ""))
    return NOT_A_CHECKIN_QUESTION if "/checkins" in request.path else NOT_A_QUESTION


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = []
        for error in exc.errors:
            loc = _client_location(list(error.get("loc", [])))
            message = _answer_message(request, error, loc)
            details.append({**error, "loc": loc, "field": field_name(loc), "msg": message})
        return api.create_response(request, {"detail": details}, status=422)

    @api.exception_handler(RequestDataTooBig)
    def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        message = f"The request body is larger than {limit} bytes."
        return api.create_response(request, {"detail": message}, status=413)
