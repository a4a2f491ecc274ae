"""Outcome measures a member fills in: the PSFS (Patient-Specific Functional Scale).

The pain scores (NPRS) are not here: they are the check-in's pain before each session
(``TrainingSession.pain_before``) and the next morning's follow-up.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class PsfsAssessment(models.Model):
    """3–5 activities the member finds hard because of their back, each rated 0–10
    (0: cannot do it, 10: as before). At the start, then every 2 weeks (content)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="psfs_assessments"
    )
    created_at = models.DateTimeField(default=timezone.now)
    activities = models.JSONField(help_text="[{name, score}]: 3–5 activities, each 0–10")

    class Meta:
        ordering = ["-created_at", "-id"]
        # In the ordering's order: the newest assessment without a sort (issue 16).
        indexes = [models.Index(fields=["member", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"PSFS of {self.member_id} at {self.created_at:%Y-%m-%d}"

    def clean(self) -> None:
        from rugcoach.progress.services import activity_problems

        problems = activity_problems(self.activities)
        if problems:
            raise ValidationError({"activities": problems})
