"""The intake and the self-tests as forms; the planner's own models validate the result."""

from datetime import date

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError

from rugcoach.content import get_catalog
from rugcoach.core.kernel.vocabulary import Equipment, Situation, Vocabulary
from rugcoach.core.planner import SESSION_MINUTES, Profile, SelfTests, Trigger, Weekday
from rugcoach.core.planner.pregnancy import due_date_problem
from rugcoach.plans.models import CalendarFeed


def weekday_label(day: Weekday) -> str:
    """A day's name in the active language; the one home is content/planner.yaml."""
    return get_catalog().planner.weekdays[day].get(translation.get_language() or "nl")


def weekday_choices() -> list[tuple[str, str]]:
    """Evaluated on each render (a callable ``choices``), so in the request's language."""
    return [(day.value, weekday_label(day)) for day in Weekday]


TRIGGER_LABELS = {
    Trigger.LONG_SITTING: _("Lang zitten"),
    Trigger.STRESS: _("Stress"),
    Trigger.HEAVY_LOAD: _("Tillen of zwaar trainen"),
    Trigger.LITTLE_MOVEMENT: _("Weinig beweging of variatie"),
    Trigger.POOR_SLEEP: _("Slecht slapen"),
}
LEVELS = [("low", _("weinig")), ("medium", _("gemiddeld")), ("high", _("veel"))]
# Equipment a member can tick; 'none' is implied and not a choice.
CHOOSABLE_EQUIPMENT = [item for item in Equipment if item is not Equipment.NONE]


