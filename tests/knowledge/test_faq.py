"""The FAQ's content, loader and search (rugcoach/core/knowledge/faq.py)."""

from pathlib import Path

import pytest
import yaml

from rugcoach.core.knowledge.faq import Faq, load_faq, search

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def faq(catalog) -> Faq:
    return catalog.knowledge.faq


def ids(questions) -> list[str]:
    return [question.id for question in questions]


# --- content ----------------------------------------------------------------------------


def test_the_faq_answers_the_guides_questions_and_when_to_see_someone(faq):
    assert set(ids(faq.questions)) >= {
        "rest-or-move",
        "strength-training",
        "without-physio",
        "what-to-avoid",
        "walk-cycle-swim",
        "how-soon",
        "hernia-or-lumbago",
        "pregnancy",
        "supplements",
        "relapse",
        "physio-or-doctor",
    }


def test_every_question_has_a_source_and_links_to_something(faq):
    for question in faq.questions:
        assert question.source.strip()
        assert question.links, question.id


def test_how_soon_gives_the_guides_time_frames(faq):
    answer = " ".join(faq.question("how-soon").answer.nl)
    assert "één tot drie weken" in answer
    assert "zes tot twaalf weken" in answer
    english = " ".join(faq.question("how-soon").answer.en)
    assert "one to three weeks" in english and "six to twelve weeks" in english


def test_supplements_make_no_health_claim(faq):
    """The guide calls omega-3 anti-inflammatory and collagen supportive; we do not."""
    question = faq.question("supplements")
    for text in (*question.answer.nl, *question.answer.en):
        lowered = text.lower()
        for claim in ("ontstekingsremmend", "anti-inflammatory", "ondersteunen", "supports"):
            assert claim not in lowered
    assert "niet aangetoond" in " ".join(question.answer.nl)
    assert "not been shown" in " ".join(question.answer.en)


def test_when_to_see_someone_links_the_check_and_shows_the_warning_signs(faq):
    question = faq.question("physio-or-doctor")
    assert question.warning_signs
    assert "check" in [link.kind for link in question.links]


# --- search -----------------------------------------------------------------------------


def test_search_finds_a_question_by_a_dutch_word(faq):
    assert ids(search(faq, "zwemmen", "nl")) == ["walk-cycle-swim"]


def test_search_finds_a_question_by_an_english_word(faq):
    assert ids(search(faq, "swimming", "en")) == ["walk-cycle-swim"]


def test_search_folds_case_and_accents(faq):
    assert ids(search(faq, "ZWANGERSCHAP", "nl")) == ["pregnancy"]
    assert ids(search(faq, "magnésium", "nl")) == ["supplements"]
    assert ids(search(faq, "Éen  tot drie WEKEN", "nl"))[0] == "how-soon"


def test_a_word_found_only_in_the_other_language_still_finds_the_question(faq):
    # "pregnant" is in the English text only; a Dutch reader who types it finds the question.
    assert "pregnant" not in " ".join(faq.search_text["pregnancy"]["nl"].split())
    assert ids(search(faq, "pregnant", "nl")) == ["pregnancy"]
    # and the other way round: "zwanger" from someone reading English.
    assert ids(search(faq, "zwanger", "en")) == ["pregnancy"]


def test_every_word_must_match(faq):
    assert "hernia-or-lumbago" in ids(search(faq, "hernia", "nl"))
    assert ids(search(faq, "hernia spit", "nl")) == ["hernia-or-lumbago"]
    assert ids(search(faq, "hernia zwemmen", "nl")) == []


def test_keywords_find_questions_whose_text_lacks_the_word(faq):
    # "kruik" (hot-water bottle) is a keyword of the heat question, and "sciatica" of hernia.
    assert ids(search(faq, "coldpack", "nl")) == ["heat-or-cold"]
    assert "hernia-or-lumbago" in ids(search(faq, "sciatica", "en"))


def test_unknown_words_find_nothing(faq):
    assert search(faq, "xylofoon", "nl") == ()
    assert search(faq, "zwemmen xylofoon", "nl") == ()


