"""The PSFS form: 3–5 activities that are hard because of the back, each rated 0–10."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rugcoach.content import get_catalog
from rugcoach.core.kernel.text import normalize_for_search
from rugcoach.progress.services import NAME_MAX


def rows() -> int:
    return get_catalog().outcomes.psfs.activities_max


class PsfsForm(forms.Form):
    """One name and one score per row; rows left empty are not activities."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, rows() + 1):
            self.fields[f"name_{number}"] = forms.CharField(
                label=_("Activiteit %(number)s") % {"number": number},
                max_length=NAME_MAX,
                required=False,
            )
            self.fields[f"score_{number}"] = forms.IntegerField(
                label=_("Cijfer voor activiteit %(number)s (0–10)") % {"number": number},
                min_value=0,
                max_value=10,
                required=False,
                error_messages=dict.fromkeys(
                    ("invalid", "min_value", "max_value"), _("Geef een cijfer van 0 tot 10.")
                ),
            )

    def pairs(self) -> list[tuple[str, str]]:
        """(name field, score field) per row, for the template."""
        return [(f"name_{n}", f"score_{n}") for n in range(1, rows() + 1)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        rule = get_catalog().outcomes.psfs
        activities: list[tuple[str, int]] = []
        seen: set[str] = set()
        for name_field, score_field in self.pairs():
            name = (cleaned.get(name_field) or "").strip()
            score = cleaned.get(score_field)
            if score_field in self.errors or name_field in self.errors:
                continue
            if not name and score is None:
                continue
            if not name:
                self.add_error(name_field, _("Schrijf op welke activiteit dit cijfer hoort."))
                continue
            if score is None:
                self.add_error(score_field, _("Geef deze activiteit een cijfer van 0 tot 10."))
                continue
            key = normalize_for_search(name)
            if key in seen:
                self.add_error(name_field, _("Deze activiteit staat er al."))
                continue
            seen.add(key)
            activities.append((name, score))
        if not self.errors and not rule.activities_min <= len(activities) <= rule.activities_max:
            raise forms.ValidationError(
                gettext("Noem minstens %(min)s activiteiten; je noemde er %(count)s.")
                % {"min": rule.activities_min, "count": len(activities)}
            )
        cleaned["activities"] = activities
        return cleaned
