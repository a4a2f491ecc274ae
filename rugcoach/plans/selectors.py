"""Reads for personal plans, always scoped to one member."""

from django.db.models import QuerySet

from rugcoach.accounts.models import User
from rugcoach.core.planner import Plan, Profile, SelfTests
from rugcoach.plans import models


def intake_of(member: User) -> models.Intake | None:
    return models.Intake.objects.filter(member=member).first()


def current_plan(member: User) -> models.Plan | None:
    return models.Plan.objects.filter(member=member, is_current=True).first()


def earlier_plans(member: User) -> QuerySet[models.Plan]:
    return models.Plan.objects.filter(member=member, is_current=False).only(
        "id", "created_at", "starts_on"
    )


def active_feed(member: User, kind: str) -> models.CalendarFeed | None:
    return models.CalendarFeed.objects.filter(
        member=member, kind=kind, revoked_at__isnull=True
    ).first()


def feed_by_token(token: str) -> models.CalendarFeed | None:
    return (
        models.CalendarFeed.objects.select_related("member")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )


def parsed_plan(stored: models.Plan) -> Plan:
    return Plan.model_validate(stored.plan)


def parsed_intake(intake: models.Intake) -> tuple[Profile, SelfTests]:
    return Profile.model_validate(intake.profile), SelfTests.model_validate(intake.self_tests or {})
