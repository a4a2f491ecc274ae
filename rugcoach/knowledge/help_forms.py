"""The FAQ's search box and the heat-or-cold questions as plain GET forms (no JavaScript
needed); the questions and their options come from content/knowledge/heat-or-cold.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rugcoach.core.knowledge.heat import HeatOrCold
from rugcoach.knowledge.help_presenters import heat_questions

QUERY_MAX_LENGTH = 100


class FaqSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek in de vragen"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )


class HeatForm(forms.Form):
    """One required radio group per question of the helper."""

    def __init__(self, data: Mapping[str, Any] | None, *, content: HeatOrCold, language: str):
        super().__init__(data)
        for question in heat_questions(content, language):
            self.fields[question["id"]] = forms.ChoiceField(
                label=question["text"],
                help_text=question["help"],
                choices=question["options"],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies een antwoord op deze vraag."),
                    "invalid_choice": _(
                        "'%(value)s' is geen antwoord op deze vraag. Kies een van de antwoorden."
                    ),
                },
            )

    def answers(self) -> dict[str, str]:
        return {name: str(value) for name, value in self.cleaned_data.items()}
