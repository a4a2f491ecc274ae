"""The member's access log in words: who viewed or changed their data, when, and what.

``AccessLogEntry`` rows are written by the access policy alone (``accounts/access.py``);
this module reads them for the member (the log page, the account page, the export's PDF)
and holds the one list of words for each ``what`` code. Whoever passes a new code to
``access.reads``/``changes``/``authorize_id``/``record`` adds it here;
``tests/accounts/test_access_log.py`` fails for a code used in the source without words.
A code without words (from an older version) is shown by its scope, never as a code.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import get_language

from rugcoach.accounts import access
from rugcoach.accounts.access import Scope, Viewer
from rugcoach.accounts.models import AccessLogEntry

# code → (Dutch, English): what was viewed or changed, as the member reads it.
WHAT: dict[str, tuple[str, str]] = {
    # Defaults: a call without ``what`` logs its scope.
    "health": ("je gezondheidsgegevens", "your health data"),
    "booking": (
        "je intakeboeking (reden en niveau van je check)",
        "your intake booking (reason and check level)",
    ),
    # The trainer's agenda and intake (issue 15 §2).
    "agenda": ("je intakeboeking in de agenda", "your intake booking in the agenda"),
    "booking-note": ("de notitie bij je intake", "the note on your intake"),
    "booking-status": ("of je op je intake was", "whether you came to your intake"),
    # The dashboard and member detail (issue 15 §4).
    "dashboard": (
        "je samenvatting op het trainersdashboard",
        "your summary on the trainer dashboard",
    ),
    "alerts": (
        "je meldingen (rode vlaggen, pijn, inactiviteit)",
        "your alerts (red flags, pain, inactivity)",
    ),
    "alert-handled": ("een melding over jou, afgehandeld", "an alert about you, marked handled"),
    "member": (
        "je checks, intake, plan, trainingen, pijn en resultaten",
        "your checks, intake, plan, sessions, pain and outcomes",
    ),
    "checks": ("je checks en check-ins", "your checks and check-ins"),
    "intake": ("je intake en zelftests", "your intake and self-tests"),
    "plan": ("je plan", "your plan"),
    "sessions": ("je trainingen", "your sessions"),
    "progress": ("je voortgang en pijn", "your progress and pain"),
    "note": ("een notitie voor jou", "a note for you"),
    "plan-swap": ("een oefening in je plan (gewisseld)", "an exercise in your plan (swapped)"),
    "plan-dose": ("een dosis in je plan", "a dose in your plan"),
    "plan-pause": ("je plan (gepauzeerd)", "your plan (paused)"),
    "plan-resume": ("je plan (hervat)", "your plan (resumed)"),
    # The codes the merged apps pass (issue 15): the member's own pages, the agenda's marks,
    # the member detail and the trainer's forms.
    "bookings": ("je intakes", "your intakes"),
    "intake-status": ("of je op je intake was", "whether you came to your intake"),
    "intake-note": ("de notitie bij je intake", "the note on your intake"),
    "dashboard-intakes": (
        "je intake op het trainersdashboard",
        "your intake on the trainer dashboard",
    ),
    "member-detail": (
        "je checks, intake, plan, trainingen, pijn en resultaten",
        "your checks, intake, plan, sessions, pain and outcomes",
    ),
    "member-note": ("een notitie voor jou", "a note for you"),
    "plan-adjust": ("je plan (om het aan te passen)", "your plan (to adjust it)"),
}

_SCOPE_FALLBACK = {Scope.HEALTH.value: "health", Scope.BOOKING.value: "booking"}

PER_PAGE = 25


def what_words(code: str, scope: str, language: str | None = None) -> str:
    """The words for ``code`` in ``language`` (default: the active one)."""
    words = WHAT.get(code) or WHAT[_SCOPE_FALLBACK.get(scope, "health")]
    return words[1] if (language or get_language() or "nl").startswith("en") else words[0]


def entries(member: Viewer, *, viewer: Viewer | None = None) -> QuerySet[AccessLogEntry]:
    """The member's log, newest first (their own account data: only they read it)."""
    found = access.reads(member, viewer, scope=Scope.ACCOUNT, what="access-log")
    return AccessLogEntry.objects.filter(member=found).order_by("-at", "-id")


def latest(member: Viewer, *, count: int = 3) -> list[AccessLogEntry]:
    """The newest few, for the account page."""
    return list(entries(member)[:count])


def page(member: Viewer, number: str | int | None) -> Page:
    """One page of the log (a number out of range gives the last page)."""
    return Paginator(entries(member), PER_PAGE).get_page(number)


@dataclass(frozen=True)
class Line:
    """One entry as the member reads it."""

    at: datetime
    who: str
    changed: bool
    action: str  # "Bekeken" / "Gewijzigd", in the active language
    what: str


def in_words(found: Iterable[AccessLogEntry]) -> list[Line]:
    return [
        Line(
            at=entry.at,
            who=entry.viewer_name,
            changed=entry.action == AccessLogEntry.Action.CHANGE,
            action=str(AccessLogEntry.Action(entry.action).label),
            what=what_words(entry.what, entry.scope),
        )
        for entry in found
    ]
