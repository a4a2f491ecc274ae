"""Whole pages shared by every visitor who brings nothing of their own (issue 16 §1).

A visitor who is not logged in and sends no cookie that could change a page (no
session, no messages, no answers of the safety check in progress) sees the same library
page as every other such visitor: the menu says "Inloggen", the language switch is links
(``accounts/templatetags/language_switch.py``), and nothing else of the request is on
it. Such a page is rendered once per (scheme, host, URL prefix, language, path, query
string) and then sent again, with its gzip made once too (``compression.GzipOnce``; each
response still gets Django's random file name, the BREACH mitigation).

Safety rests on two checks, one before and one after:

- **Who may get a shared page** (``brings_nothing_of_their_own``): a GET or HEAD, not an
  htmx request (those have their own answers), no ``Authorization`` header, and no
  cookie outside ``harmless_cookies()``. A member always has a session cookie, so a
  member never gets a shared page, and their own page is never shared (never stored).
- **What may be stored** (``shows_nothing_of_the_visitor``): a whole 200 with no header
  of the view's own but its type and Vary, no cookie, no CSRF token used while rendering,
  no message queued, no session written, and nobody logged in. Anything else is sent as
  rendered and kept nowhere, so a page that starts to show something personal stops
  being shared rather than leaking.

Every answer of a shared view says ``Vary: Cookie`` (a member gets another page at the
same address), shared or not. The store is in-process and bounded, per catalog
(``rugcoach.content.PerCatalog``): content changes only with a new process, and tests
start empty.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.cache import patch_vary_headers

from rugcoach.compression import GzipOnce, PrecompressedResponse
from rugcoach.content import PerCatalog, get_catalog
from rugcoach.lru import LeastRecentlyUsed

# Per catalog. A page and its gzip are ~45 KB (the library list) or ~11 KB (an
# exercise): every exercise in both languages and the common searches fit. The query
# string is part of the key, so odd parameters take places too (least recently used
# go first); at worst 256 list pages, ~11 MB per process.
MAX_SHARED_PAGES = 256

# The headers a view's response may carry and still be shared; any other header is the
# view's own decision about this one response (caching, a download name, a redirect).
SHAREABLE_HEADERS = frozenset({"content-type", "vary"})


@dataclass(frozen=True)
class SharedPage:
    once: GzipOnce
    content_type: str
    vary: tuple[str, ...]


_pages = PerCatalog[LeastRecentlyUsed[SharedPage]](
    lambda catalog: LeastRecentlyUsed(MAX_SHARED_PAGES)
)


def harmless_cookies() -> frozenset[str]:
    """Cookies that change nothing on a shared page: the CSRF cookie (a shared page has
    no form that posts, so no token) and the language cookie (the URL decides the
    language on every page, ``LocaleMiddleware`` with ``i18n_patterns``)."""
    return frozenset({settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME})


def brings_nothing_of_their_own(request: HttpRequest) -> bool:
    """Whether this request may be answered with, or fill, a page shared by visitors."""
    if request.method not in ("GET", "HEAD") or "HX-Request" in request.headers:
        return False
    # Credentials of any kind (the API's bearer tokens; pages read none today) are someone.
    if "Authorization" in request.headers:
        return False
    harmless = harmless_cookies()
    return all(name in harmless for name in request.COOKIES)


def shows_nothing_of_the_visitor(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether a page rendered for ``request`` is the same for every such visitor."""
    if (
        type(response) is not HttpResponse
        or response.status_code != 200
        or response.cookies
        or any(name.lower() not in SHAREABLE_HEADERS for name in response.headers)
    ):
        return False
    # get_token() sets this: the page holds a CSRF token, and with it this visitor's secret.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and messages.added_new:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return b"csrfmiddlewaretoken" not in response.content


def _key(request: HttpRequest) -> tuple[str, ...]:
    return (
        request.scheme or "",
        request.get_host(),
        get_script_prefix(),
        translation.get_language(),
        request.path_info,
        request.META.get("QUERY_STRING", ""),
    )


def _answer(page: SharedPage) -> HttpResponse:
    response = PrecompressedResponse(page.once, content_type=page.content_type)
    patch_vary_headers(response, (*page.vary, "Cookie"))
    return response


View = Callable[..., HttpResponseBase]


def shared_with_visitors(view: View) -> View:
    """Serve ``view``'s page from the shared store to a visitor who brings nothing of
    their own (see the module); render it for everyone else, as before."""

    @wraps(view)
    def shared(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not brings_nothing_of_their_own(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            return response
        store, key = _pages(get_catalog()), _key(request)
        page = store.get(key)
        if page is None:
            response = view(request, *args, **kwargs)
            if not shows_nothing_of_the_visitor(request, response):
                patch_vary_headers(response, ["Cookie"])
                return response
            vary = tuple(
                part.strip() for part in response.get("Vary", "").split(",") if part.strip()
            )
            page = SharedPage(GzipOnce.of(response.content), response["Content-Type"], vary)
            store.put(key, page)
        return _answer(page)

    return shared
