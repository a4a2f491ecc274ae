"""What links a trainer to a member's health data: the member's consent (issue 15 §3)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """A member shares their checks, plan, sessions, pain and outcomes with one trainer,
    from ``given_at`` until ``revoked_at``. Revoking hides the member at once; a new
    consent is a new row, so the history of both dates stays."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents_given"
    )
    trainer = models.ForeignKey(
        "intakes.Trainer", on_delete=models.CASCADE, related_name="consents"
    )
    given_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "trainer"],
                condition=models.Q(revoked_at__isnull=True),
                name="consent_one_active_per_trainer",
            ),
        ]
        indexes = [models.Index(fields=["trainer", "revoked_at"])]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return f"consent of {self.member_id} to trainer {self.trainer_id}"
