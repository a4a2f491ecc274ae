"""Whether a program session the phone sends counts as a day of the program.

The player's gate (``selectors.gate``) runs before a session starts; the server cannot
trust that it ran (an old page, a copy kept offline, a crafted request). So a session that
arrives is judged again, by the member's state when it STARTED: the checks made at or
before ``started_at``, the plan's pause, whether the program fits. A session refused here
is still stored (``training.TrainingSession``: data is never lost) but is no day of the
program (``services.record_day``).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.programs.build import NotForYou
from rugcoach.core.programs.content import Program
from rugcoach.plans import selectors as plan_selectors
from rugcoach.programs import selectors
from rugcoach.training import selectors as training_selectors
from rugcoach.triage.models import TriageResult
from rugcoach.triage.selectors import TrainingStatus, member_results

# Why a session does not count (the 409's ``reason``), in the gate's order.
BLOCKED = "blocked"
FULL_CHECK = "full_check"
CHECKIN = "checkin"
PAUSED = "paused"
PHYSIO = "physio"
NOT_FOR_YOU = "not_for_you"
# And what the enrollment or the day itself says.
LEFT = "left"
FINISHED = "finished"
OUT_OF_ORDER = "out_of_order"
NOT_COUNTED_BEFORE = "not_counted"

# The API's message per reason (English: the API speaks English; pages say it in Dutch).
MESSAGES = {
    BLOCKED: "a check made before this session started forbids training: stored, not counted",
    FULL_CHECK: "no valid full check before this session started: stored, not counted",
    CHECKIN: "no check-in that allows training on the day this session started, before it "
    "started and after the session before it: stored, not counted",
    PAUSED: "your plan was paused (see a physio first) before this session started: "
    "stored, not counted",
    PHYSIO: "days held by pain in a row: see a physio and do a new full check first: "
    "stored, not counted",
    NOT_FOR_YOU: "this program is not for you now: stored, not counted",
    LEFT: "you left this program: stored, not counted (join it again to go on)",
    FINISHED: "you finished this program: stored, not counted (restart it to play it again)",
    OUT_OF_ORDER: "neither the day to play next nor a day done: stored, not counted",
    NOT_COUNTED_BEFORE: "this session was stored before and not counted as a day",
}


def status_at(member: User, moment: datetime) -> TrainingStatus:
    """``triage.selectors.training_status`` as it stood at ``moment``: only the checks made
    at or before it count. Only a full check clears a check-in's red flag, so a blocking
    check-in after the latest full check still blocks, however calm the ones after it."""
    results = member_results(member).filter(created_at__lte=moment)
    version = get_catalog().triage.questions_version
    triage = results.filter(kind=TriageResult.Kind.TRIAGE).first()
    latest = results.first()
    if triage is None:
        return TrainingStatus(triage=None, latest=latest, questions_version=version)
    since = Q(created_at__gt=triage.created_at) | Q(created_at=triage.created_at, pk__gt=triage.pk)
    blocking = results.filter(since, kind=TriageResult.Kind.CHECKIN, may_train=False)
    return TrainingStatus(
        triage=triage, latest=latest, blocking_checkins=tuple(blocking), questions_version=version
    )


def refusal(member: User, program: Program, started_at: datetime) -> str | None:
    """Why a session of ``program`` started at ``started_at`` may not count (a reason
    above), or None. The player's gate, in its order, at the session's start: a check that
    blocks; the full check; a check-in (or full check) that allows training, made that day
    at or before the start and after any session before it; the plan not paused by then
    (R4); no stop for a physio after days held by pain (R4); the program fits."""
    status = status_at(member, started_at)
    if status.blocked:
        return BLOCKED
    if status.needs_full_check:
        return FULL_CHECK
    check = status.latest
    day = timezone.localdate(started_at)
    if check is None or not check.may_train or timezone.localdate(check.created_at) != day:
        return CHECKIN
    # The check-in comes first every time (``training.selectors.fresh_check``): a session
    # started after it used it, so a second one on the same check-in does not count.
    if (
        training_selectors.member_sessions(member)
        .filter(started_at__gte=check.created_at, started_at__lt=started_at)
        .exists()
    ):
        return CHECKIN
    stored = plan_selectors.current_plan(member)
    # Paused by R4 before the start, on a plan still usable then (``plans.selectors.
    # usable_plan``, which ``training.selectors.safety_gate`` reads: a full check that
    # makes the plan stale lifts its pause).
    if (
        stored is not None
        and stored.paused_at is not None
        and stored.paused_at <= started_at
        and not plan_selectors.plan_is_stale(stored, status)
    ):
        return PAUSED
    if selectors.physio_first(member, program, status) is not None:
        return PHYSIO
    fit = selectors.fits(member, program, status, day)
    if fit is None or isinstance(fit.result, NotForYou):
        return NOT_FOR_YOU
    return None
