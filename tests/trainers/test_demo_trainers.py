"""`make run`'s trainers' side (issue 15 §1): two locations, two trainers with their
availability and an exception, and members in every state the dashboard is about, each
sharing with the first trainer; running it again adds nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.intakes.models import (
    AvailabilityBlock,
    AvailabilityException,
    Booking,
    Location,
    Trainer,
)
from rugcoach.plans.models import Plan
from rugcoach.trainers.models import Consent
from rugcoach.training.models import TrainingSession
from rugcoach.triage.models import TriageResult

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            Location,
            Trainer,
            AvailabilityBlock,
            AvailabilityException,
            Booking,
            Consent,
            Plan,
            TrainingSession,
            TriageResult,
        )
    }


@override_settings(DEBUG=True)
def test_the_demo_trainers_and_their_members_in_every_state_once():
    for command in ("demo_accounts", "demo_history", "demo_programs", "demo_trainers"):
        call_command(command, stdout=StringIO())
    now = timezone.now()

    centrum, noord = Location.objects.order_by("name")
    assert centrum.address and centrum.opening_hours and noord.address and noord.opening_hours
    tom = Trainer.objects.get(user__email="trainer@rugcoach.test")
    fatima = Trainer.objects.get(user__email="trainer2@rugcoach.test")
    for trainer in (tom, fatima):
        assert trainer.user.role == User.Role.TRAINER
        assert trainer.user.check_password("rugcoach-demo")
        assert trainer.blocks.count() == 3
    assert set(tom.locations.all()) == {centrum, noord} and list(fatima.locations.all()) == [noord]
    away = AvailabilityException.objects.get(trainer=tom)
    assert away.starts_at > now and away.ends_at - away.starts_at == timedelta(days=7)

    members = {
        email: User.objects.get(email=email)
        for email in (
            "lid@rugcoach.test",
            "rodevlag@rugcoach.test",
            "pijn@rugcoach.test",
            "stil@rugcoach.test",
        )
    }
    tom_user = tom.user
    for member in members.values():
        assert Consent.objects.filter(member=member, trainer=tom, revoked_at__isnull=True).exists()
        assert access.may(tom_user, member.pk, access.Action.READ, access.Scope.HEALTH)
        assert not access.may(fatima.user, member.pk, access.Action.READ, access.Scope.HEALTH)
        past = Booking.objects.get(member=member, trainer=tom, starts_at__lt=now)
        assert past.status == Booking.Status.ATTENDED, "consent follows an intake"

    sanne = members["lid@rugcoach.test"]
    assert Plan.objects.filter(member=sanne, is_current=True).exists()
    upcoming = Booking.objects.get(member=sanne, starts_at__gt=now)
    assert upcoming.status == Booking.Status.BOOKED and "zwaarder" in upcoming.reason
    assert upcoming.starts_at.weekday() == 0, "inside Tom's Monday block"

    red_flag = TriageResult.objects.filter(member=members["rodevlag@rugcoach.test"]).first()
    assert red_flag is not None and red_flag.kind == TriageResult.Kind.CHECKIN
    assert red_flag.level == "GP_TODAY" and not red_flag.may_train
    assert timedelta(hours=1) < now - red_flag.created_at < timedelta(days=2)

    petra = TrainingSession.objects.filter(member=members["pijn@rugcoach.test"])
    assert [s.pain_after for s in petra.order_by("started_at")] == [4, 6, 8]
    assert now - petra.first().started_at < timedelta(days=7)  # type: ignore[union-attr]

    ivo = TrainingSession.objects.filter(member=members["stil@rugcoach.test"]).first()
    # Ten calendar days (at any hour of today: just after midnight fewer 24-hour days).
    assert ivo is not None
    assert (timezone.localdate(now) - timezone.localdate(ivo.started_at)).days >= 10
    assert Plan.objects.filter(member=members["stil@rugcoach.test"], is_current=True).exists()

    before = _counts()
    call_command("demo_trainers", stdout=StringIO())  # again: nothing is added
    assert _counts() == before


def test_demo_trainers_is_refused_outside_debug():
    with pytest.raises(CommandError):
        call_command("demo_trainers")
