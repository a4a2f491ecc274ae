"""Writes of intake bookings and of a trainer's availability (issue 15 §2).

Every write is keyword-only and one transaction. No double booking, enforced by the
database: on PostgreSQL the exclusion constraint ``booking_no_overlap`` (migration 0002)
refuses an overlapping row, even from a request racing this one; on SQLite the
transaction is IMMEDIATE (settings: ``transaction_mode``), so it holds the database's one
write lock from its first statement, and the overlap check inside it cannot be raced.
Either way the loser gets ``SlotTaken`` with the nearest free slots.

A member holds at most one upcoming booked intake: it is a free intake, one conversation
before training; to pick another time they move it (``reschedule``).
"""

from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.core.booking.slots import Slot, nearest_free
from rugcoach.intakes import selectors, tasks
from rugcoach.intakes.models import (
    AvailabilityBlock,
    AvailabilityException,
    Booking,
    Location,
    Trainer,
)
from rugcoach.intakes.reasons import REASON_MAX, verdict_level

NO_OVERLAP = "booking_no_overlap"


class BookingError(Exception):
    """A booking that cannot be made or changed; ``message`` says why (Dutch source)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SlotTaken(BookingError):
    """The time is no longer free; ``nearest`` holds the closest free slots."""

    def __init__(self, nearest: list[Slot]) -> None:
        super().__init__(_("Net bezet — dit zijn de dichtstbijzijnde vrije tijden."))
        self.nearest = nearest


class NotAFreeSlot(BookingError):
    pass


class AlreadyBooked(BookingError):
    def __init__(self, booking: Booking) -> None:
        super().__init__(
            _("Je hebt al een intake gepland. Verplaats die als je een andere tijd wilt.")
        )
        self.booking = booking


class TooLate(BookingError):
    def __init__(self, hours: int) -> None:
        super().__init__(
            _(
                "Verplaatsen of annuleren kan tot %(hours)s uur van tevoren. "
                "Bel of mail de vestiging als het echt niet lukt."
            )
            % {"hours": hours}
        )
        self.hours = hours


class NotYours(BookingError):
    pass


def _taken(
    trainer_id: int,
    location_id: int,
    wanted: datetime,
    now: datetime,
    ignore_booking: int | None = None,
) -> SlotTaken:
    free = selectors.trainer_slots(trainer_id, location_id, now=now, ignore_booking=ignore_booking)
    return SlotTaken(nearest_free(free, wanted))


def _slot_at(
    trainer: Trainer,
    location: Location,
    starts_at: datetime,
    now: datetime,
    ignore_booking: int | None = None,
) -> Slot:
    """The free slot starting at ``starts_at``; SlotTaken (the time is in a block but
    booked) or NotAFreeSlot (never offered) otherwise."""
    if not trainer.locations.filter(pk=location.pk).exists():
        raise NotAFreeSlot(_("Deze trainer werkt niet op deze vestiging."))
    free = selectors.trainer_slots(trainer.pk, location.pk, now=now, ignore_booking=ignore_booking)
    for slot in free:
        if slot.start == starts_at:
            return slot
    if selectors.overlapping(
        trainer.pk,
        starts_at,
        starts_at + timedelta(minutes=trainer.intake_minutes),
        ignore_booking=ignore_booking,
    ):
        raise SlotTaken(nearest_free(free, starts_at))
    raise NotAFreeSlot(_("Dit is geen vrije tijd van deze trainer. Kies een van de vrije tijden."))


def _is_overlap(error: IntegrityError) -> bool:
    return NO_OVERLAP in str(error)


def book(
    *, member: User, trainer: Trainer, location: Location, starts_at: datetime, reason: str
) -> Booking:
    """Book a free intake; the confirmation e-mail (with .ics) is queued on commit."""
    access.changes(member, scope=access.Scope.BOOKING, what="booking")
    if member.role != User.Role.MEMBER:
        raise NotYours(_("Alleen leden plannen een intake."))
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise BookingError(_("De reden mag hoogstens %(max)s tekens zijn.") % {"max": REASON_MAX})
    now = timezone.now()
    slot = _slot_at(trainer, location, starts_at, now)
    level = verdict_level(member)
    try:
        with transaction.atomic():
            # PostgreSQL: one member's bookings are made one at a time (the member's row
            # is the lock); SQLite's immediate transaction already serialises every write.
            User.objects.select_for_update().filter(pk=member.pk).first()
            upcoming = selectors.upcoming_booking(member, now=now)
            if upcoming is not None:
                raise AlreadyBooked(upcoming)
            if selectors.overlapping(trainer.pk, slot.start, slot.end):
                raise _Overlap
            booking = Booking.objects.create(
                member=member,
                trainer=trainer,
                location=location,
                starts_at=slot.start,
                ends_at=slot.end,
                reason=reason,
                verdict_level=level,
                language=member.preferred_language,
            )
            tasks.send_on_commit(booking, tasks.MailKind.CONFIRM)
    except _Overlap:
        raise _taken(trainer.pk, location.pk, starts_at, now) from None
    except IntegrityError as error:
        if not _is_overlap(error):
            raise
        raise _taken(trainer.pk, location.pk, starts_at, now) from None
    return booking


class _Overlap(Exception):
    """Raised inside the transaction to roll it back; turned into SlotTaken."""


def _own(member: User, booking: Booking) -> Booking:
    access.changes(member, scope=access.Scope.BOOKING, what="booking")
    if booking.member_id != member.pk:
        raise NotYours(_("Dit is niet jouw intake."))
    return booking


def _changeable(booking: Booking, now: datetime) -> None:
    if booking.status != Booking.Status.BOOKED or booking.starts_at <= now:
        raise BookingError(_("Deze intake kan niet meer worden gewijzigd."))
    if booking.starts_at - now < selectors.change_cutoff():
        raise TooLate(int(selectors.change_cutoff().total_seconds() // 3600))


def reschedule(*, member: User, booking: Booking, starts_at: datetime) -> Booking:
    """Move the member's intake to another free slot of the same trainer and location;
    the updated invitation (same UID, SEQUENCE + 1) is queued on commit."""
    _own(member, booking)
    now = timezone.now()
    _changeable(booking, now)
    slot = _slot_at(booking.trainer, booking.location, starts_at, now, ignore_booking=booking.pk)
    try:
        with transaction.atomic():
            locked = Booking.objects.select_for_update().get(pk=booking.pk)
            _changeable(locked, now)
            if selectors.overlapping(
                locked.trainer_id, slot.start, slot.end, ignore_booking=locked.pk
            ):
                raise _Overlap
            locked.starts_at, locked.ends_at = slot.start, slot.end
            locked.sequence += 1
            locked.save(update_fields=["starts_at", "ends_at", "sequence"])
            tasks.send_on_commit(locked, tasks.MailKind.RESCHEDULE)
    except _Overlap:
        raise _taken(booking.trainer_id, booking.location_id, starts_at, now, booking.pk) from None
    except IntegrityError as error:
        if not _is_overlap(error):
            raise
        raise _taken(booking.trainer_id, booking.location_id, starts_at, now, booking.pk) from None
    booking.refresh_from_db()
    return booking


def cancel(*, member: User, booking: Booking) -> Booking:
    """Cancel the member's intake; the cancellation (METHOD:CANCEL) is queued on commit."""
    _own(member, booking)
    now = timezone.now()
    _changeable(booking, now)
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        _changeable(locked, now)
        locked.status = Booking.Status.CANCELLED
        locked.cancelled_at = now
        locked.sequence += 1
        locked.save(update_fields=["status", "cancelled_at", "sequence"])
        tasks.send_on_commit(locked, tasks.MailKind.CANCEL)
    booking.refresh_from_db()
    return booking


