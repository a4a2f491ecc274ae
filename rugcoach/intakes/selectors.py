"""Reads of locations, trainers, free slots and bookings (issue 15 §2).

Locations, trainers and their free slots are public to every member. A booking is the
member's own (``access.reads``) or, for its trainer, shared in ``Scope.BOOKING``: the
agenda reads through ``access.reachable_member_ids`` and records what it showed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.core.booking.slots import Busy, Slot, WeeklyBlock, free_slots
from rugcoach.intakes.models import (
    AvailabilityBlock,
    AvailabilityException,
    Booking,
    Location,
    Trainer,
)

# How far ahead members see free slots, and how soon an intake may start at the earliest.
WINDOW_DAYS = 21
NOTICE = timedelta(hours=2)


def change_cutoff() -> timedelta:
    """How long before an intake it can still be moved or cancelled (settings)."""
    return timedelta(hours=settings.RUGCOACH_INTAKE_CHANGE_HOURS)


def locations() -> QuerySet[Location]:
    """Every location with its trainers (two queries, whatever their number)."""
    return Location.objects.prefetch_related(
        Prefetch("trainers", queryset=Trainer.objects.select_related("user").order_by("id"))
    )


def location(location_id: int) -> Location:
    return Location.objects.get(pk=location_id)


def trainer_at(trainer_id: int, location_id: int) -> Trainer:
    """A trainer working at a location (Trainer.DoesNotExist otherwise)."""
    return Trainer.objects.select_related("user").get(pk=trainer_id, locations=location_id)


def _window(now: datetime, days: int) -> tuple[datetime, datetime]:
    return now - timedelta(days=1), now + timedelta(days=days + 1)


def trainers_with_agenda(
    location_id: int, *, now: datetime, days: int = WINDOW_DAYS
) -> QuerySet[Trainer]:
    """The location's trainers with their blocks, exceptions and live bookings in the
    window prefetched: the slots page costs the same few queries for any number."""
    start, end = _window(now, days)
    return (
        Trainer.objects.filter(locations=location_id)
        .select_related("user")
        .order_by("id")
        .prefetch_related(
            Prefetch("blocks", queryset=AvailabilityBlock.objects.all()),
            Prefetch(
                "exceptions",
                queryset=AvailabilityException.objects.filter(starts_at__lt=end, ends_at__gt=start),
            ),
            Prefetch(
                "bookings",
                queryset=Booking.objects.filter(starts_at__lt=end, ends_at__gt=start)
                .exclude(status=Booking.Status.CANCELLED)
                .only("id", "trainer_id", "starts_at", "ends_at", "status"),
            ),
        )
    )


def slots_of(
    trainer: Trainer,
    *,
    now: datetime,
    location_id: int | None = None,
    days: int = WINDOW_DAYS,
    ignore_booking: int | None = None,
) -> list[Slot]:
    """The trainer's free slots (at one location, or all), from prefetched or fresh rows.
    ``ignore_booking``: the booking being moved does not block its own neighbours."""
    blocks = [
        WeeklyBlock(block.weekday, block.starts, block.ends, block.location_id)
        for block in trainer.blocks.all()
        if location_id is None or block.location_id == location_id
    ]
    start, end = _window(now, days)
    busy = [
        Busy(item.starts_at, item.ends_at)
        for item in trainer.exceptions.all()
        if item.starts_at < end and item.ends_at > start
    ]
    busy += [
        Busy(item.starts_at, item.ends_at)
        for item in trainer.bookings.all()
        if item.status != Booking.Status.CANCELLED
        and item.pk != ignore_booking
        and item.starts_at < end
        and item.ends_at > start
    ]
    return free_slots(
        blocks=blocks,
        busy=busy,
        minutes=trainer.intake_minutes,
        now=now,
        days=days,
        notice=NOTICE,
    )


def trainer_slots(
    trainer_id: int, location_id: int, *, now: datetime, ignore_booking: int | None = None
) -> list[Slot]:
    """Free slots of one trainer at one location, read fresh (the booking service); none
    when the trainer no longer works there (a booking made before still points to it)."""
    trainer = trainers_with_agenda(location_id, now=now).filter(pk=trainer_id).first()
    if trainer is None:
        return []
    return slots_of(trainer, now=now, location_id=location_id, ignore_booking=ignore_booking)


@dataclass(frozen=True)
class MemberBookings:
    upcoming: list[Booking]
    past: list[Booking]


def member_bookings(member: User, *, viewer: User | None = None) -> MemberBookings:
    """The member's intakes: upcoming (booked, not yet ended) and the rest."""
    owner = access.reads(member, viewer, scope=access.Scope.BOOKING, what="bookings")
    now = timezone.now()
    found = Booking.objects.filter(member=owner)
    if viewer is not None and viewer.pk != owner.pk:
        # A booking shares itself with its own trainer, not the member's other bookings.
        found = found.filter(trainer__user=viewer)
    rows = list(found.select_related("trainer__user", "location"))
    upcoming = [b for b in rows if b.status == Booking.Status.BOOKED and b.ends_at > now]
    past = [b for b in reversed(rows) if b not in upcoming]
    return MemberBookings(upcoming=upcoming, past=past)


