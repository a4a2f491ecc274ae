from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
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
