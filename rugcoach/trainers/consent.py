"""A member's consent to a trainer: the services that give and revoke it, and who may read it.

A booking shares only what the member put in it (the reason, the verdict level); a consent
shares the rest (checks, plan, sessions, pain, outcomes) with one trainer, to read and to
change, until the member revokes it (``trainers/access.py`` is the rule, read on every
call, so a revocation hides the member at once).

**Whom a member can consent to:** a trainer they have a booking with that is not
cancelled (booked, attended or missed). The intake is where a member meets their trainer;
a list of every trainer of the gym would invite sharing health data with someone who
never asked for it. A consent given before a booking was cancelled stays until revoked:
the member decides, not the agenda. The page says so.

Consents are the member's own account data (``access.Scope.ACCOUNT``): only the member
gives, revokes and lists them. A trainer sees the consents given to them, with their date,
through :func:`consents_for_trainer` (the dashboard records what it shows).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.access import Scope, Viewer
from rugcoach.accounts.models import User
from rugcoach.intakes.models import Booking, Trainer
from rugcoach.trainers.models import Consent


class NotBooked(Exception):
    """Consent goes only to a trainer the member has a (not cancelled) booking with."""


def _booked_trainer_ids(member: User) -> set[int]:
    return set(
        Booking.objects.filter(member=member)
        .exclude(status=Booking.Status.CANCELLED)
        .values_list("trainer_id", flat=True)
    )


def give(*, member: User, trainer: Trainer, by: Viewer | None = None) -> Consent:
    """``member`` shares their health data with ``trainer`` from now on. Giving it again
    while it is active changes nothing (the first date stays). Raises NotBooked when the
    member has no booking with the trainer, AccessDenied when ``by`` is not the member."""
    access.changes(member, by, scope=Scope.ACCOUNT, what="consent-give")
    with transaction.atomic():
        # Lock the member's row: two clicks at once give one consent, not an error.
        User.objects.select_for_update().filter(pk=member.pk).first()
        found = _active(member, trainer)
        if found is not None:
            return found
        if trainer.pk not in _booked_trainer_ids(member):
            raise NotBooked(trainer.pk)
        try:
            with transaction.atomic():
                return Consent.objects.create(member=member, trainer=trainer)
        except IntegrityError:  # a racing request on a database without row locks
            raced = _active(member, trainer)
            assert raced is not None
            return raced


def revoke(*, member: User, trainer: Trainer, by: Viewer | None = None) -> Consent | None:
    """``member`` stops sharing with ``trainer``, at once. The consent row keeps both dates
    (shown to the member); None when there was no active consent."""
    access.changes(member, by, scope=Scope.ACCOUNT, what="consent-revoke")
    with transaction.atomic():
        found = (
            Consent.objects.select_for_update()
            .filter(member=member, trainer=trainer, revoked_at__isnull=True)
            .first()
        )
        if found is None:
            return None
        found.revoked_at = timezone.now()
        found.save(update_fields=["revoked_at"])
        return found


def _active(member: User, trainer: Trainer) -> Consent | None:
    return Consent.objects.filter(member=member, trainer=trainer, revoked_at__isnull=True).first()


def active_consent(
    member: User, trainer: Trainer, *, viewer: Viewer | None = None
) -> Consent | None:
    """The member's active consent to ``trainer``, if any (the member's own account data)."""
    access.reads(member, viewer, scope=Scope.ACCOUNT, what="consents")
    return _active(member, trainer)


def consents_of(member: User, *, viewer: Viewer | None = None) -> list[Consent]:
    """Every consent the member gave, active and revoked, newest first, with the trainer."""
    access.reads(member, viewer, scope=Scope.ACCOUNT, what="consents")
    return list(
        Consent.objects.filter(member=member)
        .select_related("trainer__user")
        .order_by("-given_at", "-id")
    )


@dataclass(frozen=True)
class Offer:
    """A trainer the member may share with, and how things stand with them."""

    trainer: Trainer
    booked: bool  # a booking that is not cancelled
    consent: Consent | None  # the active one

    @property
    def may_give(self) -> bool:
        return self.consent is None and self.booked


def offers(member: User, *, viewer: Viewer | None = None) -> list[Offer]:
    """For the sharing page: the trainers the member has a booking with, and those they
    still share with after a booking was cancelled, by name. Two queries."""
    access.reads(member, viewer, scope=Scope.ACCOUNT, what="consents")
    booked = _booked_trainer_ids(member)
    active = {
        c.trainer_id: c
        for c in Consent.objects.filter(member=member, revoked_at__isnull=True).only(
            "id", "trainer_id", "given_at", "member_id"
        )
    }
    trainers = Trainer.objects.filter(pk__in=booked | set(active)).select_related("user")
    found = [Offer(t, t.pk in booked, active.get(t.pk)) for t in trainers]
    return sorted(found, key=lambda offer: (str(offer.trainer).lower(), offer.trainer.pk))


def consents_for_trainer(viewer: Viewer) -> dict[int, datetime]:
    """The members who share with ``viewer`` (a trainer) now, as member id → the date they
    gave consent, in one query; empty for anyone else. The dashboard shows the date beside
    each member and records what it shows (``access.record``), so this writes no log."""
    if not viewer.is_authenticated or not viewer.is_active:
        return {}
    if getattr(viewer, "role", None) != User.Role.TRAINER:
        return {}
    return dict(
        Consent.objects.filter(trainer__user=viewer, revoked_at__isnull=True).values_list(
            "member_id", "given_at"
        )
    )
