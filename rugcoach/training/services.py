"""Writes of training results. A session is stored once per (member, client key)."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.db import IntegrityError, transaction

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.plans.models import PlanSession
from rugcoach.training.models import ExerciseResult, TrainingSession


class NotYourSession(Exception):
    """The plan session named is not one of the member's own (or does not exist)."""


@dataclass(frozen=True)
class ExerciseReport:
    slug: str
    item_key: str = ""
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


def record_session(
    member: User, report: SessionReport, *, by: User | None = None
) -> tuple[TrainingSession, bool]:
    """Store a session and its results; ``(stored, created)``.

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
        plan_session = PlanSession.objects.filter(
            pk=report.plan_session, plan__member=member
        ).first()
        if plan_session is None:
            raise NotYourSession(report.plan_session)
    try:
        with transaction.atomic():
            stored = TrainingSession.objects.create(
                member=member,
                client_key=report.client_key,
                plan_session=plan_session,
                session_key=plan_session.key if plan_session else "",
                started_at=report.started_at,
                finished_at=report.finished_at,
                completed=report.completed,
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
                )
                for order, result in enumerate(report.results)
            )
    except IntegrityError:
        # The same key arrived at the same moment on another connection and won.
        found = TrainingSession.objects.filter(member=member, client_key=report.client_key).first()
        if found is None:
            raise
        return found, False
    # Read back, so the first answer is the very one a replay gets (times in UTC).
    return TrainingSession.objects.get(pk=stored.pk), True
