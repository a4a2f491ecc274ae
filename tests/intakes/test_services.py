"""Booking, moving and cancelling an intake; the trainer's marks and notes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rugcoach.accounts.models import AccessLogEntry
from rugcoach.intakes import selectors, services
from rugcoach.intakes.models import Booking
from tests.plan_helpers import record_triage
from tests.trainers.helpers import red_flag


def free(trainer, location):
    return selectors.trainer_slots(trainer.pk, location.pk, now=timezone.now())


def book(member, trainer, location, slot, reason="Rugpijn bij tillen"):
    return services.book(
        member=member, trainer=trainer, location=location, starts_at=slot.start, reason=reason
    )


def test_a_booking_takes_its_slot_and_keeps_the_check_level(member, trainer, location):
    record_triage(member)
    slot = free(trainer, location)[3]
    booking = book(member, trainer, location, slot)
    assert booking.verdict_level == member.triage_results.first().level
    assert (booking.starts_at, booking.ends_at) == (slot.start, slot.end)
    assert slot not in free(trainer, location)


def test_a_later_blocking_check_in_is_the_level_the_booking_keeps(member, trainer, location):
    record_triage(member)
    red_flag(member, level="GP_TODAY", hours_ago=0)  # a check-in after the full check
    booking = book(member, trainer, location, free(trainer, location)[3])
    assert booking.verdict_level == "GP_TODAY"


def test_a_taken_slot_offers_the_nearest_free_ones(
    wall_clock, member, other_member, trainer, location
):
    """In the morning the sixth free slot has free ones on both sides (between about 11:30
    and 12:30 it is the last of a day or the first of the next, whose nearest lie further
    than an hour away)."""
    slot = free(trainer, location)[5]
    book(member, trainer, location, slot)
    with pytest.raises(services.SlotTaken) as taken:
        book(other_member, trainer, location, slot)
    assert len(taken.value.nearest) == 3
    assert slot not in taken.value.nearest
    assert all(abs(s.start - slot.start) <= timedelta(hours=1) for s in taken.value.nearest)
    assert Booking.objects.count() == 1


def test_a_time_outside_the_blocks_is_refused(member, trainer, location):
    night = free(trainer, location)[0].start.replace(hour=2)
    with pytest.raises(services.NotAFreeSlot):
        services.book(member=member, trainer=trainer, location=location, starts_at=night, reason="")


def test_one_upcoming_intake_per_member(member, trainer, location):
    slots = free(trainer, location)
    book(member, trainer, location, slots[0])
    with pytest.raises(services.AlreadyBooked):
        book(member, trainer, location, slots[-1])


def test_a_reason_longer_than_500_characters_is_refused(member, trainer, location):
    with pytest.raises(services.BookingError, match="500"):
        book(member, trainer, location, free(trainer, location)[0], reason="x" * 501)


def test_move_and_cancel_up_to_the_cutoff(member, trainer, location, settings):
    slots = free(trainer, location)
    later = [s for s in slots if s.start - timezone.now() > timedelta(hours=30)]
    booking = book(member, trainer, location, later[0])
    moved = services.reschedule(member=member, booking=booking, starts_at=later[4].start)
    assert moved.starts_at == later[4].start and moved.sequence == 1
    cancelled = services.cancel(member=member, booking=moved)
    assert cancelled.status == Booking.Status.CANCELLED and cancelled.sequence == 2
    # Cancelled: the slot is free again, and the member may book anew.
    assert later[4] in free(trainer, location)
    soon = book(member, trainer, location, slots[0])
    settings.RUGCOACH_INTAKE_CHANGE_HOURS = 24
    with pytest.raises(services.TooLate, match="24 uur"):
        services.cancel(member=member, booking=soon)
    with pytest.raises(services.TooLate):
        services.reschedule(member=member, booking=soon, starts_at=later[6].start)


def test_only_the_member_moves_their_intake(member, other_member, trainer, location):
    booking = book(member, trainer, location, free(trainer, location)[-1])
    with pytest.raises(services.NotYours):
        services.cancel(member=other_member, booking=booking)


def test_the_trainer_marks_and_notes_after_the_start(member, trainer, location):
    booking = book(member, trainer, location, free(trainer, location)[-1])
    with pytest.raises(services.BookingError):
        services.mark(trainer_user=trainer.user, booking=booking, status="attended")
    Booking.objects.filter(pk=booking.pk).update(
        starts_at=timezone.now() - timedelta(minutes=40),
        ends_at=timezone.now() - timedelta(minutes=10),
    )
    booking.refresh_from_db()
    services.mark(trainer_user=trainer.user, booking=booking, status="no_show")
    services.save_note(trainer_user=trainer.user, booking=booking, note="Kwam niet.")
    booking.refresh_from_db()
    assert (booking.status, booking.trainer_note) == ("no_show", "Kwam niet.")
    assert set(AccessLogEntry.objects.values_list("what", flat=True)) == {
        "intake-status",
        "intake-note",
    }
    with pytest.raises(services.access.AccessDenied):
        services.mark(trainer_user=member, booking=booking, status="attended")
