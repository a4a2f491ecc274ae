"""Error bodies that name the offending field the way a client sent it."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

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


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = []
        for error in exc.errors:
            loc = _client_location(list(error.get("loc", [])))
            details.append({**error, "loc": loc, "field": field_name(loc)})
        return api.create_response(request, {"detail": details}, status=422)

    @api.exception_handler(RequestDataTooBig)
    def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        message = f"The request body is larger than {limit} bytes."
        return api.create_response(request, {"detail": message}, status=413)
