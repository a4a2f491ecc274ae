"""A member in a program (the 30-day challenge, a circuit, a routine) and the days done.

A program's content lives in ``content/programs/<slug>.yaml``; here only who joined which
program when, and which day each trained session was. Restarting keeps the history: the
running enrollment leaves and a new one starts, so at most one is active per member and
program (a database constraint, so two taps at once cannot make two).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrollment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Bezig")
        LEFT = "left", _("Gestopt")
        FINISHED = "finished", _("Afgerond")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_enrollments"
    )
    program = models.CharField(max_length=48, help_text="the program's slug (content/programs)")
    started_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    left_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "program"],
                condition=Q(status="active"),
                name="enrollment_one_active_per_program",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} ({self.status}) of {self.member_id}"


class ProgramDay(models.Model):
    """One day of a program, played in the session player (one trained session each).

    ``repeat``: the day was played again (the previous one hurt or was too much);
    ``gentler``: with lighter doses for what hurt; ``reasons``: why, as the member read
    them in the player ([{rule, nl, en}]).
    """

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="days")
    day_key = models.CharField(max_length=16)
    training = models.OneToOneField(
        "training.TrainingSession", on_delete=models.CASCADE, related_name="program_day"
    )
    done_on = models.DateField()
    repeat = models.BooleanField(default=False)
    gentler = models.BooleanField(default=False)
    reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["done_on", "id"]
        indexes = [models.Index(fields=["enrollment", "done_on"])]

    def __str__(self) -> str:
        return f"{self.day_key} of enrollment {self.enrollment_id} on {self.done_on}"
