"""What a member did in a guided session: one row per session, one per exercise.

A session arrives from the phone's outbox, maybe several times (a lost answer is sent
again); ``client_key`` is the id the phone made for it, unique per member in the
database, so however often it arrives it is stored once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """The member's answer after an exercise: the values of ``core.progression.Outcome``
    (the engine reads them), with the words a member sees."""

    DONE = "done", _("Gedaan")
    TOO_EASY = "too_easy", _("Te makkelijk")
    RIGHT = "right", _("Precies goed")
    TOO_HARD = "too_hard", _("Te zwaar")
    HURT = "hurt", _("Het deed pijn")


class Where(models.TextChoices):
    LOWER_BACK = "lower_back", _("Onderrug")
    BUTTOCK = "buttock", _("Bil")
    LEG = "leg", _("Been")


def _zero_to_ten(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 10})


class TrainingSession(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_sessions"
    )
    client_key = models.UUIDField(help_text="made by the phone; the Idempotency-Key")
    plan_session = models.ForeignKey(
        "plans.PlanSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings",
        help_text="the plan's session that was trained (kept as session_key if the plan goes)",
    )
    session_key = models.CharField(max_length=32, blank=True, default="")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    completed = models.BooleanField(help_text="false: stopped part-way")
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    effort = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(max_length=8, default="nl")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "client_key"], name="training_session_once_per_key"
            ),
            models.CheckConstraint(
                condition=_zero_to_ten("pain_after"), name="training_session_pain_0_10"
            ),
            models.CheckConstraint(
                condition=_zero_to_ten("effort"), name="training_session_effort_0_10"
            ),
        ]

    def __str__(self) -> str:
        return f"training {self.client_key} of {self.member_id}"


class ExerciseResult(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="results")
    order = models.PositiveSmallIntegerField()
    item_key = models.CharField(max_length=48, blank=True, default="")
    slug = models.CharField(max_length=80)
    sets_done = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, blank=True, default="", help_text="empty: skipped"
    )
    hurt_where = models.JSONField(default=list, help_text="lower_back, buttock, leg")
    pain = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_zero_to_ten("pain"), name="exercise_result_pain_0_10"
            ),
            # "It hurt" always says how much: the next issue lowers the dose on it.
            models.CheckConstraint(
                condition=~Q(outcome="hurt") | Q(pain__isnull=False),
                name="exercise_result_hurt_has_pain",
            ),
            models.UniqueConstraint(fields=["session", "order"], name="exercise_result_order"),
        ]

    def __str__(self) -> str:
        return f"{self.slug}: {self.outcome or 'skipped'}"
