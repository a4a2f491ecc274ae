"""Each exercise is presented once per (catalog, URL prefix, language) and then shared:
the shared view must always equal a freshly built one, in the right language."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from django.urls import set_script_prefix
from django.utils import translation

from rugcoach.core.catalog import load_catalog
from rugcoach.library.presenters import ExercisePresenter

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("nl", "en")


@pytest.fixture
def presenters(catalog):
    return {language: ExercisePresenter(catalog, language) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_shared_cards_and_details_equal_fresh_ones_for_every_exercise(catalog, language):
    presenter = ExercisePresenter(catalog, language)
    other = "en" if language == "nl" else "nl"
    for exercise in catalog.exercises.values():
        # Warm the shared views while the *other* language is active: what is shared
        # must still be in the presenter's language.
        with translation.override(other):
            shared_card = presenter.card(exercise)
            shared_detail = presenter.detail(exercise)
        assert presenter.card(exercise) is shared_card, "built again instead of reused"
        assert shared_card == presenter._build_card(exercise)
        assert shared_detail == presenter._build_detail(exercise)
        assert shared_card.name == exercise.name.get(language)
        assert shared_detail.steps == tuple(exercise.steps.get(language))
    for entry in catalog.not_advised.values():
        shared = presenter.not_advised(entry)
        assert presenter.not_advised(entry) is shared
        assert shared == presenter._build_not_advised(entry)


def test_each_language_has_its_own_texts_and_urls(catalog, presenters):
    exercise = catalog.exercises["bird-dog"]
    nl, en = presenters["nl"].detail(exercise), presenters["en"].detail(exercise)
    assert nl.url == "/oefeningen/bird-dog/" and en.url == "/en/exercises/bird-dog/"
    assert en.dose.summary.startswith("3 × 10 repetitions per side")
    assert nl.dose.summary.startswith("3 × 10 herhalingen per kant")
    assert nl.figure and "/bird-dog/thumbnail.nl.svg" in nl.figure.thumbnail
    assert en.figure and "/bird-dog/thumbnail.en.svg" in en.figure.thumbnail


def test_shared_views_cannot_be_changed_by_a_caller(catalog, presenters):
    detail = presenters["nl"].detail(catalog.exercises["bird-dog"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.name = "changed"  # type: ignore[misc]
    for field in ("equipment", "situations", "steps", "tips", "related", "contraindications"):
        assert isinstance(getattr(detail, field), tuple), field


def test_a_url_prefix_gets_its_own_urls(catalog, presenters):
    exercise = catalog.exercises["cat-cow"]
    assert presenters["nl"].card(exercise).url == "/oefeningen/cat-cow/"
    set_script_prefix("/rugcoach/")
    try:
        card = presenters["nl"].card(exercise)
        assert card.url == "/rugcoach/oefeningen/cat-cow/"
        assert card.figure and card.figure.thumbnail.startswith("/rugcoach/figures/")
    finally:
        set_script_prefix("/")
    assert presenters["nl"].card(exercise).url == "/oefeningen/cat-cow/"


def test_another_catalog_never_gets_the_first_ones_views(catalog, tmp_path):
    """Tests that load other content (RUGCOACH_CONTENT_DIR) must see that content."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    path = target / "exercises" / "bird-dog.yaml"
    name = catalog.exercises["bird-dog"].name.nl
    path.write_text(path.read_text(encoding="utf-8").replace(name, "Vogel-hond X"), "utf-8")
    changed = load_catalog(target)

    before = ExercisePresenter(catalog, "nl").card(catalog.exercises["bird-dog"])
    after = ExercisePresenter(changed, "nl").card(changed.exercises["bird-dog"])
    assert before.name == name
    assert after.name == "Vogel-hond X"
    # An exercise that is not the catalog's own is built, never looked up by slug.
    assert ExercisePresenter(catalog, "nl").card(changed.exercises["bird-dog"]) == after
