from datetime import UTC, datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from rugcoach.intakes.models import AvailabilityException, Trainer
from rugcoach.intakes.reasons import REASON_MAX

WEEKDAYS = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
    (5, _("zaterdag")),
    (6, _("zondag")),
]


def slot_key(moment: datetime) -> int:
    """A slot's start in links and forms: seconds since 1970 (UTC), no zone to mangle."""
    return int(moment.timestamp())


# The largest slot key a form accepts: 2100-01-01 UTC. Slots lie weeks ahead; a larger
# number would not even be a date (``datetime.fromtimestamp`` raises beyond year 9999).
SLOT_KEY_MAX = 4_102_444_800


def from_slot_key(value: int) -> datetime:
    return datetime.fromtimestamp(value, tz=UTC)


class SlotForm(forms.Form):
    """Which slot: the trainer, the location and the start (links and hidden fields)."""

    trainer = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31)
    location = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31)
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=SLOT_KEY_MAX)


class BookForm(SlotForm):
    reason = forms.CharField(
        label=_("Waarom wil je een intake?"),
        help_text=_(
            "Alleen deze reden en het niveau van je check deelt de boeking met de trainer."
        ),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": REASON_MAX}),
    )


class MoveForm(forms.Form):
    start = forms.IntegerField(min_value=0, max_value=SLOT_KEY_MAX)


class MarkForm(forms.Form):
    status = forms.ChoiceField(choices=[("attended", _("Geweest")), ("no_show", _("Niet gekomen"))])


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Notitie van de intake"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BlockForm(forms.Form):
    location = forms.TypedChoiceField(label=_("Vestiging"), coerce=int)
    weekday = forms.TypedChoiceField(label=_("Dag"), choices=WEEKDAYS, coerce=int)
    starts = forms.TimeField(label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Tot"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, locations=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [(loc.pk, loc.name) for loc in locations]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["starts"] >= data["ends"]:
            self.add_error("ends", _("De eindtijd moet na de begintijd liggen."))
        return data


class ExceptionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Van"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Tot"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=AvailabilityException.Kind.choices)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["starts_at"] >= data["ends_at"]:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        return data


class LengthForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label=_("Duur van een intake"), choices=Trainer.IntakeLength.choices, coerce=int
    )
