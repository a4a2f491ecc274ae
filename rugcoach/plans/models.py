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
    paused_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="when the progression engine paused the plan (R4: see a physio first); "
        "it stays paused: a full check after this time allows a new plan",
    )

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
    # Posture only: the same schedule also as notifications in the page (issue 14 §2), while
    # a RugCoach tab is open; the browser's permission is asked when the member turns it on.
    notify_in_page = models.BooleanField(default=False)

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


# --- the plan as a schedule (issue 10 §1) -------------------------------------------------
# Sessions and items are rows with stable keys, so a member's logs, dose changes and a
# trainer's edits can point at them. ``Plan.plan`` keeps the planner's JSON as generated
# (and swapped) for the pages; these rows hold the same sessions, items and doses, and
# every dose change is a new PrescriptionVersion, never an edit. ``Plan.profile`` and
# ``Plan.verdict`` are the frozen snapshot of what the plan was built from.


class PlanSession(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sessions")
    key = models.CharField(max_length=32, help_text="stable within the plan, e.g. 'w1-mon'")
    day_offset = models.PositiveIntegerField(help_text="days after the plan's first day")
    order = models.PositiveSmallIntegerField(default=0, help_text="among sessions of that day")
    title = models.JSONField(null=True, blank=True, help_text="{nl, en}, e.g. the week's theme")
    seconds = models.PositiveIntegerField()
    note = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["day_offset", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="plan_session_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} of plan {self.plan_id}"


class PlanItem(models.Model):
    session = models.ForeignKey(PlanSession, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=48, help_text="stable within the plan, e.g. 'w1-mon.2'")
    order = models.PositiveSmallIntegerField()
    slug = models.CharField(max_length=80)
    role = models.CharField(max_length=16)
    reason = models.JSONField(help_text="{nl, en}: why this exercise and this dose")
    focus = models.CharField(max_length=32, blank=True, default="")
    replaces = models.CharField(max_length=80, blank=True, default="")
    step = models.CharField(max_length=32)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "key"], name="plan_item_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.slug}"


class PrescriptionVersion(models.Model):
    """One version of an item's dose; the latest is what to do next time."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    prescription = models.JSONField(help_text="rugcoach.core.schedule.Prescription as JSON")
    reason = models.JSONField(help_text="{nl, en}: why this dose")
    source = models.CharField(
        max_length=16,
        help_text="planner, swap (the member's), progression, progression-swap, trainer",
    )
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="the trainer who made a 'trainer' version (the reason names them too)",
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="prescription_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item.key} v{self.number}"


class PlanRevision(models.Model):
    """A plan's history: which version, what changed, who changed it and why."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    changed_by = models.CharField(
        max_length=16, help_text="planner, member (later: trainer, progression)"
    )
    what = models.JSONField(help_text="the change, e.g. {kind: swap, from, to, items: [keys]}")
    why = models.CharField(max_length=200)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_revision_unique")
        ]

    def __str__(self) -> str:
        return f"plan {self.plan_id} v{self.number}"