# --- the trainer's side -----------------------------------------------------------------


def _trainer(user: User) -> Trainer:
    trainer = selectors.trainer_of(user)
    if trainer is None:
        raise access.AccessDenied(user, None, access.Action.CHANGE, access.Scope.BOOKING)
    return trainer


def _trainers_booking(trainer_user: User, booking: Booking) -> Booking:
    trainer = _trainer(trainer_user)
    if booking.trainer_id != trainer.pk:
        raise access.AccessDenied(
            trainer_user, booking.member_id, access.Action.CHANGE, access.Scope.BOOKING
        )
    return booking


MARKABLE = (Booking.Status.ATTENDED, Booking.Status.NO_SHOW)


def mark(*, trainer_user: User, booking: Booking, status: str) -> Booking:
    """The trainer marks an intake that has begun: attended or no-show (and may correct it)."""
    _trainers_booking(trainer_user, booking)
    if status not in MARKABLE:
        raise BookingError(_("Kies 'geweest' of 'niet gekomen'."))
    if booking.status == Booking.Status.CANCELLED:
        raise BookingError(_("Deze intake is geannuleerd."))
    if booking.starts_at > timezone.now():
        raise BookingError(_("Een intake markeer je pas als hij begonnen is."))
    with transaction.atomic():
        booking.status = status
        booking.save(update_fields=["status"])
        if booking.member_id:
            access.record(
                trainer_user,
                [booking.member_id],
                access.Action.CHANGE,
                access.Scope.BOOKING,
                "intake-status",
            )
    return booking


