"""The exercise library content: complete, bilingual, consistent, and strictly validated."""

import shutil
from pathlib import Path

import pytest

from rugcoach.core.catalog import load_catalog
from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.kernel.vocabulary import Condition, Position

ROOT = Path(__file__).resolve().parents[2]

# Every exercise the article names (sections 5–9), by its stable slug.
ARTICLE_EXERCISES = [
    "cat-cow", "glute-bridge", "bird-dog", "dead-bug", "standing-pelvic-tilt",
    "supine-pelvic-tilt", "childs-pose", "childs-pose-side-reach", "clamshell",
    "clamshell-band", "clamshell-side-lying-pillow", "superman-hold", "superman-pulses",
    "lumbar-rotation-stretch", "foam-roll-glutes", "foam-roll-hamstrings", "massage-ball-wall",
    "knee-to-chest-single", "knee-to-chest-double", "supine-marching",
    "low-bridge-glute-squeeze", "ball-glute-bridge", "wall-ball-rollout", "ball-pelvic-tilt",
    "ball-back-extension", "back-extension-machine", "cable-anti-rotation", "glute-kickback",
    "leg-press", "hip-thrust", "romanian-deadlift", "farmers-carry", "trap-bar-deadlift",
    "wall-sit", "knee-on-bed-hip-stretch", "side-plank-knee", "side-plank-foot", "pallof-press",
    "wall-dead-bug-breathing", "belly-breathing-supine", "belly-breathing-side-lying",
    "micro-core",
]  # fmt: skip
NOT_ADVISED = [
    "crunches", "sit-ups", "overhead-press-arched-back", "deep-rotations",
    "deadlift-without-technique",
]  # fmt: skip


def test_every_exercise_the_article_names_is_in_the_library(catalog):
    missing = [slug for slug in ARTICLE_EXERCISES if slug not in catalog.exercises]
    assert missing == []


def test_every_warning_the_article_gives_is_in_the_library(catalog):
    assert sorted(catalog.not_advised) == sorted(NOT_ADVISED)
    for entry in catalog.not_advised.values():
        assert entry.instead, f"{entry.slug} offers no safer alternative"


@pytest.mark.parametrize("slug", ARTICLE_EXERCISES)
def test_each_exercise_reads_complete_in_dutch_and_english(catalog, slug):
    exercise = catalog.exercises[slug]
    for language in ("nl", "en"):
        assert exercise.name.get(language).strip()
        assert exercise.goal.get(language).strip()
        assert len(exercise.steps.get(language)) >= 2
        assert exercise.breathing.get(language).strip()
    assert len(exercise.steps.nl) == len(exercise.steps.en)
    assert exercise.goal.nl != exercise.goal.en, "the English goal is a copy of the Dutch"


def test_references_point_at_existing_exercises(catalog):
    for exercise in catalog.exercises.values():
        for slug in exercise.referenced_slugs():
            assert slug in catalog.exercises, f"{exercise.slug} → {slug}"


def test_prone_exercises_warn_pregnant_members(catalog):
    prone = [e for e in catalog.exercises.values() if e.position is Position.PRONE]
    assert prone, "the library has prone exercises (superman)"
    for exercise in prone:
        conditions = {c.condition for c in exercise.contraindications}
        assert Condition.PREGNANCY_PRONE in conditions, exercise.slug


def test_supine_exercises_warn_from_the_second_trimester(catalog):
    for exercise in catalog.exercises.values():
        if exercise.position is Position.SUPINE:
            conditions = {c.condition for c in exercise.contraindications}
            assert conditions & {
                Condition.PREGNANCY_AFTER_FIRST_TRIMESTER,
                Condition.PREGNANCY,
            }, exercise.slug


def test_loaded_lifts_are_contraindicated_with_a_hernia(catalog):
    for slug in ("romanian-deadlift", "trap-bar-deadlift", "back-extension-machine"):
        conditions = {c.condition for c in catalog.exercises[slug].contraindications}
        assert Condition.HERNIA in conditions, slug


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def test_an_invalid_field_is_reported_with_its_file_and_field(content_copy):
    path = content_copy / "exercises" / "bird-dog.yaml"
    path.write_text(path.read_text().replace("level: 1", "level: 7"), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_catalog(content_copy)
    assert any(
        problem.startswith("content/exercises/bird-dog.yaml: level:")
        for problem in raised.value.problems
    ), raised.value.problems


def test_a_missing_translation_is_reported(content_copy):
    path = content_copy / "exercises" / "bird-dog.yaml"
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("  en: Keep your trunk")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_catalog(content_copy)
    assert "content/exercises/bird-dog.yaml: goal.en: Field required" in raised.value.problems


def test_an_unknown_reference_is_reported(content_copy):
    path = content_copy / "exercises" / "bird-dog.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nprogressions:\n" in text
    path.write_text(
        text.replace("\nprogressions:\n", "\nprogressions:\n  - slug: no-such-exercise\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        load_catalog(content_copy)
    assert "content/exercises/bird-dog.yaml: refers to unknown 'no-such-exercise'" in (
        raised.value.problems
    )


def test_a_slug_that_differs_from_its_file_name_is_reported(content_copy):
    source = content_copy / "exercises" / "bird-dog.yaml"
    source.rename(content_copy / "exercises" / "bird-dogg.yaml")
    with pytest.raises(ContentError) as raised:
        load_catalog(content_copy)
    assert any("must match the file name" in p for p in raised.value.problems)


def test_a_broken_yaml_file_is_reported(content_copy):
    (content_copy / "exercises" / "broken.yaml").write_text("slug: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_catalog(content_copy)
    assert any(
        p.startswith("content/exercises/broken.yaml: not valid YAML") for p in raised.value.problems
    )


def test_unknown_vocabulary_is_rejected_naming_the_allowed_values(content_copy):
    path = content_copy / "exercises" / "bird-dog.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("position: quadruped", "position: upside-down"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        load_catalog(content_copy)
    [problem] = [p for p in raised.value.problems if "position" in p]
    assert "quadruped" in problem and "bird-dog.yaml" in problem
