"""Intake booking over the API: the same selectors and services as the pages.

``GET /api/intakes/slots?location=&trainer=&from=`` lists free slots (public, like the
page); ``POST /api/intakes`` books one (409 with the nearest free slots when it was just
taken, 422 naming the field at fault); ``GET /api/intakes/mine`` lists the member's
intakes; ``POST /api/intakes/{id}/cancel`` cancels one (up to the cut-off).
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from rugcoach.api.auth import MEMBER_AUTH
from rugcoach.api.errors import ErrorOut, ValidationErrorOut, field_error, invalid
from rugcoach.api.schemas import MEMBERS_ONLY, WITH_BODY
from rugcoach.core.booking.slots import Slot
from rugcoach.intakes import selectors, services
from rugcoach.intakes.reasons import REASON_MAX

router = Router(tags=["intakes"])


class SlotOut(Schema):
    trainer: int
    location: int
    starts_at: datetime
    ends_at: datetime


class SlotsQuery(Schema):
    location: int = Field(ge=1, le=2**31, description="the location's id")
    trainer: int | None = Field(default=None, ge=1, le=2**31, description="only this trainer")
    from_: date | None = Field(
        default=None, alias="from", description="only slots from this day on (Europe/Amsterdam)"
    )


def _slot(trainer_id: int, slot: Slot) -> dict[str, Any]:
    return {
        "trainer": trainer_id,
        "location": slot.location,
        "starts_at": slot.start,
        "ends_at": slot.end,
    }


@router.get(
    "/slots",
    url_name="intake_slots",
    response={200: list[SlotOut], 404: ErrorOut, 422: ValidationErrorOut},
    summary="Free intake slots at a location for the coming three weeks",
)
def get_slots(request: HttpRequest, query: Query[SlotsQuery]) -> Any:
    try:
        selectors.location(query.location)
    except ObjectDoesNotExist:
        return Status(404, {"detail": "No such location."})
    now = timezone.now()
    trainers = selectors.trainers_with_agenda(query.location, now=now)
    if query.trainer is not None:
        trainers = trainers.filter(pk=query.trainer)
    found = [
        _slot(trainer.pk, slot)
        for trainer in trainers
        for slot in selectors.slots_of(trainer, now=now, location_id=query.location)
        if query.from_ is None or timezone.localtime(slot.start).date() >= query.from_
    ]
    return sorted(found, key=lambda s: (s["starts_at"], s["trainer"]))


class BookIn(Schema):
    location: int = Field(ge=1, le=2**31)
    trainer: int = Field(ge=1, le=2**31)
    starts_at: datetime = Field(description="a free slot's starts_at, with its offset")
    reason: str = Field(default="", max_length=REASON_MAX)


class BookingOut(Schema):
    id: int
    trainer: int
    location: int
    starts_at: datetime
    ends_at: datetime
    reason: str
    verdict_level: str
    status: str


class TakenOut(ErrorOut):
    """409: the slot was just taken (or the member already has an intake): ErrorOut's
    ``detail``, and the nearest free slots of the same trainer to book instead."""

    nearest: list[SlotOut]


def _booking(b: Any) -> dict[str, Any]:
    return {
        "id": b.pk,
        "trainer": b.trainer_id,
        "location": b.location_id,
        "starts_at": b.starts_at,
        "ends_at": b.ends_at,
        "reason": b.reason,
        "verdict_level": b.verdict_level,
        "status": b.status,
    }


@router.post(
    "",
    auth=MEMBER_AUTH,
    url_name="intake_book",
    response={201: BookingOut, 409: TakenOut, 422: ValidationErrorOut, **MEMBERS_ONLY, **WITH_BODY},
    summary="Book a free intake",
)
def post_booking(request: HttpRequest, body: BookIn) -> Any:
    if body.starts_at.tzinfo is None:
        return Status(
            422, invalid(field_error(["body", "starts_at"], "give the offset, e.g. +01:00"))
        )
    try:
        trainer = selectors.trainer_at(body.trainer, body.location)
        location = selectors.location(body.location)
    except ObjectDoesNotExist:
        return Status(
            422, invalid(field_error(["body", "trainer"], "no such trainer at this location"))
        )
    try:
        booking = services.book(
            member=request.user,
            trainer=trainer,
            location=location,
            starts_at=body.starts_at,
            reason=body.reason,
        )
    except services.SlotTaken as taken:
        return Status(
            409, {"detail": taken.message, "nearest": [_slot(trainer.pk, s) for s in taken.nearest]}
        )
    except services.AlreadyBooked as error:
        return Status(409, {"detail": error.message, "nearest": []})
    except services.NotYours as error:
        return Status(403, {"detail": error.message})
    except services.BookingError as error:
        return Status(422, invalid(field_error(["body", "starts_at"], error.message)))
    return Status(201, _booking(booking))


class MineOut(Schema):
    upcoming: list[BookingOut]
    past: list[BookingOut]


@router.get(
    "/mine",
    auth=MEMBER_AUTH,
    url_name="intake_mine",
    response={200: MineOut, **MEMBERS_ONLY},
    summary="The member's intakes",
)
def get_mine(request: HttpRequest) -> Any:
    found = selectors.member_bookings(request.user)
    return {
        "upcoming": [_booking(b) for b in found.upcoming],
        "past": [_booking(b) for b in found.past],
    }


@router.post(
    "/{booking_id}/cancel",
    auth=MEMBER_AUTH,
    url_name="intake_cancel",
    response={200: BookingOut, 404: ErrorOut, 409: ErrorOut, **MEMBERS_ONLY},
    summary="Cancel an intake (up to the cut-off before it)",
)
def post_cancel(request: HttpRequest, booking_id: int) -> Any:
    try:
        booking = selectors.member_booking(request.user, booking_id)
    except ObjectDoesNotExist:
        return Status(404, {"detail": "Not found."})
    try:
        services.cancel(member=request.user, booking=booking)
    except services.BookingError as error:
        return Status(409, {"detail": error.message})
    return _booking(booking)
