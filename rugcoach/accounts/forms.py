"""Account forms. Django's auth forms, with every text a member reads in our own voice
(informal Dutch as the msgid, English in our catalogue) rather than Django's stock ones."""

import hashlib
from collections.abc import Iterator, Mapping

from axes.utils import reset as axes_reset
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rugcoach.accounts import tokens
from rugcoach.accounts.models import User

PASSWORD_MISMATCH = _("De twee wachtwoorden zijn niet hetzelfde. Typ ze nog eens.")
INVALID_EMAIL = _("Dit is geen e-mailadres. Kijk even na of je het goed hebt getypt.")
# A single yes/no box renders as a checkbox row (box, label, help text under it).
CHECKBOX_FIELD_TEMPLATE = "fields/checkbox_row.html"  # the form renderer finds it in this app
EMAIL_TAKEN = _("Er bestaat al een account met dit e-mailadres. Log in of kies een ander adres.")


def _new_password_fields(form: forms.Form, first: str, second: str, first_label: str) -> None:
    form.fields[first].label = first_label
    form.fields[first].help_text = password_validation.password_validators_help_text_html()
    form.fields[second].label = _("Herhaal je wachtwoord")
    form.fields[second].help_text = _("Typ hetzelfde wachtwoord nog een keer.")


class SignupForm(auth_forms.BaseUserCreationForm):
    error_messages = {"password_mismatch": PASSWORD_MISMATCH}

    class Meta:
        model = User
        fields = ("email", "first_name")
        labels = {"email": _("E-mailadres"), "first_name": _("Voornaam (mag leeg blijven)")}
        # The model's own uniqueness check runs after clean_email: same words there.
        error_messages = {"email": {"unique": EMAIL_TAKEN}}

    def __init__(
        self,
        *args: object,
        keep: Mapping[str, tuple[str | Promise, str | Promise]] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["invalid"] = INVALID_EMAIL
        _new_password_fields(self, "password1", "password2", _("Wachtwoord"))
        # What the visitor can keep (their check): ticked, so keeping is one click, and
        # untickable, so nothing is stored unless they leave it ticked.
        for name, (label, help_text) in (keep or {}).items():
            self.fields[name] = forms.BooleanField(
                label=label,
                help_text=help_text,
                required=False,
                initial=True,
                template_name=CHECKBOX_FIELD_TEMPLATE,
            )
        self.keep_fields = tuple(keep or ())

    def kept(self) -> tuple[str, ...]:
        """The keep boxes left ticked (after ``is_valid``)."""
        return tuple(name for name in self.keep_fields if self.cleaned_data.get(name))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(EMAIL_TAKEN, code="unique")
        return email

    def validate_password_for_user(
        self, user: User, password_field_name: str = "password1"
    ) -> None:
        # Django files a weak password under the repeat field; a member reads the reason
        # beside the password they chose (the rules are listed there too).
        super().validate_password_for_user(user, password_field_name=password_field_name)

    def email_taken(self) -> None:
        """The address was taken between the check and the save (two sign-ups at once)."""
        self.add_error("email", forms.ValidationError(EMAIL_TAKEN, code="unique"))


class EmailAuthenticationForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={"invalid": INVALID_EMAIL},
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters in je "
            "wachtwoord."
        ),
        "inactive": _("Dit account staat uit. Vraag je sportschool om hulp."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Wachtwoord")

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


def _weak_password_beside_new(form: forms.Form, user: User, validate: object) -> None:
    """As in the sign-up: a weak new password's reason goes beside the new password, not
    beside its repetition (Django's default)."""
    validate(user, password_field_name="new_password1")  # type: ignore[operator]


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    error_messages = {
        "password_mismatch": PASSWORD_MISMATCH,
        "password_incorrect": _("Je huidige wachtwoord klopt niet. Probeer het nog eens."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Je huidige wachtwoord")
        _new_password_fields(self, "new_password1", "new_password2", _("Nieuw wachtwoord"))

    def validate_password_for_user(self, user: User, password_field_name: str = "") -> None:
        _weak_password_beside_new(self, user, super().validate_password_for_user)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=commit)
        if commit:  # a new password: the API tokens made with the old one stop
            tokens.revoke_all(owner=user)
        return user


class SetPasswordForm(auth_forms.SetPasswordForm):
    """The last step of a password reset."""

    error_messages = {"password_mismatch": PASSWORD_MISMATCH}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _new_password_fields(self, "new_password1", "new_password2", _("Nieuw wachtwoord"))

    def validate_password_for_user(self, user: User, password_field_name: str = "") -> None:
        _weak_password_beside_new(self, user, super().validate_password_for_user)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=commit)
        if commit:  # a reset: whoever had the old password loses their API tokens too
            tokens.revoke_all(owner=user)
        # Whoever opened the link controls the account's mailbox: a login lock from
        # wrong guesses no longer protects anything, so the member may log in at once.
        axes_reset(username=user.email)
        return user


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Sends a reset link to an address with an account, and says the same either way."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={"invalid": INVALID_EMAIL},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email: str) -> Iterator[User]:
        # Django mails every matching active account; we skip those whose mailbox already
        # had its share this hour. The page reads the same either way.
        for user in super().get_users(email):
            if reset_mail_allowed(user.email):
                yield user


# At most this many reset mails to one address per window, so the form cannot be used to
# flood a member's mailbox. Counted in Django's cache (per process with the default
# local-memory cache; exact across workers with a shared cache): docs/decisions.md.
RESET_MAILS_PER_WINDOW = 3
RESET_WINDOW_SECONDS = 60 * 60


def reset_mail_allowed(email: str) -> bool:
    """Count one reset mail to this address; False once the window's share is used up."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    key = f"password-reset-mails:{digest}"  # a hash: no address in the cache
    cache.add(key, 0, timeout=RESET_WINDOW_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window starts
        cache.set(key, 1, timeout=RESET_WINDOW_SECONDS)
        sent = 1
    return sent <= RESET_MAILS_PER_WINDOW


class LanguagePreferenceForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("preferred_language",)
        widgets = {"preferred_language": forms.RadioSelect}


class FollowUpEmailsForm(forms.Form):
    """Whether the morning after a session brings an e-mail with the follow-up question."""

    followup_emails = forms.BooleanField(
        required=False,
        label=_("E-mail me de vraag na de training"),
        help_text=_("De ochtend na een training: hoe is je rug? Eén korte vraag, met een link."),
        widget=forms.CheckboxInput(attrs={"aria-describedby": "followup-emails-help"}),
    )
