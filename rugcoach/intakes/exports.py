"""The member's intake bookings, for their own export."""

from typing import Any

from rugcoach.accounts.models import User
from rugcoach.intakes.models import Booking

MODELS = (Booking,)


def export_member_data(member: User) -> dict[str, Any]:
    found = Booking.objects.filter(member=member).select_related("trainer__user", "location")
    return {
        "bookings": [
            {
                "starts_at": b.starts_at.isoformat(),
                "ends_at": b.ends_at.isoformat(),
                "trainer": str(b.trainer),
                "location": b.location.name,
                "reason": b.reason,
                "verdict_level": b.verdict_level,
                "status": b.status,
                "trainer_note": b.trainer_note,
                "created_at": b.created_at.isoformat(),
                "cancelled_at": b.cancelled_at.isoformat() if b.cancelled_at else None,
            }
            for b in found.order_by("starts_at", "id")
        ]
    }
