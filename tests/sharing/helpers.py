"""Trainers, bookings and consents made directly (the booking pages are another app's)."""

from datetime import datetime, timedelta

from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.intakes.models import Booking, Location, Trainer
from tests.plan_helpers import PASSWORD


def location(name: str = "YellowGym Centrum") -> Location:
    found, _created = Location.objects.get_or_create(
        name=name, defaults={"address": "Markt 1, Utrecht", "opening_hours": "ma–vr 7–22"}
    )
    return found


def trainer(
    email: str, first_name: str, last_name: str = "Coach", *, password: str = PASSWORD
) -> Trainer:
    user = User.objects.create_user(
        email, password, first_name=first_name, last_name=last_name, role=User.Role.TRAINER
    )
    made = Trainer.objects.create(user=user)
    made.locations.add(location())
    return made


def booking(
    member: User,
    with_trainer: Trainer,
    *,
    starts_at: datetime | None = None,
    reason: str = "Pijn bij tillen sinds de verhuizing",
    status: str = Booking.Status.BOOKED,
) -> Booking:
    start = starts_at or timezone.now() + timedelta(days=3)
    return Booking.objects.create(
        member=member,
        trainer=with_trainer,
        location=location(),
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        reason=reason,
        verdict_level="TRAIN",
        status=status,
    )
