"""Trained sessions with pain scores, made directly as rows (what record_session stores)."""

import uuid
from datetime import datetime, timedelta

from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.training.models import FollowUp, TrainingSession


def trained(
    member: User,
    days_ago: int,
    *,
    before: int | None = 3,
    after: int | None = 2,
    morning: int | None = None,
    minutes: int = 15,
) -> TrainingSession:
    """A finished session ``days_ago`` days before now (18:00 local), with its pains and,
    when ``morning`` is given, the next morning's answered follow-up."""
    day = timezone.localdate() - timedelta(days=days_ago)
    started = timezone.make_aware(datetime(day.year, day.month, day.day, 18, 0))
    session = TrainingSession.objects.create(
        member=member,
        client_key=uuid.uuid4(),
        started_at=started,
        finished_at=started + timedelta(minutes=minutes),
        completed=True,
        pain_before=before,
        pain_after=after,
    )
    if morning is not None:
        due = started + timedelta(hours=14)
        FollowUp.objects.create(
            session=session,
            kind=FollowUp.Kind.NEXT_MORNING,
            due_at=due,
            answered_at=due,
            feeling="same",
            pain=morning,
        )
    return session
