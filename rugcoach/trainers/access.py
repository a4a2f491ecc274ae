"""The trainers' rule in the access policy: the member's active consent shares the rest
(checks, plan, sessions, pain, outcomes, and their bookings) with that trainer, to read
and to change (adjust the plan, add a note, mark an alert handled). Revoking ends it at
once: the rule reads the consent on every call."""

from django.db.models import QuerySet

from rugcoach.accounts.access import Action, Scope
from rugcoach.accounts.models import User
from rugcoach.trainers.models import Consent


def _consents_to(viewer: User) -> QuerySet[Consent]:
    return Consent.objects.filter(trainer__user=viewer, revoked_at__isnull=True)


class ConsentedTrainer:
    def allows(self, viewer: User, member_id: int, action: Action, scope: Scope) -> bool:
        if scope not in (Scope.HEALTH, Scope.BOOKING) or viewer.role != User.Role.TRAINER:
            return False
        return _consents_to(viewer).filter(member_id=member_id).exists()

    def member_ids(self, viewer: User, action: Action, scope: Scope) -> QuerySet | None:
        if scope not in (Scope.HEALTH, Scope.BOOKING) or viewer.role != User.Role.TRAINER:
            return None
        return _consents_to(viewer).values_list("member_id", flat=True)
