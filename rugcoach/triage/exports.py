"""The member's safety checks and check-ins, with their answers, for their own export."""

from typing import Any

from rugcoach.accounts.models import User
from rugcoach.triage.models import TriageResult

MODELS = (TriageResult,)


def export_member_data(member: User) -> dict[str, Any]:
    results = TriageResult.objects.filter(member=member).order_by("created_at", "id")
    return {
        "safety_checks": [
            {
                "kind": result.kind,
                "created_at": result.created_at.isoformat(),
                "answers": result.answers,
                "level": result.level,
                "may_train": result.may_train,
                "verdict": result.verdict,
            }
            for result in results
        ]
    }
