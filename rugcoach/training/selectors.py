"""Reads for the player: which session, may the member start it now, their results."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.compiled import CompiledQuery
from rugcoach.plans import selectors as plan_selectors
from rugcoach.plans.models import Plan, PlanSession
from rugcoach.training.models import Adaptation, FollowUp, TrainingSession
from rugcoach.triage.models import TriageResult
from rugcoach.triage.selectors import TrainingStatus, checked_today

# How many sessions after today's the phone keeps for offline use.
OFFLINE_AHEAD = 2


def member_sessions(member: User, *, viewer: User | None = None) -> QuerySet[TrainingSession]:
    """Every read of a member's trained sessions starts here."""
    return TrainingSession.objects.filter(member=access.reads(member, viewer))


def plan_session_of(member: User, session_id: int) -> PlanSession:
    """A session of the member's current plan; anything else (another member's, an old
    plan's, unknown) is a 404, never a peek."""
    stored = plan_selectors.current_plan(member)
    return get_object_or_404(PlanSession.objects.select_related("plan"), pk=session_id, plan=stored)


def plan_session_by_key(member: User, key: str) -> PlanSession:
    """The same, by the session's key in the plan (``w1-mon``)."""
    stored = plan_selectors.current_plan(member)
    return get_object_or_404(PlanSession, key=key, plan=stored)


def session_date(session: PlanSession) -> date:
    return session.plan.starts_on + timedelta(days=session.day_offset)


def upcoming_sessions(stored: Plan, today: date, count: int) -> list[PlanSession]:
    """The sessions to train, in order: from today's on, leaving out those trained. The
    first is the one the progression engine adapts ("the next session"), so it is the
    only one the player plays."""
    offset = (today - stored.starts_on).days
    rows = stored.sessions.filter(day_offset__gte=max(offset, 0), trainings__isnull=True)
    found = list(rows.order_by("day_offset", "order")[:count])
    for row in found:
        row.plan = stored  # spare a query per row in session_date
    return found


@dataclass(frozen=True)
class Gate:
    """Whether the member may start a session now, and if not, what comes first.

    ``step``: "train" (go), "blocked" (a check forbids training: its advice),
    "full_check" (none yet, or it must be redone), "plan" (no usable plan),
    "paused" (the progression engine paused the plan: R4, see a physio first),
    "checkin" (the daily check-in first), "lighter" (today's check-in asks for less than
    the plan: its own lighter list instead of the plan's session).
    """

    step: str
    status: TrainingStatus
    plan: Plan | None = None
    check: TriageResult | None = None
    """Today's check that opened the way ("train" only)."""
    paused: Adaptation | None = None
    """The engine's run that paused the plan and advises a physio ("paused" only)."""


def fresh_check(member: User, status: TrainingStatus) -> TriageResult | None:
    """Today's check that lets the member train (``checked_today``, the one home of that
    rule), made after the member's last stored session: the check-in comes first every
    time, not once a day."""
    check = checked_today(status)
    if check is None:
        return None
    # A session started after the check used it. When a session arrived does not count: one
    # finished offline yesterday and sent after today's check-in leaves that check-in free.
    if member_sessions(member).filter(started_at__gte=check.created_at).exists():
        return None
    return check


def safety_gate(member: User) -> tuple[Gate | None, Plan | None, TrainingStatus]:
    """The steps before any session, a plan's or a program's (one home of their order): a
    check that blocks (its advice), the full check (none yet, or redo), the usable plan
    paused by R4 (a physio first; a new full check makes the paused plan stale and lifts
    it). None: none of these stops the member. Also the usable plan and the status."""
    stored, status = plan_selectors.usable_plan(member)
    if status.blocked:
        return Gate("blocked", status), stored, status
    if status.needs_full_check:
        return Gate("full_check", status), stored, status
    if stored is not None and stored.paused_at is not None:
        return Gate("paused", status, stored, paused=plan_state(stored)), stored, status
    return None, stored, status


def gate(member: User) -> Gate:
    first, stored, status = safety_gate(member)
    if first is not None:
        return first
    if stored is None:
        return Gate("plan", status)
    check = fresh_check(member, status)
    if check is None:
        return Gate("checkin", status, stored)
    if not plan_selectors.plan_fits_check(stored, check):
        # Today's check-in asks for less than the plan was made for (pain 6 or more, a new
        # condition): the plan's session is not played; the today page gives the lighter list.
        return Gate("lighter", status, stored)
    return Gate("train", status, stored, check)


def newest_open_followup(
    member: User, *, viewer: User | None = None, now: datetime | None = None
) -> FollowUp | None:
    """The newest follow-up that is due and not answered (with its session), or None: the
    one a member is asked (the older ones stay answerable through their own links). One
    row, however many a member left open."""
    now = now or timezone.now()
    return (
        FollowUp.objects.filter(
            session__member=access.reads(member, viewer),
            answered_at__isnull=True,
            due_at__lte=now,
        )
        .select_related("session")
        .order_by("-due_at", "-id")
        .first()
    )


def member_adaptations(member: User, *, viewer: User | None = None) -> QuerySet[Adaptation]:
    """Every run of the progression engine that changed something, newest first."""
    return Adaptation.objects.filter(member=access.reads(member, viewer))


def plan_state(stored: Plan) -> Adaptation | None:
    """The plan's state: the engine's latest run on it. ``stored`` comes from a selector
    that asked the access policy."""
    return Adaptation.objects.filter(plan=stored).first()


# Every plan page asks (its state panel): compiled once (rugcoach/compiled.py).
_CURRENT_PLAN_STATE = CompiledQuery(
    lambda member_id: Adaptation.objects.filter(member_id=member_id, plan__is_current=True)[:1]
)


def current_plan_state(member: User, *, viewer: User | None = None) -> Adaptation | None:
    """The state of the member's current plan (one query)."""
    return _CURRENT_PLAN_STATE.first(access.reads(member, viewer).pk)
