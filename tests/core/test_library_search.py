"""Finding exercises: the search forgives case, accents and punctuation; filters combine."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rugcoach.core.kernel.text import normalize_for_search
from rugcoach.core.kernel.vocabulary import Category, Equipment, Muscle, Position, Situation
from rugcoach.core.library.search import ExerciseQuery, find_exercises, find_not_advised

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("childs pose", "childs-pose"),
        ("Child's pose", "childs-pose"),
        ("CHILD’S POSE", "childs-pose"),
        ("kat koe", "cat-cow"),
        ("kat-koe", "cat-cow"),
        ("catcow", "cat-cow"),
        ("bird", "bird-dog"),
        ("bruggetje", "glute-bridge"),
        ("superman", "superman-hold"),
        ("knie naar borst", "knee-to-chest-single"),
        ("kindhouding", "childs-pose"),
    ],
)
def test_search_finds_what_people_type(catalog, typed, expected):
    found = [exercise.slug for exercise in find_exercises(catalog, ExerciseQuery(text=typed))]
    assert expected in found


def test_search_puts_names_that_start_with_the_query_first(catalog):
    found = find_exercises(catalog, ExerciseQuery(text="bird"))
    assert found[0].slug == "bird-dog"


def test_accents_do_not_matter():
    assert normalize_for_search("Knieën naar borst") == normalize_for_search("knieen naar borst")


def test_nonsense_finds_nothing(catalog):
    assert find_exercises(catalog, ExerciseQuery(text="xyzzy quux")) == []


def test_searching_a_harmful_exercise_finds_the_warning(catalog):
    warnings = find_not_advised(catalog, "crunches")
    assert [entry.slug for entry in warnings] == ["crunches"]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_name_finds_its_own_exercise_in_any_case(catalog, data):
    exercise = data.draw(st.sampled_from(sorted(catalog.exercises.values(), key=lambda e: e.slug)))
    name = data.draw(st.sampled_from([exercise.name.nl, exercise.name.en, *exercise.aliases]))
    typed = data.draw(st.sampled_from([name, name.upper(), name.lower(), name.replace("-", " ")]))
    found = {e.slug for e in find_exercises(catalog, ExerciseQuery(text=typed))}
    assert exercise.slug in found


def _raw_exercises() -> dict[str, dict]:
    """The exercise files as plain YAML: the oracle does not go through the loader."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "content" / "exercises").glob("*.yaml"))
    }


RAW = _raw_exercises()


def expected_slugs(**filters: frozenset) -> set[str]:
    """Which exercises a filter should return, worked out from the YAML by its own rule:
    AND across filters, OR within one (a list field matches when it shares a value)."""

    def keeps(raw: dict, field: str, wanted: frozenset) -> bool:
        if not wanted:
            return True
        names = {w.value for w in wanted}
        if field in ("category", "position"):  # one value per exercise
            return raw[field] in names
        return bool(names & set(raw.get(field) or []))  # a list: any shared value

    fields = {
        "categories": "category",
        "positions": "position",
        "equipment": "equipment",
        "situations": "situations",
        "muscles": "muscles",
    }
    return {
        slug
        for slug, raw in RAW.items()
        if all(keeps(raw, fields[name], wanted) for name, wanted in filters.items())
    }


def _subset(enum):
    return st.frozensets(st.sampled_from(list(enum)), max_size=2)


@settings(max_examples=120, deadline=None)
@given(
    categories=_subset(Category),
    equipment=_subset(Equipment),
    situations=_subset(Situation),
    positions=_subset(Position),
    muscles=_subset(Muscle),
)
def test_filters_return_exactly_the_matching_exercises(
    catalog, categories, equipment, situations, positions, muscles
):
    filters = {
        "categories": categories,
        "equipment": equipment,
        "situations": situations,
        "positions": positions,
        "muscles": muscles,
    }
    found = [exercise.slug for exercise in find_exercises(catalog, ExerciseQuery(**filters))]
    assert len(found) == len(set(found))
    assert set(found) == expected_slugs(**filters)


def test_the_filter_oracle_is_not_vacuous():
    """Every single filter value used by some exercise selects some but not all of them."""
    for name, enum in (
        ("categories", Category),
        ("positions", Position),
        ("situations", Situation),
    ):
        for value in enum:
            selected = expected_slugs(**{name: frozenset({value})})
            assert selected != set(RAW), (name, value)
    assert 0 < len(expected_slugs(situations=frozenset({Situation.HOME}))) < len(RAW)


def test_filters_combine_with_and_across_and_or_within(catalog):
    home_stability = ExerciseQuery(
        situations=frozenset({Situation.HOME}), categories=frozenset({Category.STABILITY})
    )
    slugs = {e.slug for e in find_exercises(catalog, home_stability)}
    assert slugs == {"bird-dog", "dead-bug"}
    either = ExerciseQuery(categories=frozenset({Category.STABILITY, Category.MOBILITY}))
    slugs = {e.slug for e in find_exercises(catalog, either)}
    assert {"bird-dog", "cat-cow"} <= slugs
    assert slugs == expected_slugs(categories=frozenset({Category.STABILITY, Category.MOBILITY}))
    assert "glute-bridge" not in slugs  # activation, neither stability nor mobility


def test_home_situation_lists_the_articles_home_exercises(catalog):
    found = {
        e.slug
        for e in find_exercises(catalog, ExerciseQuery(situations=frozenset({Situation.HOME})))
    }
    assert {"cat-cow", "bird-dog", "glute-bridge", "dead-bug", "childs-pose"} <= found
    assert "back-extension-machine" not in found  # a gym machine
    assert found == expected_slugs(situations=frozenset({Situation.HOME}))


def test_related_exercises_stay_near_the_level_and_need_no_extra_kit(catalog):
    from rugcoach.core.library.search import HOUSEHOLD, related_exercises

    for exercise in catalog.exercises.values():
        for other in related_exercises(catalog, exercise):
            assert abs(other.level - exercise.level) <= 1, (exercise.slug, other.slug)
            extra = set(other.needs_equipment) - set(exercise.needs_equipment) - HOUSEHOLD
            assert not extra, (exercise.slug, other.slug, extra)
    names = {e.slug for e in related_exercises(catalog, catalog.exercises["bird-dog"])}
    assert "back-extension-machine" not in names
