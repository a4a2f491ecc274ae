from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation


class PreferredLanguageMiddleware:
    """Send a logged-in member to their preferred language's version of a page.

    The URL decides the language (links stay shareable); for members, the language they
    chose is remembered and a page opened in the other language is redirected once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            request.method in ("GET", "HEAD")
            and user is not None
            and user.is_authenticated
            and user.preferred_language != translation.get_language()
            and "HX-Request" not in request.headers
        ):
            current = request.get_full_path()
            target = translate_url(current, user.preferred_language)
            if target != current:
                return HttpResponseRedirect(target)
        return self.get_response(request)
