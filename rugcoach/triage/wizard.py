"""The triage wizard's progress, kept in a signed cookie.

Nothing is stored on the server until a logged-in member finishes: an anonymous visitor's
answers live only in their own browser for an hour. Every step is a plain GET page that
reads this state, so the back button and a reload are always safe.
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from rugcoach.core.triage.engine import (
    Answer,
    TriageContent,
    TriageInputError,
    Verdict,
    evaluate,
    visible_questions,
)
from rugcoach.core.triage.engine import screens as triage_screens
from rugcoach.core.triage.schema import Screen

COOKIE = "rugcoach_triage"
RETRY_COOKIE = "rugcoach_triage_retry"
SALT = "rugcoach.triage.wizard"
MAX_AGE_SECONDS = 60 * 60
# An answer is "yes"/"no", an option's value or a number of a few digits. Anything longer
# is not an answer; capping it keeps the cookie far below the 4 KB a browser accepts.
MAX_RETRY_VALUE_CHARS = 40


def load_answers(request: HttpRequest) -> dict[str, Answer]:
    raw = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=MAX_AGE_SECONDS)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class VisitorCheck:
    """A check a visitor completed in this browser (answers from their signed cookie)."""

    answers: dict[str, Answer]
    verdict: Verdict
    saved_at: datetime
    """When the answers were last saved: at the latest step, so when the check ended."""


def completed_check(request: HttpRequest, content: TriageContent) -> VisitorCheck | None:
    """The visitor's completed check, or None: no cookie, a tampered or expired one (the
    signature and its hour decide), an unfinished check, or answers today's questions no
    longer accept. Never an error: a cookie is only the visitor's own, unchecked input."""
    answers = load_answers(request)
    if not answers:
        return None
    try:
        verdict = evaluate(answers, content)
    except TriageInputError:
        return None
    return VisitorCheck(answers=answers, verdict=verdict, saved_at=_signed_at(request))


def _signed_at(request: HttpRequest) -> datetime:
    """The time the cookie was signed. Django's signed cookie is 'value:stamp:signature'
    (TimestampSigner, stamp in base 62); it was verified before this is read. A check
    done before midnight then counts from its own day, as a member's stored check does."""
    raw = request.COOKIES.get(COOKIE, "")
    try:
        stamp = signing.b62_decode(raw.rsplit(":", 2)[1])
    except (IndexError, ValueError):
        return timezone.now()
    return min(datetime.fromtimestamp(stamp, tz=UTC), timezone.now())


def save_answers(response: HttpResponse, answers: dict[str, Answer]) -> None:
    response.set_signed_cookie(
        COOKIE,
        json.dumps(answers, separators=(",", ":")),
        salt=SALT,
        max_age=MAX_AGE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )


def forget_answers(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")


def _retry_values(posted: Mapping[str, object], fields: Iterable[str]) -> dict[str, str]:
    """Only the screen's own fields, each a string of at most MAX_RETRY_VALUE_CHARS."""
    kept = {}
    for field in fields:
        value = posted.get(field, "")
        kept[field] = value[:MAX_RETRY_VALUE_CHARS] if isinstance(value, str) else ""
    return kept


def keep_for_retry(
    response: HttpResponse, step: int, posted: Mapping[str, object], fields: Iterable[str]
) -> None:
    """Carry an incomplete screen's input across the redirect that shows its errors.

    Errors are shown on a GET page (post/redirect/get), so the browser's history never
    holds a form submission and the back button never asks to resubmit. Only ``fields``
    (the screen's question ids) are kept, each capped.
    """
    kept = _retry_values(posted, fields)
    response.set_signed_cookie(
        RETRY_COOKIE,
        json.dumps({"step": step, "posted": kept}, separators=(",", ":")),
        salt=SALT,
        max_age=60,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )


def take_retry(request: HttpRequest, step: int, fields: Iterable[str]) -> dict[str, str] | None:
    """The input kept for this step by :func:`keep_for_retry` (another step's is ignored),
    again only ``fields`` and capped; the page then calls :func:`clear_retry`."""
    raw = request.get_signed_cookie(RETRY_COOKIE, default=None, salt=SALT, max_age=60)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("step") != step:
        return None
    posted = data.get("posted")
    return _retry_values(posted, fields) if isinstance(posted, dict) else None


def steps(content: TriageContent, answers: dict[str, Answer]) -> list[Screen]:
    """The screens that have something to ask, given the answers so far."""
    asked = {question.screen for question in visible_questions(answers, content)}
    return [screen for screen in triage_screens(content) if screen.id in asked]


def first_unanswered_step(content: TriageContent, answers: dict[str, Answer]) -> int | None:
    """1-based number of the first step with an unanswered question; None when complete."""
    for number, screen in enumerate(steps(content, answers), start=1):
        questions = visible_questions(answers, content, screen=screen.id)
        if any(question.id not in answers for question in questions):
            return number
    return None


def clear_retry(response: HttpResponse) -> None:
    response.delete_cookie(RETRY_COOKIE, samesite="Lax")
