"""Writes to accounts."""

from rugcoach.accounts import access
from rugcoach.accounts.models import User


def set_preferred_language(user: User, language: str) -> None:
    access.changes(user)
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
