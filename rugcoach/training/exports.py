"""The member's guided sessions and what they said after each exercise, for their export."""

from typing import Any

from rugcoach.accounts.models import User
from rugcoach.training.models import Adaptation, TrainingSession

# ExerciseResult and FollowUp rows hang off a session (no member key of their own),
# exported with it.
MODELS = (TrainingSession, Adaptation)


def session_data(session: TrainingSession) -> dict[str, Any]:
    return {
        "client_key": str(session.client_key),
        "session_key": session.session_key,
        "started_at": session.started_at.isoformat(),
        "finished_at": session.finished_at.isoformat() if session.finished_at else None,
        "completed": session.completed,
        "pain_before": session.pain_before,
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
                "prescription": r.prescription,
            }
            for r in session.results.all()
        ],
        "followups": [
            {
                "kind": f.kind,
                "due_at": f.due_at.isoformat(),
                "answered_at": f.answered_at.isoformat() if f.answered_at else None,
                "feeling": f.feeling or None,
                "pain": f.pain,
                "stiffness": f.stiffness,
            }
            for f in session.followups.all()
        ],
    }


def adaptation_data(adaptation: Adaptation) -> dict[str, Any]:
    return {
        "created_at": adaptation.created_at.isoformat(),
        "trigger": adaptation.trigger,
        "status": adaptation.status,
        "reasons": adaptation.reasons,
        "session_key": adaptation.session_key,
        "changes": adaptation.changes,
        "safety_signal": adaptation.safety_signal,
        "recheck_on": adaptation.recheck_on.isoformat() if adaptation.recheck_on else None,
    }


def export_member_data(member: User) -> dict[str, Any]:
    sessions = TrainingSession.objects.filter(member=member).prefetch_related(
        "results", "followups"
    )
    adaptations = Adaptation.objects.filter(member=member).order_by("created_at", "id")
    return {
        "training_sessions": [session_data(s) for s in sessions.order_by("started_at", "id")],
        "plan_adaptations": [adaptation_data(a) for a in adaptations],
    }