def test_an_empty_query_lists_every_question_in_file_order(faq):
    assert search(faq, "  ", "nl") == faq.questions
    assert search(faq, "?!", "en") == faq.questions


def test_matches_in_the_readers_language_and_in_the_question_come_first(faq):
    found = ids(search(faq, "hernia", "nl"))
    assert found[0] == "hernia-or-lumbago"  # in its question, not only in the answer


# --- loader errors name the file and the field ---------------------------------------------


def write(tmp_path: Path, data) -> Path:
    content = tmp_path / "content"
    (content / "knowledge").mkdir(parents=True)
    (content / "knowledge" / "faq.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return content


def a_question(**overrides):
    question = {
        "id": "rest-or-move",
        "question": {"nl": "Rust of bewegen?", "en": "Rest or move?"},
        "answer": {"nl": ["Bewegen."], "en": ["Move."]},
        "links": [{"to": "exercise:cat-cow"}],
        "source": "Guide §10",
    }
    question.update(overrides)
    return question


def load(content: Path) -> tuple[Faq | None, list[str]]:
    problems: list[str] = []
    faq = load_faq(
        content, problems, exercises={"cat-cow"}, programs={"core-circuit"}, pages={"muscles"}
    )
    return faq, problems


def test_a_valid_file_loads(tmp_path):
    faq, problems = load(write(tmp_path, {"questions": [a_question()]}))
    assert problems == [] and faq is not None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            a_question(links=[{"to": "exercise:crunch-deluxe"}]),
            "content/knowledge/faq.yaml: questions.0.links.0.to: unknown exercise 'crunch-deluxe'",
        ),
        (
            a_question(links=[{"to": "program:marathon"}]),
            "content/knowledge/faq.yaml: questions.0.links.0.to: unknown program 'marathon'",
        ),
        (
            a_question(links=[{"to": "page:nope", "label": {"nl": "x", "en": "x"}}]),
            "content/knowledge/faq.yaml: questions.0.links.0.to: unknown page 'nope'",
        ),
        (a_question(links=[{"to": "video:x"}]), "content/knowledge/faq.yaml: questions.0.links.0"),
        (a_question(links=[{"to": "check"}]), "needs a label"),
        (a_question(source=""), "content/knowledge/faq.yaml: questions.0.source"),
        (
            a_question(answer={"nl": ["Bewegen."], "en": []}),
            "content/knowledge/faq.yaml: questions.0.answer",
        ),
        (
            a_question(question={"nl": "Rust?"}),
            "content/knowledge/faq.yaml: questions.0.question.en",
        ),
        (a_question(typo="x"), "content/knowledge/faq.yaml: questions.0.typo"),
    ],
)
def test_loader_errors_name_the_file_and_the_field(tmp_path, question, expected):
    faq, problems = load(write(tmp_path, {"questions": [question]}))
    assert faq is None
    assert any(expected in problem for problem in problems), problems


def test_a_repeated_id_is_an_error(tmp_path):
    _, problems = load(write(tmp_path, {"questions": [a_question(), a_question()]}))
    assert any("'rest-or-move' is used twice" in problem for problem in problems)


def test_a_missing_file_is_named(tmp_path):
    (tmp_path / "content").mkdir()
    faq, problems = load(tmp_path / "content")
    assert faq is None
    assert problems and problems[0].startswith("content/knowledge/faq.yaml: cannot read")


def test_a_weakening_leg_means_the_gp_the_same_day_not_a_physio_some_day(faq):
    """R6 (clinical reference §1): new or worsening weakness in one leg is GP_TODAY."""
    for question_id in ("physio-or-doctor", "without-physio"):
        question = faq.question(question_id)
        same_day = [p for p in question.answer.nl if "dezelfde dag" in p]
        assert any("zwakker" in paragraph for paragraph in same_day), question_id
        assert not any(
            "minder kracht" in p and "fysiotherapeut" in p for p in question.answer.nl
        ), question_id
