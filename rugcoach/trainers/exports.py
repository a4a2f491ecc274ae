"""The member's consents to trainers, for their own export."""

from typing import Any

from rugcoach.accounts.models import User
from rugcoach.trainers.models import Consent

MODELS = (Consent,)


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
        ]
    }
