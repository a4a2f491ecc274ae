"""The trainer's forms: marking an alert handled, a note for the member, and the plan
adjustments. The services check the rules again; the forms say what to fix."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rugcoach.plans.adjust import REASON_MAX
from rugcoach.trainers.services import MEMBER_NOTE_MAX, NOTE_MAX

REASON_HELP = _("Het lid leest deze reden bij de wijziging.")


class HandledForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    note = forms.CharField(
        label=_("Notitie"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notitie voor het lid"),
        max_length=MEMBER_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Het lid ziet deze notitie op de planpagina en de startpagina."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=REASON_MAX, help_text=REASON_HELP)


class SwapForm(ReasonForm):
    replacement = forms.ChoiceField(label=_("Vervangen door"))
    confirm = forms.BooleanField(
        label=_("Ik weet dat deze oefening voor dit lid is uitgesloten en kies haar toch."),
        required=False,
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["replacement"].choices = choices


class DoseForm(ReasonForm):
    step = forms.TypedChoiceField(label=_("Stap"), coerce=int, required=False, empty_value=None)
    sets = forms.IntegerField(label=_("Sets"), min_value=1, max_value=10, required=False)
    reps = forms.IntegerField(label=_("Herhalingen"), min_value=1, max_value=100, required=False)
    hold_seconds = forms.IntegerField(
        label=_("Vasthouden (seconden)"), min_value=1, max_value=300, required=False
    )
    later_too = forms.BooleanField(
        label=_("Ook in de latere trainingen met deze oefening"), required=False
    )

    def __init__(self, *args: object, steps: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["step"].choices = [("", _("Eigen dosis (hieronder)")), *steps]
