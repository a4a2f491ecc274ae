import secrets
from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Intake(models.Model):
    """A member's answers to the intake and self-tests; edited in place, one per member.

    Stored as the planner's own JSON shapes (``Profile``, ``SelfTests``) so that the pure
    planner, the API and the pages read the same thing.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake"
    )
    profile = models.JSONField()
    self_tests = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"intake of {self.member}"


class Plan(models.Model):
    """A generated 4-week plan. Regenerating keeps the old one as history."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    created_at = models.DateTimeField(default=timezone.now)
    starts_on = models.DateField(help_text="the Monday of the plan's first week")
    is_current = models.BooleanField(default=True)
    profile = models.JSONField(help_text="the intake the plan was built from")
    verdict = models.JSONField(help_text="the safety verdict the plan was built under")
    plan = models.JSONField(help_text="rugcoach.core.planner.Plan as JSON")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(is_current=True),
                name="plan_one_current_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"plan of {self.member} from {self.starts_on}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A private calendar URL; the token is the only key, so it can be revoked."""

    class Kind(models.TextChoices):
        SESSIONS = "sessions", _("Trainingen")
        POSTURE = "posture", _("Houdingsherinneringen")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Training sessions only: the time of day the sessions are put in the calendar.
    session_time = models.TimeField(default=time(19, 0))
    # Posture reminders only: every N minutes between the work hours on the work days.
    interval_minutes = models.PositiveSmallIntegerField(default=30)
    work_start = models.TimeField(default=time(9, 0))
    work_end = models.TimeField(default=time(17, 0))
    workdays = models.JSONField(default=list, help_text="weekday codes, e.g. ['mon', 'tue']")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendar_feed_one_active_per_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(interval_minutes__gte=15, interval_minutes__lte=240),
                name="calendar_feed_interval_sane",
            ),
            models.CheckConstraint(
                condition=models.Q(work_start__lt=models.F("work_end")),
                name="calendar_feed_work_hours_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} feed of {self.member}"
