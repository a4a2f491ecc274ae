"""422 bodies that name the offending field the way a client sent it."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

# Query parameters are grouped in schemas server-side (e.g. ``filters``); a client
# never sees that name, so it is left out of the location it is told about.
_INTERNAL_GROUPS = {"filters", "params", "payload", "body", "query"}


def _client_location(loc: list[object]) -> list[object]:
    return [part for index, part in enumerate(loc) if not (index == 1 and part in _INTERNAL_GROUPS)]


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = []
        for error in exc.errors:
            loc = _client_location(list(error.get("loc", [])))
            field = next((str(part) for part in loc[1:] if isinstance(part, str)), "body")
            details.append({**error, "loc": loc, "field": field})
        return api.create_response(request, {"detail": details}, status=422)
