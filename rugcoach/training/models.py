"""What a member did in a guided session: one row per session, one per exercise.

A session arrives from the phone's outbox, maybe several times (a lost answer is sent
again); ``client_key`` is the id the phone made for it, unique per member in the
database, so however often it arrives it is stored once.
"""

from datetime import datetime
from typing import Any

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
    pain_before = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="the pain of the check-in that opened the session"
    )
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    effort = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(max_length=8, default="nl")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at", "-id"]
        # The trainers' dashboard: each member's last session and the window's sessions;
        # the partial one holds only the sessions that can be an alert (content/coaching.yaml
        # session.pain_min 7, effort_min 9; PostgreSQL uses it for thresholds at or above
        # these, and falls back to the first for lower ones).
        # The first ends in the ordering's (-started_at, -id): a member's sessions come off
        # it in order without a sort (issue 16).
        indexes = [
            models.Index(fields=["member", "-started_at", "-id"]),
            models.Index(
                fields=["member", "-started_at"],
                condition=models.Q(pain_after__gte=7) | models.Q(effort__gte=9),
                name="training_session_heavy",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "client_key"], name="training_session_once_per_key"
            ),
            models.CheckConstraint(
                condition=_zero_to_ten("pain_after"), name="training_session_pain_0_10"
            ),
            models.CheckConstraint(
                condition=_zero_to_ten("pain_before"), name="training_session_pain_before_0_10"
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
    prescription = models.JSONField(
        null=True,
        blank=True,
        help_text="the dose the member was given (core.schedule.Prescription), as the item's "
        "version was when the session started; null for an exercise outside the plan",
    )

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


class Feeling(models.TextChoices):
    """'How is your back compared with before the session?'"""

    BETTER = "better", _("Beter")
    SAME = "same", _("Hetzelfde")
    WORSE = "worse", _("Slechter")


class FollowUp(models.Model):
    """A question after a session: the next morning, and again at 48 h if it was worse.

    Made when the session is stored (the next morning's) or when the morning answer is
    "worse" (the 48-hour one); answered once. ``due_at`` is when it is asked (and the
    reminder e-mail goes out); ``reminded_at`` records that the e-mail went.
    """

    class Kind(models.TextChoices):
        NEXT_MORNING = "next_morning", _("De ochtend erna")
        LATER = "later", _("48 uur later")

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    due_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    feeling = models.CharField(max_length=8, choices=Feeling.choices, blank=True, default="")
    pain = models.PositiveSmallIntegerField(null=True, blank=True)
    stiffness = models.PositiveSmallIntegerField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "kind"], name="followup_once_per_kind"),
            models.CheckConstraint(condition=_zero_to_ten("pain"), name="followup_pain_0_10"),
            models.CheckConstraint(
                condition=_zero_to_ten("stiffness"), name="followup_stiffness_0_10"
            ),
            # An answer is whole: a feeling and a pain score, and a time.
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, feeling="", pain__isnull=True)
                | (Q(answered_at__isnull=False, pain__isnull=False) & ~Q(feeling="")),
                name="followup_answer_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} follow-up of {self.session_id}"

    def is_due(self, now: datetime | None = None) -> bool:
        """Asked from ``due_at`` on (the morning after: how the back reacted overnight)."""
        return self.due_at <= (now or timezone.now())


def stored_text(entry: dict[str, Any], language: str) -> str:
    """A stored ``{nl, en}`` text (a reason, a change) in the page's language; Dutch, the
    source language, when the other is missing."""
    return str(entry.get(language) or entry.get("nl", ""))


class Adaptation(models.Model):
    """One run of the progression engine on a member's plan: its status, the plan-wide
    rules that fired, the dose changes it made (each also a PrescriptionVersion of its
    item), and R4's safety signal. The latest row of a plan is the plan's state."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Actief")
        HELD = "held", _("Vastgehouden")
        REDUCED = "reduced", _("Verlaagd")
        PAUSED = "paused-advise-physio", _("Gepauzeerd: laat je rug nakijken")
        STOPPED = "stopped", _("Gestopt")

    class Trigger(models.TextChoices):
        SESSION = "session", _("Training")
        FOLLOWUP = "followup", _("Vraag na de training")
        CHECKIN = "checkin", _("Check-in")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adaptations"
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        related_name="adaptations",
        db_index=False,  # the (plan, -created_at, -id) index below serves it
    )
    created_at = models.DateTimeField(default=timezone.now)
    trigger = models.CharField(max_length=16, choices=Trigger.choices)
    status = models.CharField(max_length=24, choices=Status.choices)
    reasons = models.JSONField(default=list, help_text="[{rule, nl, en}]: the plan-wide rules")
    session_key = models.CharField(max_length=32, blank=True, default="")
    changes = models.JSONField(
        default=list,
        help_text="[{item_key, slug, action, rule, nl, en, before, after}]: before/after are "
        "Prescriptions as JSON; a swap names its new slug in 'to'",
    )
    safety_signal = models.BooleanField(default=False, help_text="R4: advise a physio")
    recheck_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # In the ordering's order, so neither a member's changes nor a plan's latest run
        # (its state, read on every plan page) needs a sort (issue 16).
        indexes = [
            models.Index(fields=["member", "-created_at", "-id"]),
            models.Index(fields=["plan", "-created_at", "-id"]),
        ]

    def __str__(self) -> str:
        return f"{self.status} for plan {self.plan_id} at {self.created_at:%Y-%m-%d %H:%M}"

    def reason_texts(self, language: str) -> list[str]:
        return [stored_text(reason, language) for reason in self.reasons]
