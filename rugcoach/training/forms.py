"""The follow-up question as a form: one form for the page, the home page and the plan."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rugcoach.training.models import Feeling
from rugcoach.triage.forms import PainScale, pain_field


class FollowUpForm(forms.Form):
    """Better, same or worse; pain 0–10 on the pain scale; stiffness 0–10 if they like.

    ``auto_id`` is per follow-up, so two open questions on one page keep their own ids
    (their field names stay the same: each form posts to its own follow-up's page)."""

    feeling = forms.ChoiceField(
        label=_("Hoe is je rug vergeleken met voor de training?"),
        choices=Feeling.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies beter, hetzelfde of slechter."),
            "invalid_choice": _("Kies beter, hetzelfde of slechter."),
        },
    )

    def __init__(self, *args: object, followup_id: int, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", f"followup-{followup_id}-%s")
        kwargs.setdefault("label_suffix", "")  # the labels are questions: no ":" after "?"
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["pain"] = pain_field(
            label=_("Hoeveel pijn heb je nu?"),
            help_text=_("0 is geen pijn, 10 de ergste pijn die je je kunt voorstellen."),
        )
        choose = _("Kies een getal van 0 tot 10, of laat het open.")
        self.fields["stiffness"] = forms.TypedChoiceField(
            label=_("Hoe stijf is je rug? (mag je overslaan)"),
            help_text=_("0 is niet stijf, 10 zo stijf als je je kunt voorstellen."),
            choices=[(number, str(number)) for number in range(11)],
            coerce=int,
            empty_value=None,
            required=False,
            widget=PainScale(low=_("niet stijf"), high=_("zo stijf als je je kunt voorstellen")),
            error_messages={"invalid_choice": choose},
        )
