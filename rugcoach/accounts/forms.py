from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from rugcoach.accounts.models import User


class SignupForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name")
        labels = {"first_name": _("Voornaam (mag leeg blijven)")}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("Er bestaat al een account met dit e-mailadres. Log in of kies een ander adres.")
            )
        return email


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class LanguagePreferenceForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("preferred_language",)
        widgets = {"preferred_language": forms.RadioSelect}
