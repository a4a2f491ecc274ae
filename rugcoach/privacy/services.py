"""Export a member's data, and delete a member with everything RugCoach holds about them."""

from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.intakes.models import Booking
from rugcoach.privacy.registry import ANONYMISED, exporters

EXPORT_FORMAT_VERSION = 1


class StaffAccount(Exception):
    """A trainer's or admin's account is removed by the gym's admin, not by this service."""


def export_member_data(member: User) -> dict[str, Any]:
    """Everything RugCoach holds about ``member``, one section per app, as JSON types."""
    access.reads(member, scope=access.Scope.ACCOUNT)
    sections = {exporter.section: exporter.export(member) for exporter in exporters()}
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        **sections,
    }


def _session_ids_of(member: User) -> list[str]:
    """Stored sessions that belong to ``member``. Django keeps the user id inside the
    encoded session data, so every unexpired session is decoded; expired ones are
    removed by ``clearsessions`` anyway, and are checked too so none is left behind."""
    owner = str(member.pk)
    return [
        session.session_key
        for session in Session.objects.iterator()
        if session.get_decoded().get("_auth_user_id") == owner
    ]


def _login_records_of(member: User) -> list[Any]:
    """django-axes' records of login attempts name the e-mail address, not the user id;
    remove them too when axes is installed (it is added by the login-throttling work)."""
    if not apps.is_installed("axes"):
        return []
    querysets = []
    for name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", name)
        except LookupError:
            continue
        querysets.append(model.objects.filter(username__iexact=member.email))
    return querysets


def _anonymise(member: User) -> None:
    """Rows that stay for someone else (``registry.ANONYMISED``) lose the member: the key
    becomes NULL and the member's words in them are emptied. A booking still to come is
    cancelled first, so the trainer's time is free again and nobody waits for no one."""
    Booking.objects.filter(member=member, starts_at__gt=timezone.now()).exclude(
        status=Booking.Status.CANCELLED
    ).update(status=Booking.Status.CANCELLED, cancelled_at=timezone.now())
    for key, how in ANONYMISED.items():
        label, field = key.rsplit(".", 1)
        model = apps.get_model(label)
        model.objects.filter(**{field: member}).update(
            **{field: None}, **dict.fromkeys(how.cleared, "")
        )


def delete_member(*, member: User) -> None:
    """Delete the account and every row about the member, in one transaction.

    Rows with a member foreign key cascade with the user, or are anonymised
    (``registry.ANONYMISED``: bookings, access-log entries), both checked by tests/privacy;
    sessions and login records hold the member without a foreign key and are deleted here.
    """
    access.changes(member, scope=access.Scope.ACCOUNT)
    if member.role != User.Role.MEMBER:
        # Their bookings and the members' logs need the gym's admin (privacy/forms.py).
        raise StaffAccount(member.pk)
    with transaction.atomic():
        _anonymise(member)
        Session.objects.filter(session_key__in=_session_ids_of(member)).delete()
        for queryset in _login_records_of(member):
            queryset.delete()
        member.delete()
