"""The member's guided sessions and what they said after each exercise, for their export."""

from typing import Any

from rugcoach.accounts.models import User
from rugcoach.training.models import TrainingSession

# ExerciseResult rows hang off a session (no member key of their own), exported with it.
MODELS = (TrainingSession,)


def session_data(session: TrainingSession) -> dict[str, Any]:
    return {
        "client_key": str(session.client_key),
        "session_key": session.session_key,
        "started_at": session.started_at.isoformat(),
        "finished_at": session.finished_at.isoformat() if session.finished_at else None,
        "completed": session.completed,
        "pain_after": session.pain_after,
        "effort": session.effort,
        "results": [
            {
                "slug": r.slug,
                "item_key": r.item_key,
                "sets_done": r.sets_done,
                "outcome": r.outcome or None,
                "hurt_where": r.hurt_where,
                "pain": r.pain,
            }
            for r in session.results.all()
        ],
    }


def export_member_data(member: User) -> dict[str, Any]:
    sessions = TrainingSession.objects.filter(member=member).prefetch_related("results")
    return {"training_sessions": [session_data(s) for s in sessions.order_by("started_at", "id")]}
