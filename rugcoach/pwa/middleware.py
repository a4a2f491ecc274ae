from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

# Names whom a page was made for, so that the service worker can drop a member's kept pages
# as soon as a page comes for someone else (logged out, another member, account deleted).
MEMBER_HEADER = "X-RugCoach-Member"
VISITOR = "visitor"
_TAGGED_TYPES = ("text/html", "application/json")


def member_tag(request: HttpRequest) -> str:
    """An opaque, stable tag per member: says nothing about who, only "the same as before"."""
    # Without a session cookie nobody is logged in; no need to load the session.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return VISITOR
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return VISITOR
    return salted_hmac("rugcoach.pwa.member", str(user.pk)).hexdigest()[:20]


class MemberTagMiddleware:
    """Adds ``X-RugCoach-Member`` to pages and JSON outside the API.

    Pages and the offline list load the member anyway (the header shows their menu), so
    this costs no query. The API is left alone: the worker never caches it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        content_type = response.headers.get("Content-Type", "")
        if content_type.startswith(_TAGGED_TYPES) and not request.path.startswith("/api/"):
            response.headers.setdefault(MEMBER_HEADER, member_tag(request))
        return response
