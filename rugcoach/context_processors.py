from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from rugcoach.content import get_catalog
from rugcoach.pwa.middleware import member_tag


def brand(request: HttpRequest) -> dict[str, Any]:
    """The gym's name, the warning signs every page shows (content/warnings.yaml), and the
    opaque tag of who is logged in (the player's outbox sends a session only under the
    member who trained it)."""
    return {
        "gym_name": settings.RUGCOACH_GYM_NAME,
        "safety_warnings": _warnings,
        "member_tag": lambda: member_tag(request),
    }


def _warnings() -> dict[str, Any]:
    # Called by the template only when used, in the request's language.
    found = get_catalog().warnings
    language = translation.get_language()

    def block(part: Any) -> dict[str, Any]:
        return {
            "title": part.title.get(language),
            "signs": [sign.get(language) for sign in part.signs],
            "action": part.action.get(language),
        }

    return {
        "emergency": block(found.emergency),
        "gp": block(found.gp),
        "guidance": found.guidance.get(language),
    }


# The four sections of the top navigation (issue 14 §3) and the apps each one holds.
# Trainen holds the plan, the programs, progress and the player; Weten the knowledge
# pages and the FAQ. A page outside these (account, privacy) marks none.
NAV_SECTIONS = {
    "plans": "train",
    "programs": "train",
    "progress": "train",
    "training": "train",
    "library": "exercises",
    "knowledge": "know",
    "triage": "check",
    # A trainer's sections (issue 15 §4).
    "trainers": "dashboard",
    "agenda": "agenda",
}


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which top-level section the page belongs to, so its nav link carries aria-current."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {"nav_section": ""}
    if match.url_name == "train_hub":
        return {"nav_section": "train"}
    return {"nav_section": NAV_SECTIONS.get(match.app_name, "")}


# The pages whose templates use htmx (hx-* attributes; each works without it too). Only
# they load its script, 52 KB (17 KB gzipped): the largest file of a first visit, which
# every other page spares (docs/performance.md). tests/hardening/test_bytes_on_the_wire.py
# fails when a template with hx-* attributes has no view here.
HTMX_VIEWS = frozenset({"library:list", "knowledge:faq"})


def htmx(request: HttpRequest) -> dict[str, Any]:
    """Whether this page loads htmx."""
    match = getattr(request, "resolver_match", None)
    return {"loads_htmx": match is not None and match.view_name in HTMX_VIEWS}
