"""Locations, trainers, their availability, and intake bookings (issue 15 §1–2).

Admins manage locations and trainers in the Django admin; trainers publish their weekly
blocks and exceptions themselves. A booking never overlaps another of the same trainer:
on PostgreSQL an exclusion constraint decides it (``btree_gist``), on SQLite the booking
service checks for overlap inside an immediate (write-locking) transaction.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Location(models.Model):
    name = models.CharField(_("naam"), max_length=80, unique=True)
    address = models.CharField(_("adres"), max_length=200)
    opening_hours = models.TextField(
        _("openingstijden"), help_text=_("Zoals leden ze lezen, bijv. 'ma–vr 7–22, za 9–17'.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")

    def __str__(self) -> str:
        return self.name


class Trainer(models.Model):
    """A user with the trainer role, the locations they work at and their intake length."""

    class IntakeLength(models.IntegerChoices):
        HALF_HOUR = 30, _("30 minuten")
        THREE_QUARTERS = 45, _("45 minuten")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainer"
    )
    locations = models.ManyToManyField(Location, related_name="trainers", blank=True)
    intake_minutes = models.PositiveSmallIntegerField(
        _("duur van een intake"), choices=IntakeLength.choices, default=30
    )

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.email


class AvailabilityBlock(models.Model):
    """A weekly recurring block in which intakes can be booked, at one location."""

    trainer = models.ForeignKey(Trainer, on_delete=models.CASCADE, related_name="blocks")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="blocks")
    weekday = models.PositiveSmallIntegerField(help_text="0 = Monday … 6 = Sunday")
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6),
                name="availability_block_weekday_known",
            ),
            models.CheckConstraint(
                condition=models.Q(starts__lt=models.F("ends")),
                name="availability_block_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainer} {self.weekday} {self.starts}-{self.ends}"


class AvailabilityException(models.Model):
    """A time the trainer is not available (holiday, sick), whatever their blocks say."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Vakantie")
        SICK = "sick", _("Ziek")
        OTHER = "other", _("Anders")

    trainer = models.ForeignKey(Trainer, on_delete=models.CASCADE, related_name="exceptions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.HOLIDAY)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")),
                name="availability_exception_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainer} away {self.starts_at}-{self.ends_at}"


class Booking(models.Model):
    """An intake of a member with a trainer. What it shares with the trainer is what the
    member put in it: the reason, and the verdict level at booking time (access.Scope.BOOKING).

    When the member deletes their account the booking is anonymised (member NULL, reason
    and note emptied), so the trainer's agenda keeps the slot but no person.
    """

    class Status(models.TextChoices):
        BOOKED = "booked", _("Geboekt")
        CANCELLED = "cancelled", _("Geannuleerd")
        ATTENDED = "attended", _("Geweest")
        NO_SHOW = "no_show", _("Niet gekomen")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="bookings"
    )
    trainer = models.ForeignKey(Trainer, on_delete=models.PROTECT, related_name="bookings")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.TextField(_("reden"), max_length=500, blank=True, default="")
    verdict_level = models.CharField(
        max_length=24, blank=True, default="", help_text="the member's verdict level when booking"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BOOKED)
    trainer_note = models.TextField(_("notitie van de intake"), blank=True, default="")
    language = models.CharField(max_length=8, default="nl")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(
        default=0, help_text="the calendar invitation's SEQUENCE: +1 on each reschedule or cancel"
    )

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["trainer", "starts_at"]),
            models.Index(fields=["member", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")), name="booking_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"intake {self.starts_at:%Y-%m-%d %H:%M} with {self.trainer_id}"
