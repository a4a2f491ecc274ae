"""Trainers, members who consented, and the evidence alerts are made of (rows, made
directly as the services store them)."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.intakes.models import Trainer
from rugcoach.trainers.models import Consent
from rugcoach.training.models import Adaptation
from rugcoach.triage.models import TriageResult
from tests.plan_helpers import PASSWORD, record_triage


def make_trainer(email: str = "tom@yellowgym.test", first_name: str = "Tom") -> User:
    user = User.objects.create_user(email, PASSWORD, first_name=first_name, role=User.Role.TRAINER)
    Trainer.objects.create(user=user)
    return user


def consenting_member(
    trainer: User, email: str, *, first_name: str = "", days_ago: int = 30
) -> User:
    member = User.objects.create_user(email, None, first_name=first_name)  # no hashing: fast
    Consent.objects.create(
        member=member, trainer=trainer.trainer, given_at=timezone.now() - timedelta(days=days_ago)
    )
    return member


def red_flag(
    member: User, *, level: str = "GP_TODAY", kind: str = "checkin", hours_ago: int = 2
) -> TriageResult:
    """A stored check whose verdict forbids training (the verdict of a benign check, with
    the level changed: what the dashboard reads is the level)."""
    base = TriageResult.objects.filter(member=member).first() or record_triage(member)
    return TriageResult.objects.create(
        member=member,
        kind=kind,
        answers={"pain_now": 8},
        level=level,
        may_train=False,
        verdict={**base.verdict, "level": level},
        created_at=timezone.now() - timedelta(hours=hours_ago),
    )


def r4_signal(member: User, plan) -> Adaptation:  # type: ignore[no-untyped-def]
    return Adaptation.objects.create(
        member=member,
        plan=plan,
        trigger=Adaptation.Trigger.FOLLOWUP,
        status=Adaptation.Status.PAUSED,
        safety_signal=True,
        reasons=[{"rule": "R4", "nl": "Twee weken slechter", "en": "Two weeks worse"}],
    )


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client
