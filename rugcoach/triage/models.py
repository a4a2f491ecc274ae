from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rugcoach.core.triage.engine import Level, Verdict

LEVEL_CHOICES = [(level.value, level.value) for level in Level]


class TriageResult(models.Model):
    """One completed safety check (full triage or daily check-in) of a member.

    The verdict is stored as it was shown, texts included, so that history reads the
    same after the rules are revised; the answers are kept so a trainer can see why.
    A stored check is a frozen snapshot: ``questions_version`` says which questions it
    answered, so that a full check made with older questions is asked to be redone.
    """

    class Kind(models.TextChoices):
        TRIAGE = "triage", _("Volledige check")
        CHECKIN = "checkin", _("Check-in")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="triage_results"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    answers = models.JSONField()
    level = models.CharField(max_length=24, choices=LEVEL_CHOICES)
    may_train = models.BooleanField()
    verdict = models.JSONField(help_text="the verdict as shown, both languages")
    questions_version = models.CharField(
        max_length=16,
        blank=True,
        default="",
        help_text="the fingerprint of the questions this check was made with; empty for "
        "checks stored before fingerprints were kept",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        # Both end in the ordering's (-created_at, -id), so a member's history, latest
        # check and last full check come off the index without a sort (issue 16).
        indexes = [
            # The latest full check, the check-ins since it.
            models.Index(fields=["member", "kind", "-created_at", "-id"]),
            # The history page, the latest check of either kind; the trainers' dashboard
            # (a member's checks in the alert window) uses its (member, -created_at) prefix.
            models.Index(fields=["member", "-created_at", "-id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=[level.value for level in Level]),
                name="triage_result_level_known",
            ),
            # The verdict decides whether training is allowed; the two can never disagree.
            models.CheckConstraint(
                condition=~models.Q(may_train=True)
                | models.Q(level__in=[level.value for level in Level if level.allows_training]),
                name="triage_result_training_only_when_allowed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.kind} {self.level} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def stored_verdict(self) -> Verdict:
        return Verdict.model_validate(self.verdict)
