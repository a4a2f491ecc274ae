"""A verdict as the member reads it: one language, exercises as library cards."""

from typing import Any

from rugcoach.core.catalog import Catalog
from rugcoach.core.triage import Level, Verdict
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


def present_verdict(verdict: Verdict, catalog: Catalog, language: str) -> dict[str, Any]:
    view = verdict.localize(language)
    cards = ExercisePresenter(catalog, language)
    view["tone"] = TONES[verdict.level]
    view["needs_action"] = verdict.level.needs_action
    view["exercise_cards"] = [cards.card(e) for e in catalog.resolve(verdict.exercises)]
    return view
