"""What RugCoach holds about a member in the accounts app, for the member's own export."""

from typing import Any

from rugcoach.accounts.models import User

# The models whose member rows this export covers (checked by tests/privacy).
MODELS = (User,)


def export_member_data(member: User) -> dict[str, Any]:
    """The account itself. The password is stored only as a one-way hash and is left out."""
    return {
        "email": member.email,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "preferred_language": member.preferred_language,
        "role": member.role,
        "date_joined": member.date_joined.isoformat(),
        "last_login": member.last_login.isoformat() if member.last_login else None,
    }
