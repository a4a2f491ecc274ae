"""The member's consents to trainers, their trainers' notes and handled alerts, for their
own export."""

from typing import Any

from rugcoach.accounts.models import User
from rugcoach.trainers.models import AlertHandled, Consent, MemberNote

MODELS = (Consent, MemberNote, AlertHandled)


def export_member_data(member: User) -> dict[str, Any]:
    found = Consent.objects.filter(member=member).select_related("trainer__user")
    return {
        "consents": [
            {
                "trainer": str(c.trainer),
                "given_at": c.given_at.isoformat(),
                "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            }
            for c in found.order_by("given_at", "id")
        ],
        "trainer_notes": [
            {"by": n.author_name, "at": n.created_at.isoformat(), "text": n.text}
            for n in MemberNote.objects.filter(member=member).order_by("created_at", "id")
        ],
        "alerts_handled": [
            {"alert": h.key, "by": h.handled_by_name, "at": h.at.isoformat(), "note": h.note}
            for h in AlertHandled.objects.filter(member=member).order_by("at", "id")
        ],
    }
