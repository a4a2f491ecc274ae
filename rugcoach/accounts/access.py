"""Who may read or change a member's data: the one rule.

Every selector and service of member data (safety checks, intake, plans, calendar feeds,
the export and account deletion) asks this module before it touches a member's rows.
Pages and API endpoints stay thin: they pass ``request.user`` along and never decide
access themselves.

Today one rule grants access: a logged-in, active person reaches their own data, to read
and to change. Nobody else does: not a visitor, not another member, and not a trainer
(``User.Role.TRAINER``) either, because no trainer is linked to a member yet. A refused
read or write raises ``AccessDenied`` (Django's ``PermissionDenied``, so a page answers
403 if one ever got this far; pages and the API scope every read to the viewer, so the
visible answer is the viewer's own data or a 404).

The trainers' issue adds its rule to ``RULES`` here ("a trainer the member linked, with
consent that covers this action"), and its actors to the permission table in
``tests/accounts/test_access_table.py``; nothing else has to learn about trainers.
"""

from collections.abc import Callable
from enum import StrEnum

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from rugcoach.accounts.models import User

Viewer = User | AnonymousUser | AbstractBaseUser


class Action(StrEnum):
    READ = "read"
    CHANGE = "change"


class AccessDenied(PermissionDenied):
    """The viewer may not read or change this member's data."""

    def __init__(self, viewer: Viewer, member_id: int | None, action: Action) -> None:
        self.viewer_id = getattr(viewer, "pk", None)
        self.member_id = member_id
        self.action = action
        # No e-mail addresses in the message: it may end up in a log.
        super().__init__(f"user {self.viewer_id} may not {action} the data of user {member_id}")


Rule = Callable[[User, int, Action], bool]
"""A way to be allowed: (the logged-in, active viewer, the member's id, the action)."""


def _the_member_themselves(viewer: User, member_id: int, action: Action) -> bool:
    return viewer.pk == member_id


# Any rule that says yes grants access. The trainers' issue appends its rule here.
RULES: tuple[Rule, ...] = (_the_member_themselves,)


def may(viewer: Viewer, member_id: int | None, action: Action) -> bool:
    """Whether ``viewer`` may do ``action`` on the data of the member with ``member_id``.

    Visitors and deactivated accounts never may; an unsaved member has no data yet.
    Costs no query for the rules of today, so it can be asked by every selector.
    """
    if member_id is None or not viewer.is_authenticated or not viewer.is_active:
        return False
    assert isinstance(viewer, User)
    return any(rule(viewer, member_id, action) for rule in RULES)


def authorize(viewer: Viewer, member: Viewer | None = None, *, action: Action) -> User:
    """The member whose data ``viewer`` is about to read or change (``member``, or the
    viewer themselves when None); raises AccessDenied when the viewer may not."""
    target = viewer if member is None else member
    member_id = target.pk if target.is_authenticated else None
    if not may(viewer, member_id, action):
        raise AccessDenied(viewer, member_id, action)
    assert isinstance(target, User)
    return target


def authorize_id(viewer: Viewer, member_id: int, *, action: Action) -> None:
    """As ``authorize``, for a row that holds only the member's id (no extra query)."""
    if not may(viewer, member_id, action):
        raise AccessDenied(viewer, member_id, action)


def reads(member: Viewer, viewer: Viewer | None = None) -> User:
    """For a selector of ``member``'s data: the member, once ``viewer`` (default: the
    member reading their own data) may read it."""
    return authorize(member if viewer is None else viewer, member, action=Action.READ)


def changes(member: Viewer, by: Viewer | None = None) -> User:
    """For a service that writes ``member``'s data: the member, once ``by`` (default: the
    member changing their own data) may change it."""
    return authorize(member if by is None else by, member, action=Action.CHANGE)
