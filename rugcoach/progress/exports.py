"""The member's outcome measures (PSFS), for their export. Pain scores are exported with
the sessions and follow-ups (training/exports.py)."""

from typing import Any

from rugcoach.accounts.models import User
from rugcoach.progress.models import PsfsAssessment

MODELS = (PsfsAssessment,)


def export_member_data(member: User) -> dict[str, Any]:
    rows = PsfsAssessment.objects.filter(member=member).order_by("created_at", "id")
    return {
        "psfs_assessments": [
            {"created_at": row.created_at.isoformat(), "activities": row.activities} for row in rows
        ]
    }