class IntakeForm(forms.Form):
    situation = forms.ChoiceField(label=_("Jouw situatie"), widget=forms.RadioSelect)
    due_date = forms.DateField(
        label=_("Je uitgerekende datum (alleen als je zwanger bent)"),
        help_text=_(
            "Daarmee weten we elke week hoe ver je bent. Vanaf week 13 oefen je niet meer "
            "plat op je rug."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2027-06-15.")},
    )
    equipment = forms.MultipleChoiceField(
        label=_("Materiaal dat je bij de hand hebt"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes_per_session = forms.TypedChoiceField(
        label=_("Minuten per training"),
        coerce=int,
        widget=forms.RadioSelect,
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Op welke dagen train je?"),
        choices=weekday_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één dag.")},
    )
    complaint_weeks = forms.IntegerField(
        label=_("Hoeveel weken heb je al last van je rug?"),
        min_value=0,
        max_value=520,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    triggers = forms.MultipleChoiceField(
        label=_("Wanneer speelt je rug vooral op?"),
        required=False,
        choices=[(trigger.value, label) for trigger, label in TRIGGER_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: object,
        vocabulary: Vocabulary,
        language: str,
        today: date,
        **kwargs: object,
    ):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["situation"].choices = [
            (item.value, vocabulary.situations[item].get(language)) for item in Situation
        ]
        # Built per request so the label is in the request's language.
        self.fields["minutes_per_session"].choices = [
            (m, _("%(minutes)s minuten") % {"minutes": m}) for m in SESSION_MINUTES
        ]
        self.fields["equipment"].choices = [
            (item.value, vocabulary.equipment[item].get(language)) for item in CHOOSABLE_EQUIPMENT
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if self.errors:
            return data
        pregnant = data.get("situation") == Situation.PREGNANCY.value
        if pregnant:
            self._check_due_date(data.get("due_date"))
        else:
            data["due_date"] = None
        if not self.errors:
            try:
                self.profile = Profile(
                    situation=data["situation"],
                    due_date=data["due_date"],
                    equipment=frozenset(data["equipment"]),
                    minutes_per_session=data["minutes_per_session"],
                    weekdays=tuple(data["weekdays"]),
                    complaint_weeks=data["complaint_weeks"],
                    triggers=frozenset(data["triggers"]),
                )
            except ValidationError as error:
                for detail in error.errors():
                    field = str(detail["loc"][0]) if detail["loc"] else None
                    self.add_error(field if field in self.fields else None, detail["msg"])
        return data

    def _check_due_date(self, due: date | None) -> None:
        if due is None:
            message = _("Vul je uitgerekende datum in; dan passen we de oefeningen aan.")
        else:
            problem = due_date_problem(due, self.today)
            message = DUE_DATE_PROBLEMS[problem] if problem else None
        if message:
            self.add_error("due_date", message)


DUE_DATE_PROBLEMS = {
    "past": _(
        "Je uitgerekende datum ligt niet in de toekomst. Ben je bevallen? Kies dan een "
        "andere situatie. Anders: kijk de datum na."
    ),
    "too-far": _(
        "Je uitgerekende datum ligt meer dan 42 weken vooruit. Kijk de datum na: je "
        "verloskundige heeft hem voor je uitgerekend."
    ),
}


def initial_from_profile(profile: Profile) -> dict[str, object]:
    return {
        "situation": profile.situation.value,
        "due_date": profile.due_date,
        "equipment": [item.value for item in profile.equipment],
        "minutes_per_session": profile.minutes_per_session,
        "weekdays": [day.value for day in profile.weekdays],
        "complaint_weeks": profile.complaint_weeks,
        "triggers": [trigger.value for trigger in profile.triggers],
    }


YES_NO_SKIP = [("yes", _("Ja")), ("no", _("Nee")), ("", _("Weet ik niet / overslaan"))]


def _optional_choice(label: str, choices: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect)


# The answers that belong to each self-test (a skipped test asks none of them).
SELF_TEST_FIELDS = {
    "bridge": ("bridge_felt_in",),
    "core": ("core_belly_shakes", "core_breath_stops", "core_pelvis_moves"),
}


class SelfTestsForm(forms.Form):
    bridge_felt_in = _optional_choice(
        _("Waar voelde je de 10 herhalingen het meest?"),
        [
            ("glutes", _("In mijn billen")),
            ("lower-back", _("In mijn onderrug")),
            ("hamstrings", _("Achter in mijn bovenbenen")),
            ("", _("Niet gedaan / overslaan")),
        ],
    )
    core_belly_shakes = _optional_choice(_("Trilde je buik?"), YES_NO_SKIP)
    core_breath_stops = _optional_choice(_("Ging je adem vastzitten?"), YES_NO_SKIP)
    core_pelvis_moves = _optional_choice(_("Bewoog je bekken mee?"), YES_NO_SKIP)
    sitting_hours = forms.IntegerField(
        label=_("Hoeveel uur zit je op een gewone dag?"),
        min_value=0,
        max_value=24,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    stress = _optional_choice(_("Hoeveel stress heb je?"), [*LEVELS, ("", _("Overslaan"))])
    training_load = _optional_choice(
        _("Hoe zwaar train of til je?"), [*LEVELS, ("", _("Overslaan"))]
    )
    movement_variety = _optional_choice(
        _("Hoe afwisselend beweeg je?"), [*LEVELS, ("", _("Overslaan"))]
    )

    def __init__(self, *args: object, skipped: tuple[str, ...] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for test in skipped:  # not offered: no answer can be given or saved
            for name in SELF_TEST_FIELDS[test]:
                del self.fields[name]

    def self_tests(self) -> SelfTests:
        data = self.cleaned_data

        def yes_no(name: str) -> bool | None:
            return {"yes": True, "no": False}.get(data.get(name) or "")

        return SelfTests(
            bridge_felt_in=data.get("bridge_felt_in") or None,
            core_belly_shakes=yes_no("core_belly_shakes"),
            core_breath_stops=yes_no("core_breath_stops"),
            core_pelvis_moves=yes_no("core_pelvis_moves"),
            sitting_hours=data.get("sitting_hours"),
            stress=data.get("stress") or None,
            training_load=data.get("training_load") or None,
            movement_variety=data.get("movement_variety") or None,
        )


def initial_from_self_tests(tests: SelfTests) -> dict[str, object]:
    def yes_no(value: bool | None) -> str:
        return "" if value is None else ("yes" if value else "no")

    return {
        "bridge_felt_in": tests.bridge_felt_in or "",
        "core_belly_shakes": yes_no(tests.core_belly_shakes),
        "core_breath_stops": yes_no(tests.core_breath_stops),
        "core_pelvis_moves": yes_no(tests.core_pelvis_moves),
        "sitting_hours": tests.sitting_hours,
        "stress": tests.stress or "",
        "training_load": tests.training_load or "",
        "movement_variety": tests.movement_variety or "",
    }


class SessionsFeedForm(forms.ModelForm):
    class Meta:
        model = CalendarFeed
        fields = ("session_time",)
        labels = {"session_time": _("Hoe laat wil je trainen?")}
        widgets = {"session_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class PostureFeedForm(forms.ModelForm):
    workdays = forms.MultipleChoiceField(
        label=_("Werkdagen"),
        choices=weekday_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één dag.")},
    )

    class Meta:
        model = CalendarFeed
        fields = ("interval_minutes", "work_start", "work_end", "workdays")
        labels = {
            "interval_minutes": _("Om de hoeveel minuten?"),
            "work_start": _("Vanaf"),
            "work_end": _("Tot"),
        }
        widgets = {
            "interval_minutes": forms.NumberInput(attrs={"min": 15, "max": 240, "step": 5}),
            "work_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "work_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.workdays:
            self.initial["workdays"] = [d.value for d in Weekday][:5]

    def clean_interval_minutes(self) -> int:
        value = self.cleaned_data["interval_minutes"]
        if not 15 <= value <= 240:
            raise forms.ValidationError(_("Kies een tijd tussen 15 en 240 minuten."))
        return value

    def clean(self) -> dict[str, object]:
        data = super().clean()
        start, end = data.get("work_start"), data.get("work_end")
        if start and end and start >= end:
            self.add_error("work_end", _("Het einde moet na het begin liggen."))
        return data
