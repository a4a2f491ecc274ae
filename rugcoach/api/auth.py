"""Who may call the member endpoints: the browser session, or a personal API token
("Authorization: Bearer rc_…", made on the account page; rugcoach/accounts/tokens.py).

Every endpoint that needs a logged-in user says ``auth=MEMBER_AUTH``. An unknown,
revoked or deactivated account's token answers 401, like no login at all.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from rugcoach.accounts import tokens


class BrowserSession(SessionAuth):
    """ninja's ``django_auth``, except that a request without a session cookie is left to
    the next method rather than CSRF-checked: with no cookie there is nothing to forge,
    and ninja would answer a token client's POST with 403 before trying its token."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)


class BearerToken(HttpBearer):
    """A personal API token. The request then runs as the token's owner (request.user),
    so the endpoints read the same user whichever way the client logged in."""

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        found = tokens.lookup(token.strip())
        if found is None:
            return None
        request.user = found.owner
        return found.owner


session_auth = BrowserSession()
MEMBER_AUTH: list[Any] = [session_auth, BearerToken()]
