"""Personal API tokens: a secret the owner gives another client (a script, an app) to use
the JSON API as themselves, next to the browser session (``rugcoach.api.auth``).

The secret is ``rc_`` and 43 random URL-safe characters; it is shown once, when it is
made. Only its SHA-256 is stored (a random secret this long needs no slow hash: nothing
can be guessed from the digest), with its first characters to tell tokens apart. The
owner can revoke a token at once; a deactivated account's tokens stop working too, and a
password change or reset revokes them all (accounts/forms.py). Making one asks for the
current password (token_views.py): a session left open is not enough.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from rugcoach.accounts.models import ApiToken, User

SECRET_PREFIX = "rc_"
PREFIX_LENGTH = 8  # "rc_" and five characters: ApiToken.prefix
# last_used_at is for the owner ("used today?"), not an audit trail: one write a minute
# at most, so a busy client does not turn every API read into a database write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# Enough for every device and script a person has; a bound so a loop cannot fill the table.
MAX_ACTIVE_TOKENS = 20


class TooManyTokens(Exception):
    pass


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(*, owner: User, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret (shown to the owner once, never stored)."""
    with transaction.atomic():
        # Lock the owner's row: two requests at once cannot both pass the bound.
        User.objects.select_for_update().filter(pk=owner.pk).first()
        if active_tokens(owner).count() >= MAX_ACTIVE_TOKENS:
            raise TooManyTokens
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            owner=owner,
            name=name.strip(),
            digest=digest(secret),
            prefix=secret[:PREFIX_LENGTH],
        )
    return token, secret


def revoke(*, owner: User, token: ApiToken) -> None:
    """Stop a token at once. Only its owner may; revoking twice keeps the first date."""
    if token.owner_id != owner.pk:
        raise PermissionDenied
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def revoke_all(*, owner: User) -> int:
    """Stop all the owner's tokens: after a password change or reset, whoever knew the old
    password (and made a token with it) must not keep API access. Returns how many."""
    return active_tokens(owner).update(revoked_at=timezone.now())


def active_tokens(owner: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(owner=owner, revoked_at__isnull=True)


def owner_tokens(owner: User) -> QuerySet[ApiToken]:
    """The owner's tokens for their page: active first, then revoked, newest first."""
    return ApiToken.objects.filter(owner=owner).order_by("revoked_at", "-created_at", "-id")


def lookup(secret: str) -> ApiToken | None:
    """The active token with this secret, of an active account (with ``owner`` loaded),
    or None. Notes when it was used, at most once a minute."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("owner")
        .filter(digest=digest(secret), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
