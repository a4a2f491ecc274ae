"""A verdict as the member reads it: one language, exercises as library cards."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from rugcoach.core.catalog import Catalog
from rugcoach.core.programs.suggest import suggested, triggers_from_check
from rugcoach.core.triage.conditions import Answer
from rugcoach.core.triage.engine import Level, TriageContent, Verdict
from rugcoach.core.triage.schema import AnswerType
from rugcoach.library.presenters import ExercisePresenter

# A calm colour per level on the page; the words, not the colour, carry the meaning.
TONES = {
    Level.EMERGENCY: "urgent",
    Level.GP_TODAY: "urgent",
    Level.GP_SOON: "caution",
    Level.PHYSIO: "caution",
    Level.REST_THEN_REBUILD: "gentle",
    Level.TRAIN_ADAPTED: "go",
    Level.TRAIN: "go",
}


def present_verdict(
    verdict: Verdict,
    catalog: Catalog,
    language: str,
    answers: Mapping[str, Answer] | None = None,
) -> dict[str, Any]:
    """``answers`` (the check's own) tell triggers such as stress, for the program links."""
    view = verdict.localize(language)
    cards = ExercisePresenter(catalog, language)
    view["tone"] = TONES[verdict.level]
    view["needs_action"] = verdict.level.needs_action
    view["exercise_cards"] = [cards.card(e) for e in catalog.resolve(verdict.exercises)]
    # The reasons that decide the level come first; milder ones are only "also noted",
    # so a harmless reason never stands beside an emergency as if it explained it.
    view["deciding"] = [reason.text.get(language) for reason in verdict.deciding_reasons]
    view["also_noted"] = [reason.text.get(language) for reason in verdict.other_reasons]
    # The programs that suit this verdict, from each program's ``suggested_for``; none
    # when the verdict forbids training (suggested() guarantees it).
    triggers = triggers_from_check(answers or {})
    view["programs"] = [
        {"slug": p.slug, "name": p.name.get(language), "summary": p.summary.get(language)}
        for p in suggested(catalog.programs.programs.values(), verdict.level, triggers)
    ]
    return view


def present_answers(
    answers: dict[str, Any], content: TriageContent, language: str
) -> list[tuple[str, str]]:
    """(question, answer) in asking order, in words; questions since removed are skipped."""
    rows = []
    for question_id, question in content.questions.items():
        if question_id not in answers:
            continue
        value = answers[question_id]
        if question.type is AnswerType.YES_NO:
            shown = _("Ja") if value else _("Nee")
        elif question.type is AnswerType.CHOICE:
            labels = {option.value: option.label.get(language) for option in question.options}
            shown = labels.get(value, str(value))
        else:
            unit = question.unit_label.get(language) if question.unit_label else ""
            shown = f"{value} {unit}".strip()
        rows.append((question.text.get(language), shown))
    return rows
