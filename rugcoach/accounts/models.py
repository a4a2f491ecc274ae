from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.update(is_staff=True, is_superuser=True, role=User.Role.ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in: a member, a trainer or an administrator.

    The email address is the login. The preferred language lives here rather than in a
    separate profile table: every page needs it, and one row saves a query per request.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Lid")
        TRAINER = "trainer", _("Trainer")
        ADMIN = "admin", _("Beheerder")

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    preferred_language = models.CharField(
        _("voorkeurstaal"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    followup_emails = models.BooleanField(
        _("vraag na de training per e-mail"),
        default=False,
        # Also in the database: rows written by code that predates the field (older
        # migrations' models, in migration tests) get "off".
        db_default=False,
        help_text=_("De ochtend na een training een e-mail met de vraag hoe je rug is."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(preferred_language__in=["nl", "en"]),
                name="user_preferred_language_known",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: object, **kwargs: object) -> None:
        # Logins compare lower-case addresses, whichever form created the account.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class AccessLogEntry(models.Model):
    """One view or change of a member's data by someone else (a trainer), written by the
    access policy (``rugcoach.accounts.access``), the one place that grants such access.

    Our own model, not django-auditlog (docs/decisions.md): a view is not a model change,
    and one table for views and changes gives the member one list. The viewer's name is
    copied so the member can read who it was after the trainer's account is gone; when the
    member is deleted the row is anonymised (member NULL), so counts stay but no person.
    """

    class Action(models.TextChoices):
        READ = "read", _("Bekeken")
        CHANGE = "change", _("Gewijzigd")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="access_log",
        # The (member, -at, -id) index below serves every lookup by member; a second one
        # would only slow the dashboard's insert of a hundred rows per view.
        db_index=False,
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="accesses_made",
    )
    viewer_name = models.CharField(max_length=160, blank=True, default="")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=8, choices=Action.choices)
    scope = models.CharField(max_length=16, help_text="booking or health (access.Scope)")
    what = models.CharField(max_length=64, help_text="a code, e.g. 'dashboard', 'plan-swap'")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["member", "-at", "-id"])]

    def __str__(self) -> str:
        return f"{self.viewer_id} {self.action} {self.member_id} {self.what}"


class ApiToken(models.Model):
    """A personal API token: the secret is shown once, only its SHA-256 is stored, and the
    owner can revoke it. Used beside the browser session (``rugcoach.api.auth``)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("naam"), max_length=60)
    digest = models.CharField(max_length=64, unique=True, help_text="sha256 hex of the secret")
    prefix = models.CharField(max_length=8, help_text="the first characters, to tell them apart")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"token {self.prefix}… of {self.owner_id}"
