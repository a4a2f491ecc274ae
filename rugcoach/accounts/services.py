"""Writes to accounts."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise

from rugcoach.accounts import access
from rugcoach.accounts.models import User


def set_preferred_language(user: User, language: str) -> None:
    access.changes(user)
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def set_followup_emails(user: User, *, enabled: bool) -> None:
    """Whether the follow-up question after a session also comes by e-mail."""
    access.changes(user)
    if user.followup_emails != enabled:
        user.followup_emails = enabled
        user.save(update_fields=["followup_emails"])


@dataclass(frozen=True)
class Keepable:
    """Something a visitor did before signing up that the new account may keep (the
    check they just did). The app that owns it registers one in its ``AppConfig.ready``,
    so accounts, at the bottom of the layers, imports none of those apps.

    ``find`` reads it from the visitor's request (None: nothing to offer, never an
    error); ``keep`` stores it for the new member inside the sign-up's transaction;
    ``forget`` clears the visitor's copy from the browser once it is kept.
    """

    field: str
    label: str | Promise
    find: Callable[[HttpRequest], object | None]
    keep: Callable[[User, object], object]
    forget: Callable[[HttpResponse], None]
    help_text: str | Promise = ""


_KEEPABLE: dict[str, Keepable] = {}


def register_keepable(keepable: Keepable) -> None:
    _KEEPABLE[keepable.field] = keepable


def keepable_offers(request: HttpRequest) -> dict[str, tuple[Keepable, object]]:
    """What this visitor could keep, by form field; only what they have (no empty box)."""
    offers = {}
    for name, keepable in _KEEPABLE.items():
        found = keepable.find(request)
        if found is not None:
            offers[name] = (keepable, found)
    return offers


def sign_up(user: User, kept: Sequence[tuple[Keepable, object]] = ()) -> User:
    """Save a new account and what the visitor chose to keep, all or nothing: a check is
    never stored without its account, nor an account half-made. Raises IntegrityError
    when the address was taken a moment ago (two sign-ups at once)."""
    with transaction.atomic():
        user.save()
        for keepable, found in kept:
            keepable.keep(user, found)
    return user
