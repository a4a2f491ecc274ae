"""Writes of training results and follow-ups. A session is stored once per (member,
client key); each write that adds something the progression engine reads runs it in the
same transaction (``progression.adapt``)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.core.progression.engine import worse_than_before
from rugcoach.plans import selectors as plan_selectors
from rugcoach.plans.models import PlanSession
from rugcoach.training import progression
from rugcoach.training.models import (
    Adaptation,
    ExerciseResult,
    Feeling,
    FollowUp,
    TrainingSession,
)
from rugcoach.training.tasks import schedule_reminder
from rugcoach.triage.models import TriageResult

# The next-morning question is asked from this local time on the day after the session.
MORNING = time(8, 0)
# The second question, when the morning was worse: this long after the session started.
LATER_AFTER = timedelta(hours=48)


class FollowUpNotFound(Exception):
    """No follow-up of this member with that id."""


class FollowUpAlreadyAnswered(Exception):
    """A follow-up is answered once; the first answer stands."""


class FollowUpNotDue(Exception):
    """Asked too early: the question is about the morning after (``FollowUp.is_due``)."""


class InvalidFollowUpAnswer(ValueError):
    """An answer outside the choices; ``field`` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class NotYourSession(Exception):
    """The plan session named is not one of the member's own (or does not exist)."""


@dataclass(frozen=True)
class ExerciseReport:
    slug: str
    item_key: str = ""
    version: int | None = None  # the item's prescription version the player showed
    sets_done: int = 0
    outcome: str = ""  # "" when skipped
    hurt_where: tuple[str, ...] = ()
    pain: int | None = None


@dataclass(frozen=True)
class SessionReport:
    client_key: UUID
    started_at: datetime
    completed: bool
    plan_session: int | None = None
    finished_at: datetime | None = None
    pain_after: int | None = None
    effort: int | None = None
    language: str = "nl"
    results: tuple[ExerciseReport, ...] = field(default_factory=tuple)
    # A session outside the plan (a program's day): its own key ("challenge-30-days/d01"),
    # whether the next morning's question is asked, and the doses it gave per item key
    # (Prescriptions as JSON). The plan's progression engine does not run on it.
    session_key: str = ""
    asks_followup: bool = False
    doses: Mapping[str, Any] | None = None


def record_session(
    member: User, report: SessionReport, *, by: User | None = None, today: date | None = None
) -> tuple[TrainingSession, bool]:
    """Store a session and its results; ``(stored, created)``. ``today``: the day the
    progression engine decides the next session for (today; the demo history replays
    earlier days).

    The same key again returns the row stored first and changes nothing, even when the
    body differs (a replay is the same session; the first arrival wins). Two arrivals at
    once: the database's unique constraint lets one insert, the other reads it back.
    """
    member = access.authorize(by or member, member, action=access.Action.CHANGE)
    existing = TrainingSession.objects.filter(member=member, client_key=report.client_key).first()
    if existing is not None:
        return existing, False
    plan_session = None
    if report.plan_session is not None:
        plan_session = (
            PlanSession.objects.select_related("plan")
            .filter(pk=report.plan_session, plan__member=member)
            .first()
        )
        if plan_session is None:
            raise NotYourSession(report.plan_session)
    doses: Mapping[str, Any] = report.doses or {}
    if plan_session is not None:
        shown = {r.item_key: r.version for r in report.results if r.item_key}
        doses = plan_selectors.doses_given(plan_session.plan, shown, report.started_at)
    try:
        with transaction.atomic():
            stored = TrainingSession.objects.create(
                member=member,
                client_key=report.client_key,
                plan_session=plan_session,
                session_key=plan_session.key if plan_session else report.session_key,
                started_at=report.started_at,
                finished_at=report.finished_at,
                completed=report.completed,
                pain_before=progression.pain_before(member, report.started_at),
                pain_after=report.pain_after,
                effort=report.effort,
                language=report.language,
            )
            ExerciseResult.objects.bulk_create(
                ExerciseResult(
                    session=stored,
                    order=order,
                    item_key=result.item_key,
                    slug=result.slug,
                    sets_done=result.sets_done,
                    outcome=result.outcome,
                    hurt_where=list(result.hurt_where),
                    pain=result.pain,
                    prescription=doses.get(result.item_key),
                )
                for order, result in enumerate(report.results)
            )
            if plan_session is not None or report.asks_followup:
                morning = timezone.localdate(report.started_at) + timedelta(days=1)
                due = timezone.make_aware(datetime.combine(morning, MORNING))
                _ask_followup(stored, FollowUp.Kind.NEXT_MORNING, due)
            if plan_session is not None:
                progression.adapt(member, trigger=Adaptation.Trigger.SESSION, today=today)
    except IntegrityError:
        # The same key arrived at the same moment on another connection and won.
        found = TrainingSession.objects.filter(member=member, client_key=report.client_key).first()
        if found is None:
            raise
        return found, False
    # Read back, so the first answer is the very one a replay gets (times in UTC).
    return TrainingSession.objects.get(pk=stored.pk), True


