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


class AlertHandled(models.Model):
    """A trainer marked one of a member's dashboard alerts handled, with a note.

    ``key`` is the alert's stable key (``rugcoach.core.coaching.alerts``: kind and row id,
    or ``inactive:<last session date>``), so the mark holds however the data grows. Any
    trainer with the member's consent sees who handled it and the note."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts_handled"
    )
    key = models.CharField(max_length=64)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    handled_by_name = models.CharField(max_length=150, blank=True, default="")
    note = models.TextField(_("notitie"), max_length=500, blank=True, default="")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "key"], name="alert_handled_once"),
        ]
        verbose_name = _("afgehandelde melding")
        verbose_name_plural = _("afgehandelde meldingen")

    def __str__(self) -> str:
        return f"{self.key} of {self.member_id} handled"


class MemberNote(models.Model):
    """A note a trainer writes for the member: shown on the member's plan page and home."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainer_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=150, blank=True, default="")
    text = models.TextField(_("notitie"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        # In the ordering's order: the member's newest notes without a sort (issue 16).
        indexes = [models.Index(fields=["member", "-created_at", "-id"])]
        verbose_name = _("notitie voor het lid")
        verbose_name_plural = _("notities voor het lid")

    def __str__(self) -> str:
        return f"note for {self.member_id}"
