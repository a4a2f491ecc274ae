"""One wizard screen as a Django form, built from the triage questions."""

from collections.abc import Mapping, Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from rugcoach.core.triage.engine import Answer
from rugcoach.core.triage.schema import AnswerType, Question, Unit

YES, NO = "yes", "no"
# A number question on this unit is a 0–10 pain score: asked on the pain scale.
PAIN_UNIT = Unit.SCORE


class PainScale(forms.RadioSelect):
    """Pain from 0 to 10 as a row of tappable numbers with words at both ends, instead
    of a number box: reusable wherever pain is asked (the check, the check-in)."""

    template_name = "widgets/pain_scale.html"

    def __init__(self, *, low: object = None, high: object = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.low = low if low is not None else _("geen pijn")
        self.high = high if high is not None else _("ergste pijn die je je kunt voorstellen")

    def get_context(self, name: str, value: object, attrs: dict | None) -> dict:  # type: ignore[type-arg]
        context = super().get_context(name, value, attrs)
        numbers = [label for _value, label in self.choices]
        context["widget"].update(
            low=self.low,
            high=self.high,
            first=numbers[0] if numbers else "",
            last=numbers[-1] if numbers else "",
        )
        return context


def pain_field(*, label: str, help_text: str, low: int = 0, high: int = 10) -> forms.Field:
    """A required pain score on the pain scale; the cleaned value is an int."""
    choose = _("Kies een getal van %(min)s tot %(max)s.") % {"min": low, "max": high}
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=[(number, str(number)) for number in range(low, high + 1)],
        coerce=int,
        widget=PainScale(),
        error_messages={"required": choose, "invalid_choice": choose},
    )


class QuestionsForm(forms.Form):
    """Radio buttons for yes/no and choices, a number box for numbers; all required."""

    def __init__(
        self,
        data: Mapping[str, object] | None,
        *,
        questions: Sequence[Question],
        language: str,
        answers: Mapping[str, Answer] | None = None,
    ) -> None:
        super().__init__(data, initial=_initial(questions, answers or {}))
        self.questions = {question.id: question for question in questions}
        for question in questions:
            self.fields[question.id] = _field(question, language)

    def answers(self) -> dict[str, Answer]:
        """The cleaned answers, typed as the triage engine expects them."""
        return self.valid_answers()

    def valid_answers(self) -> dict[str, Answer]:
        """The answers given so far (after ``is_valid``), also when others are missing:
        an emergency answer ends the check without the rest."""
        result: dict[str, Answer] = {}
        for question_id, question in self.questions.items():
            if question_id not in self.cleaned_data:
                continue
            value = self.cleaned_data[question_id]
            if question.type is AnswerType.YES_NO:
                result[question_id] = value == YES
            else:
                result[question_id] = value
        return result


def _field(question: Question, language: str) -> forms.Field:
    label = question.text.get(language)
    help_text = question.help.get(language)
    required = {"required": _("Kies een antwoord.")}
    if question.type is AnswerType.YES_NO:
        return forms.ChoiceField(
            label=label,
            help_text=help_text,
            choices=[(YES, _("Ja")), (NO, _("Nee"))],
            widget=forms.RadioSelect,
            error_messages=required,
        )
    if question.type is AnswerType.CHOICE:
        return forms.ChoiceField(
            label=label,
            help_text=help_text,
            choices=[(option.value, option.label.get(language)) for option in question.options],
            widget=forms.RadioSelect,
            error_messages=required,
        )
    assert question.min is not None and question.max is not None and question.unit_label
    if question.unit == PAIN_UNIT:
        return pain_field(label=label, help_text=help_text, low=question.min, high=question.max)
    bounds = {"min": question.min, "max": question.max}
    out_of_range = _("Vul een heel getal in van %(min)s tot %(max)s.") % bounds
    return forms.IntegerField(
        label=label,
        help_text=f"{help_text} ({question.unit_label.get(language)})",
        min_value=question.min,
        max_value=question.max,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Vul een getal in."),
            "invalid": out_of_range,
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


def _initial(questions: Sequence[Question], answers: Mapping[str, Answer]) -> dict[str, object]:
    initial: dict[str, object] = {}
    for question in questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        if question.type is AnswerType.YES_NO:
            initial[question.id] = YES if value else NO
        else:
            initial[question.id] = value
    return initial
