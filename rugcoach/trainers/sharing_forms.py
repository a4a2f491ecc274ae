"""The forms of the sharing page: give consent (explicitly) and revoke it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rugcoach.intakes.models import Trainer


class _TrainerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class GiveConsentForm(forms.Form):
    """Consent is an act of its own: the trainer chosen and the box ticked, never implied."""

    trainer = _TrainerChoice(
        queryset=Trainer.objects.none(),
        label=_("Trainer"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de trainer met wie je wilt delen."),
            "invalid_choice": _(
                "Met deze trainer kun je niet delen: je hebt geen intake bij hem of haar."
            ),
        },
    )
    understood = forms.BooleanField(
        label=_(
            "Ik geef deze trainer toestemming om mijn checks, plan, trainingen, pijn en "
            "resultaten te zien en mijn plan aan te passen."
        ),
        error_messages={
            "required": _("Vink aan dat je toestemming geeft; anders wordt er niets gedeeld.")
        },
    )

    def __init__(self, *args: Any, trainer_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["trainer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Trainer.objects.filter(pk__in=trainer_ids).select_related("user")


class RevokeConsentForm(forms.Form):
    trainer = forms.IntegerField(widget=forms.HiddenInput)