def _ask_followup(session: TrainingSession, kind: str, due_at: datetime) -> FollowUp:
    """The one place a follow-up question is made (once per session and kind)."""
    followup, created = FollowUp.objects.get_or_create(
        session=session, kind=kind, defaults={"due_at": due_at}
    )
    if created:
        schedule_reminder(followup)  # the e-mail, when it is due (training/tasks.py)
    return followup


def answer_followup(
    member: User,
    *,
    followup_id: int,
    feeling: str,
    pain: int,
    stiffness: int | None = None,
    by: User | None = None,
    today: date | None = None,
) -> FollowUp:
    """Store the answer to a follow-up and adapt the plan to it.

    A next-morning answer that is worse (said so, or pain above the score before the
    session) asks again 48 hours after the session. Two answers at once: one wins, the
    other gets FollowUpAlreadyAnswered (the update is conditional, on every database)."""
    member = access.authorize(by or member, member, action=access.Action.CHANGE)
    if feeling not in Feeling.values:
        raise InvalidFollowUpAnswer("feeling", "choose better, same or worse")
    for name, value in (("pain", pain), ("stiffness", stiffness)):
        if value is not None and not (isinstance(value, int) and 0 <= value <= 10):
            raise InvalidFollowUpAnswer(name, "give a whole number from 0 to 10")
    with transaction.atomic():
        followup = (
            FollowUp.objects.select_related("session")
            .filter(pk=followup_id, session__member=member)
            .first()
        )
        if followup is None:
            raise FollowUpNotFound(followup_id)
        now = timezone.now()
        if not followup.is_due(now):
            raise FollowUpNotDue(followup_id)
        answered = FollowUp.objects.filter(pk=followup.pk, answered_at__isnull=True).update(
            answered_at=now, feeling=feeling, pain=pain, stiffness=stiffness
        )
        if not answered:
            raise FollowUpAlreadyAnswered(followup_id)
        followup.refresh_from_db()
        session = followup.session
        worse = worse_than_before(feeling, pain, progression.baseline_of(session))
        if followup.kind == FollowUp.Kind.NEXT_MORNING and worse:
            _ask_followup(session, FollowUp.Kind.LATER, session.started_at + LATER_AFTER)
        progression.adapt(member, trigger=Adaptation.Trigger.FOLLOWUP, today=today)
    return followup


def check_recorded(sender: type[TriageResult], *, result: TriageResult, **_: object) -> None:
    """A stored check or check-in: the engine reads it (a red flag stops the plan, a
    check-in "clearly worse after the last session" holds it)."""
    # Decided for the check's own day (today, but for a check recorded afterwards).
    on = timezone.localdate(result.created_at)
    progression.adapt(result.member, trigger=Adaptation.Trigger.CHECKIN, today=on)
