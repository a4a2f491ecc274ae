from django import forms
from django.utils.translation import gettext_lazy as _

from rugcoach.core.kernel.vocabulary import (
    Category,
    Equipment,
    Muscle,
    Position,
    Situation,
    Vocabulary,
)
from rugcoach.core.library.search import ExerciseQuery

# Query parameter → (vocabulary field, enum, label). The names match the API's parameters.
FILTERS = {
    "category": ("categories", Category, _("Soort oefening")),
    "situation": ("situations", Situation, _("Situatie")),
    "equipment": ("equipment", Equipment, _("Materiaal")),
    "position": ("positions", Position, _("Houding")),
    "muscle": ("muscles", Muscle, _("Spier")),
}


class ExerciseFilterForm(forms.Form):
    """The library's filters as a plain GET form: works without JavaScript."""

    q = forms.CharField(
        label=_("Zoek een oefening"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, data: object, *, vocabulary: Vocabulary, language: str) -> None:
        super().__init__(data)
        for name, (field, enum, label) in FILTERS.items():
            labels = getattr(vocabulary, field)
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                required=False,
                choices=[(item.value, labels[item].get(language)) for item in enum],
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "invalid_choice": _(
                        "'%(value)s' bestaat niet als keuze. Kies uit de lijst hieronder."
                    )
                },
            )

    def to_query(self) -> ExerciseQuery:
        data = self.cleaned_data
        return ExerciseQuery(
            categories=frozenset(Category(value) for value in data.get("category", [])),
            situations=frozenset(Situation(value) for value in data.get("situation", [])),
            equipment=frozenset(Equipment(value) for value in data.get("equipment", [])),
            positions=frozenset(Position(value) for value in data.get("position", [])),
            muscles=frozenset(Muscle(value) for value in data.get("muscle", [])),
            text=data.get("q", ""),
        )