def member_booking(member: User, booking_id: int) -> Booking:
    """One of the member's own bookings (Booking.DoesNotExist for anyone else's)."""
    owner = access.reads(member, scope=access.Scope.BOOKING, what="booking")
    return Booking.objects.select_related("trainer__user", "location").get(
        pk=booking_id, member=owner
    )


def upcoming_booking(member: User, *, now: datetime) -> Booking | None:
    """The member's one upcoming intake that is still booked, if any."""
    return (
        Booking.objects.filter(member=member, status=Booking.Status.BOOKED, ends_at__gt=now)
        .select_related("trainer__user", "location")
        .first()
    )


def trainer_of(viewer: User) -> Trainer | None:
    """The trainer row of a logged-in trainer (None for anyone else)."""
    if not viewer.is_authenticated or viewer.role != User.Role.TRAINER:
        return None
    return Trainer.objects.filter(user=viewer).first()


def upcoming_for_trainer(
    viewer: User, *, days: int, now: datetime | None = None, what: str = "agenda"
) -> list[Booking]:
    """The trainer's intakes from the start of today for ``days`` days, with the member's
    first name, reason and verdict level (``Scope.BOOKING``; the reads are logged).
    Cancelled intakes and those of deleted accounts are left out. Empty for non-trainers."""
    trainer = trainer_of(viewer)
    reachable = access.reachable_member_ids(viewer, access.Action.READ, access.Scope.BOOKING)
    if trainer is None:
        return []
    # An anonymised booking (its member deleted their account) keeps its slot.
    shared = Q(member__isnull=True)
    if reachable is not None:
        shared |= Q(member_id__in=reachable)
    moment = timezone.localtime(now or timezone.now())
    start = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    found = list(
        Booking.objects.filter(
            shared,
            trainer=trainer,
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=days),
        )
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("member", "location")
    )
    access.record(
        viewer,
        [b.member_id for b in found if b.member_id],
        access.Action.READ,
        access.Scope.BOOKING,
        what,
    )
    return found


def trainer_availability(trainer: Trainer, *, now: datetime) -> dict[str, object]:
    """A trainer's own blocks (per location) and their exceptions still to come."""
    return {
        "blocks": list(
            trainer.blocks.select_related("location").order_by(
                "location__name", "weekday", "starts"
            )
        ),
        "exceptions": list(trainer.exceptions.filter(ends_at__gt=now)),
        "locations": list(trainer.locations.all()),
    }


def overlapping(
    trainer_id: int, starts_at: datetime, ends_at: datetime, *, ignore_booking: int | None = None
) -> bool:
    """Whether a live booking of the trainer overlaps the time (inside the service's lock)."""
    found = Booking.objects.filter(
        Q(trainer_id=trainer_id, starts_at__lt=ends_at, ends_at__gt=starts_at)
    ).exclude(status=Booking.Status.CANCELLED)
    if ignore_booking is not None:
        found = found.exclude(pk=ignore_booking)
    return found.exists()