def save_note(*, trainer_user: User, booking: Booking, note: str) -> Booking:
    """The trainer's note of the intake (the member reads it in their export)."""
    _trainers_booking(trainer_user, booking)
    with transaction.atomic():
        booking.trainer_note = note.strip()[:4000]
        booking.save(update_fields=["trainer_note"])
        if booking.member_id:
            access.record(
                trainer_user,
                [booking.member_id],
                access.Action.CHANGE,
                access.Scope.BOOKING,
                "intake-note",
            )
    return booking


def add_block(
    *, trainer_user: User, location: Location, weekday: int, starts: time, ends: time
) -> AvailabilityBlock:
    trainer = _trainer(trainer_user)
    if not trainer.locations.filter(pk=location.pk).exists():
        raise BookingError(_("Je werkt niet op deze vestiging."))
    if not 0 <= weekday <= 6 or starts >= ends:
        raise BookingError(_("Kies een dag en een begintijd vóór de eindtijd."))
    with transaction.atomic():
        return AvailabilityBlock.objects.create(
            trainer=trainer, location=location, weekday=weekday, starts=starts, ends=ends
        )


def remove_block(*, trainer_user: User, block_id: int) -> None:
    """Remove a weekly block; intakes already booked in it stay booked."""
    trainer = _trainer(trainer_user)
    with transaction.atomic():
        trainer.blocks.filter(pk=block_id).delete()


def add_exception(
    *, trainer_user: User, starts_at: datetime, ends_at: datetime, kind: str
) -> AvailabilityException:
    """A time away; intakes already booked in it stay (the agenda shows them)."""
    trainer = _trainer(trainer_user)
    if starts_at >= ends_at:
        raise BookingError(_("Het begin moet vóór het einde liggen."))
    if kind not in AvailabilityException.Kind.values:
        raise BookingError(_("Kies vakantie, ziek of anders."))
    with transaction.atomic():
        return AvailabilityException.objects.create(
            trainer=trainer, starts_at=starts_at, ends_at=ends_at, kind=kind
        )


def remove_exception(*, trainer_user: User, exception_id: int) -> None:
    trainer = _trainer(trainer_user)
    with transaction.atomic():
        trainer.exceptions.filter(pk=exception_id).delete()


def set_intake_length(*, trainer_user: User, minutes: int) -> Trainer:
    trainer = _trainer(trainer_user)
    if minutes not in Trainer.IntakeLength.values:
        raise BookingError(_("Een intake duurt 30 of 45 minuten."))
    with transaction.atomic():
        trainer.intake_minutes = minutes
        trainer.save(update_fields=["intake_minutes"])
    return trainer
