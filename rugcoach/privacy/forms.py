from django import forms
from django.utils.translation import gettext_lazy as _

from rugcoach.accounts.models import User


class DeleteAccountForm(forms.Form):
    """Deleting cannot be undone, so the member confirms with their password."""

    password = forms.CharField(
        label=_("Je wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul je wachtwoord in om te bevestigen.")},
    )

    def __init__(self, *args: object, member: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.member = member

    def clean(self) -> dict[str, object]:
        # A trainer's or admin's account holds other people's bookings and appears in
        # members' access logs: the gym's admin removes it (Django admin), not this page.
        if self.member.role != User.Role.MEMBER:
            raise forms.ValidationError(
                _("Een account van een trainer of beheerder verwijdert de beheerder van de "
                  "sportschool. Er is niets verwijderd."),
                code="staff_account",
            )  # fmt: skip
        return super().clean()

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(
                _("Dat wachtwoord klopt niet. Er is niets verwijderd."), code="wrong_password"
            )
        return password
