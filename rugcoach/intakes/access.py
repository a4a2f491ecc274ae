"""The intakes' rule in the access policy: a booking shares what the member put in it
(the reason and the verdict level at booking time) with that trainer, and nothing more."""

from django.db.models import QuerySet

from rugcoach.accounts.access import Action, Scope
from rugcoach.accounts.models import User
from rugcoach.intakes.models import Booking


def _bookings_with(viewer: User) -> QuerySet[Booking]:
    return Booking.objects.filter(trainer__user=viewer, member__isnull=False).exclude(
        status=Booking.Status.CANCELLED
    )


class BookedTrainer:
    """A trainer reads the booking data of the members who booked an intake with them
    (a cancelled booking shares nothing)."""

    def allows(self, viewer: User, member_id: int, action: Action, scope: Scope) -> bool:
        if action is not Action.READ or scope is not Scope.BOOKING:
            return False
        if viewer.role != User.Role.TRAINER:
            return False
        return _bookings_with(viewer).filter(member_id=member_id).exists()

    def member_ids(self, viewer: User, action: Action, scope: Scope) -> QuerySet | None:
        if action is not Action.READ or scope is not Scope.BOOKING:
            return None
        if viewer.role != User.Role.TRAINER:
            return None
        return _bookings_with(viewer).values_list("member_id", flat=True)
