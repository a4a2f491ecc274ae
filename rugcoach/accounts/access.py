"""Who may read or change a member's data: the one policy, and its log.

Every selector and service of member data asks this module before it touches a member's
rows. Pages and API endpoints stay thin: they pass ``request.user`` along and never decide
access themselves.

What can be reached is split in **scopes**:

- ``HEALTH``: checks, intake, plan, sessions, pain, outcomes; everything the app holds
  about a member's back;
- ``BOOKING``: what a member put in an intake booking (the reason, the verdict level at
  booking time);
- ``ACCOUNT``: the account itself (export, deletion, consents, tokens, the access log).

Rules grant access; any rule that says yes is enough:

- the member themselves reach every scope, to read and to change (here);
- an app above registers its own rule in ``AppConfig.ready`` (``register``): the intakes
  app lets a trainer read ``BOOKING`` of the members who booked them; the trainers app lets
  a trainer with the member's active consent read and change ``HEALTH``. ``ACCOUNT`` is
  the member's alone. Admins get nothing through the app (they manage locations and
  trainers in the Django admin).

**The log.** Whenever a rule grants someone other than the member, ``authorize`` (or
``record`` for a page that shows many members at once) writes an ``AccessLogEntry``: who,
when, read or change, which scope, and a short code of what. The member reads it on their
account page. So every view and change by a trainer is recorded in one place, because no
other place grants it.

A refused read or write raises ``AccessDenied`` (Django's ``PermissionDenied``: 403).
"""

from collections.abc import Iterable
from enum import StrEnum
from typing import Protocol

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from rugcoach.accounts.models import AccessLogEntry, User

Viewer = User | AnonymousUser | AbstractBaseUser


class Action(StrEnum):
    READ = "read"
    CHANGE = "change"


class Scope(StrEnum):
    HEALTH = "health"
    BOOKING = "booking"
    ACCOUNT = "account"


class AccessDenied(PermissionDenied):
    """The viewer may not read or change this member's data."""

    def __init__(
        self, viewer: Viewer, member_id: int | None, action: Action, scope: Scope = Scope.HEALTH
    ) -> None:
        self.viewer_id = getattr(viewer, "pk", None)
        self.member_id = member_id
        self.action = action
        self.scope = scope
        # No e-mail addresses in the message: it may end up in a log.
        super().__init__(
            f"user {self.viewer_id} may not {action} the {scope} data of user {member_id}"
        )


class Rule(Protocol):
    """A way for someone other than the member to be allowed."""

    def allows(self, viewer: User, member_id: int, action: Action, scope: Scope) -> bool:
        """Whether the logged-in, active ``viewer`` may do this (may cost a query)."""
        ...

    def member_ids(self, viewer: User, action: Action, scope: Scope) -> QuerySet | None:
        """The ids of every member this rule lets ``viewer`` reach (a values_list
        queryset, for one query over many members), or None when it lets them reach none."""
        ...


_RULES: dict[str, Rule] = {}


def register(name: str, rule: Rule) -> None:
    """Add a rule (from an ``AppConfig.ready``); registering the same name again replaces it."""
    _RULES[name] = rule


def _active(viewer: Viewer) -> User | None:
    if not viewer.is_authenticated or not viewer.is_active:
        return None
    assert isinstance(viewer, User)
    return viewer


def may(viewer: Viewer, member_id: int | None, action: Action, scope: Scope = Scope.HEALTH) -> bool:
    """Whether ``viewer`` may do ``action`` on the ``scope`` data of the member with
    ``member_id``. Visitors and deactivated accounts never may; an unsaved member has no
    data yet. The member's own access costs no query."""
    person = _active(viewer)
    if member_id is None or person is None:
        return False
    if person.pk == member_id:
        return True
    if scope is Scope.ACCOUNT:
        return False
    return any(rule.allows(person, member_id, action, scope) for rule in _RULES.values())


def reachable_member_ids(viewer: Viewer, action: Action, scope: Scope) -> QuerySet | None:
    """The ids of the members (other than the viewer) whose ``scope`` data ``viewer`` may
    reach, as one subquery; None when no rule grants any. Pages that list many members
    filter on it and then ``record`` what they showed."""
    person = _active(viewer)
    if person is None or scope is Scope.ACCOUNT:
        return None
    found = [
        # No ORDER BY (a model's default ordering): SQL refuses one inside a UNION's parts.
        ids.order_by()
        for rule in _RULES.values()
        if (ids := rule.member_ids(person, action, scope)) is not None
    ]
    if not found:
        return None
    union = found[0]
    for ids in found[1:]:
        union = union.union(ids)
    return union


def _name_of(viewer: User) -> str:
    return viewer.get_full_name() or viewer.email


def record(
    viewer: Viewer, member_ids: Iterable[int], action: Action, scope: Scope, what: str
) -> None:
    """Log that ``viewer`` read or changed these members' data (one insert for all).
    Nothing is logged for the member's own data."""
    person = _active(viewer)
    if person is None:
        return
    # One name and one moment for the whole page of members (a dashboard logs a hundred).
    name, now = _name_of(person), timezone.now()
    rows = [
        AccessLogEntry(
            member_id=member_id,
            viewer_id=person.pk,  # the id: the viewer is often request.user, a lazy object
            viewer_name=name,
            at=now,
            action=action.value,
            scope=scope.value,
            what=what,
        )
        for member_id in dict.fromkeys(member_ids)
        if member_id != person.pk
    ]
    if rows:
        AccessLogEntry.objects.bulk_create(rows)


def authorize(
    viewer: Viewer,
    member: Viewer | None = None,
    *,
    action: Action,
    scope: Scope = Scope.HEALTH,
    what: str = "",
) -> User:
    """The member whose data ``viewer`` is about to read or change (``member``, or the
    viewer themselves when None); raises AccessDenied when the viewer may not. Access by
    anyone else is logged, with ``what`` (a short code) saying what."""
    target = viewer if member is None else member
    member_id = target.pk if target.is_authenticated else None
    if not may(viewer, member_id, action, scope):
        raise AccessDenied(viewer, member_id, action, scope)
    assert isinstance(target, User) and member_id is not None
    if viewer.pk != member_id:
        record(viewer, [member_id], action, scope, what or scope.value)
    return target


def authorize_id(
    viewer: Viewer,
    member_id: int,
    *,
    action: Action,
    scope: Scope = Scope.HEALTH,
    what: str = "",
) -> None:
    """As ``authorize``, for a row that holds only the member's id (no extra query)."""
    if not may(viewer, member_id, action, scope):
        raise AccessDenied(viewer, member_id, action, scope)
    if viewer.pk != member_id:
        record(viewer, [member_id], action, scope, what or scope.value)


def reads(
    member: Viewer, viewer: Viewer | None = None, *, scope: Scope = Scope.HEALTH, what: str = ""
) -> User:
    """For a selector of ``member``'s data: the member, once ``viewer`` (default: the
    member reading their own data) may read it."""
    return authorize(
        member if viewer is None else viewer, member, action=Action.READ, scope=scope, what=what
    )


def changes(
    member: Viewer, by: Viewer | None = None, *, scope: Scope = Scope.HEALTH, what: str = ""
) -> User:
    """For a service that writes ``member``'s data: the member, once ``by`` (default: the
    member changing their own data) may change it."""
    return authorize(
        member if by is None else by, member, action=Action.CHANGE, scope=scope, what=what
    )
