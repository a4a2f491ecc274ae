"""The service worker, the web app manifest and the offline page.

All three are the same for everyone (no member data): the worker learns what a member may
keep offline from the player's ``training:offline_urls`` list, not from here.
"""

import json
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rugcoach.pwa.icons import ICONS
from rugcoach.pwa.middleware import MEMBER_HEADER
from rugcoach.pwa.version import PWA_DIR, cache_version

CONFIG_MARKER = "/*CONFIG*/ null"
THEME_COLOUR = "#17181a"  # the site header's ink (static/css/app.css --ink)
BACKGROUND_COLOUR = "#f5f4ef"  # the page's paper (--paper-soft): the splash screen
# Static files the worker keeps from its installation on: what every page and the offline
# page load (the player's own files come with the offline list).
PRECACHED_STATIC = (
    "css/app.css",
    "vendor/htmx.min.js",
    "training/sw-register.js",
    "pwa/offline.js",
    "pwa/icon-192.png",
)
# Paths the worker never answers for: the API (results go to the server, never to a
# cache), the admin, the language switch and the worker itself.
NETWORK_ONLY = ("/api/", "/admin/", "/i18n/")


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@lru_cache(maxsize=1)
def _source() -> str:
    source = (PWA_DIR / "sw.js").read_text(encoding="utf-8")
    if CONFIG_MARKER not in source:
        raise RuntimeError("sw.js has lost its CONFIG marker")
    return source


def worker_config() -> dict[str, Any]:
    """What the worker needs to know about our URLs, in every language."""
    refresh = []
    start_pages = []
    for language in _languages():
        with translation.override(language):
            offline_list = reverse("training:offline_urls")
            home = reverse("home")
            # Opening the plan, the player or any page of the check (a check-in, a result)
            # refreshes what is kept for offline training, and the home page of that
            # language (the installed app's start): a check-in that blocks or asks for less
            # drops the kept sessions at once.
            refresh += [
                {"prefix": reverse(name), "list": offline_list, "start": home}
                for name in ("plans:plan", "training:today", "triage:start")
            ]
            start_pages.append(home)
    figure = reverse("figure", kwargs={"slug": "x", "mode": "animated", "language": "nl"})
    offline_pages = {language: reverse("pwa:offline", args=[language]) for language in _languages()}
    return {
        "version": cache_version(),
        "precache": [*offline_pages.values(), *(static(name) for name in PRECACHED_STATIC)],
        "offlinePages": offline_pages,
        "startPages": start_pages,
        "refresh": refresh,
        "networkOnly": [*NETWORK_ONLY, reverse("pwa:service_worker")],
        "memberHeader": MEMBER_HEADER,
        "staticPrefix": static(""),
        "figurePrefix": figure[: figure.index("x/")],
    }


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    config = json.dumps(worker_config(), separators=(",", ":"))
    response = HttpResponse(
        _source().replace(CONFIG_MARKER, config),
        content_type="text/javascript; charset=utf-8",
    )
    # Served from the root, so its scope is the whole site; the header says so explicitly.
    response["Service-Worker-Allowed"] = "/"
    # The browser must see a new version at once (a new version empties the old caches).
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest, in the language of the page that links it (``?lang=``)."""
    language = request.GET.get("lang", "")
    if language not in _languages():
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        data = {
            # One app whatever the language: the id does not follow start_url.
            "id": "/",
            "name": _("RugCoach: oefeningen voor je rug"),
            "short_name": "RugCoach",
            "description": _("Train je rug met de oefeningen van %(gym)s, ook zonder verbinding.")
            % {"gym": settings.RUGCOACH_GYM_NAME},
            "lang": language,
            "dir": "ltr",
            "start_url": reverse("home"),
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "categories": ["health", "fitness"],
            "icons": [
                {
                    "src": static(f"pwa/{name}"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": purpose,
                }
                for name, size, purpose in ICONS
            ],
        }
    return JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
        headers={"Cache-Control": "no-cache"},
    )


@require_GET
def offline(request: HttpRequest, language: str) -> HttpResponse:
    """The page the worker shows for a page it has no copy of, while offline.

    The same for everyone (the worker keeps it from its installation on): it lists the
    trainings kept on this phone itself, from the worker's cache (static/pwa/offline.js).
    """
    if language not in _languages():
        raise Http404("Unknown language")
    with translation.override(language):
        return render(request, "pwa/offline.html", {"language": language})
