"""Reads of a member's progress: sessions with their pain scores, plans' days, dose
changes and PSFS assessments. Every read asks ``access.reads`` first; each costs one
query whatever the member's history (the page's counts are tested at 1 and 5 sessions)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.core.progress.days import PlanSpan
from rugcoach.plans.models import PlanSession
from rugcoach.progress.models import PsfsAssessment
from rugcoach.training import selectors as training_selectors
from rugcoach.training.models import FollowUp


@dataclass(frozen=True)
class SessionPains:
    """One trained session as the progress page shows it."""

    started_at: datetime
    on: date  # local date
    seconds: int
    completed: bool
    before: int | None
    after: int | None
    morning: int | None


def session_pains(member: User, *, viewer: User | None = None) -> list[SessionPains]:
    """The member's sessions, oldest first, with the next morning's pain (one query)."""
    morning = FollowUp.objects.filter(
        session=OuterRef("pk"), kind=FollowUp.Kind.NEXT_MORNING, answered_at__isnull=False
    ).values("pain")[:1]
    rows = (
        training_selectors.member_sessions(member, viewer=viewer)
        .annotate(morning_pain=Subquery(morning))
        .order_by("started_at", "id")
        .values(
            "started_at", "finished_at", "completed", "pain_before", "pain_after", "morning_pain"
        )
    )
    found = []
    for row in rows:
        started, finished = row["started_at"], row["finished_at"]
        seconds = int((finished - started).total_seconds()) if finished else 0
        found.append(
            SessionPains(
                started_at=started,
                on=timezone.localdate(started),
                seconds=max(seconds, 0),
                completed=row["completed"],
                before=row["pain_before"],
                after=row["pain_after"],
                morning=row["morning_pain"],
            )
        )
    return found


def plan_spans(member: User, *, viewer: User | None = None) -> list[PlanSpan]:
    """The member's plans in the order they were made, as days with sessions (one query).
    A plan runs whole weeks from its first day to the end of its last session's week."""
    member = access.reads(member, viewer)
    rows = (
        PlanSession.objects.filter(plan__member=member)
        .order_by("plan__created_at", "plan_id")
        .values_list("plan_id", "plan__starts_on", "day_offset")
    )
    offsets: dict[int, set[int]] = defaultdict(set)
    starts: dict[int, date] = {}
    for plan_id, starts_on, offset in rows:
        starts[plan_id] = starts_on
        offsets[plan_id].add(offset)
    return [
        PlanSpan(
            starts_on=starts[plan_id],
            days=(max(offsets[plan_id]) // 7 + 1) * 7,
            session_offsets=frozenset(offsets[plan_id]),
        )
        for plan_id in starts  # dicts keep the query's order
    ]


def member_psfs(member: User, *, viewer: User | None = None) -> QuerySet[PsfsAssessment]:
    """The member's PSFS assessments, newest first."""
    return PsfsAssessment.objects.filter(member=access.reads(member, viewer)).order_by(
        "-created_at", "-id"
    )
