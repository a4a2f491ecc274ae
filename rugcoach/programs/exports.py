"""The member's programs: which they joined, left or finished, and the days done."""

from typing import Any

from rugcoach.accounts.models import User
from rugcoach.programs.models import Enrollment

# ProgramDay rows hang off an enrollment (no member key of their own), exported with it;
# the sessions themselves are in the training section (by client_key).
MODELS = (Enrollment,)


def export_member_data(member: User) -> dict[str, Any]:
    found = (
        Enrollment.objects.filter(member=member)
        .prefetch_related("days__training")
        .order_by("created_at", "id")
    )
    return {
        "program_enrollments": [
            {
                "program": e.program,
                "started_on": e.started_on.isoformat(),
                "status": e.status,
                "left_at": e.left_at.isoformat() if e.left_at else None,
                "finished_at": e.finished_at.isoformat() if e.finished_at else None,
                "days": [
                    {
                        "day": d.day_key,
                        "done_on": d.done_on.isoformat(),
                        "repeat": d.repeat,
                        "gentler": d.gentler,
                        "reasons": d.reasons,
                        "session": str(d.training.client_key),
                    }
                    for d in e.days.all()
                ],
            }
            for e in found
        ]
    }
