"""What RugCoach holds about a member in the accounts app, for the member's own export."""

from typing import Any

from rugcoach.accounts.models import AccessLogEntry, ApiToken, User

# The models whose member rows this export covers (checked by tests/privacy).
MODELS = (User, AccessLogEntry, ApiToken)


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
        # Who else read or changed the member's data (the access log), newest first.
        "access_log": [
            {
                "at": entry.at.isoformat(),
                "by": entry.viewer_name,
                "action": entry.action,
                "scope": entry.scope,
                "what": entry.what,
            }
            for entry in AccessLogEntry.objects.filter(member=member)
        ],
        # The secrets are never stored; only each token's name, prefix and dates.
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at.isoformat(),
                "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
                "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
            }
            for token in ApiToken.objects.filter(owner=member)
        ],
    }
