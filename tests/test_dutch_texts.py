"""Every Dutch text a member can reach says "je" and reads as Dutch (issue 11 §5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dutch_texts import (
    Text,
    all_texts,
    content_texts,
    faults,
    po_texts,
    template_texts,
)


def test_every_dutch_text_uses_je_and_no_english_words() -> None:
    found = faults(all_texts())
    assert not found, "\n".join(str(f) for f in found)


def test_the_scan_reaches_templates_catalogue_and_content() -> None:
    texts = {t.text for t in template_texts()}
    assert "Maak er een aan" in texts  # a {% translate %} string
    assert "Om de hoeveel minuten?" in {t.text for t in po_texts()}  # a msgid from Python code
    assert any("terugzakken" in t.text for t in content_texts())  # an exercise step
    assert any(t.where.startswith("content/triage/") for t in content_texts())


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Klik hier to continue", "to"),
        ("Please vul je naam in", "please"),
        ("Bekijk your plan", "your"),
        ("Doe dit with een band", "with"),
        ("Vul uw naam in", "uw"),
        ("Heeft u pijn?", "u"),
        ("U kunt nu beginnen", "u"),
        ("Laat je knie niet terug zakken.", "terug zakken"),
        ("Span je buik als je been omhoog gaat.", "omhoog gaat"),
        ("Download je 4-weken schema.", "4-weken schema"),
        ("Wat zeg je? Dat het spoed is.", "wat zeg je?"),
    ],
)
def test_the_scanner_catches_a_planted_fault(text: str, word: str) -> None:
    assert [f.word for f in faults([Text("planted", text)])] == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Is dit in orde of niet? Let op: die rest doe je over een week.",
        "Doe 3 sets bird dog en een dead bug voor je core, daarna je workout.",
        "Wissel %(name)s en kijk {equipment} na: {{ minutes }} min, 's avonds.",
        "Een rustige cooling-down na een sit-up of roll-out.",
        "Want je been doet pijn: stop dan en plan een test.",
    ],
)
def test_dutch_homographs_gym_words_and_placeholders_pass(text: str) -> None:
    assert faults([Text("ok", text)]) == []


def test_a_planted_fault_in_each_source_is_found(tmp_path: Path) -> None:
    templates = tmp_path / "rugcoach" / "templates"
    templates.mkdir(parents=True)
    (templates / "page.html").write_text(
        '<p>{% translate "Klik hier to continue" %}</p>'
        "{% blocktranslate with n=x %}Heeft u {{ n }} minuten?{% endblocktranslate %}"
    )
    po = tmp_path / "locale" / "en" / "LC_MESSAGES"
    po.mkdir(parents=True)
    (po / "django.po").write_text(
        'msgid ""\nmsgstr ""\n\n'
        '#: rugcoach/plans/views.py:1\nmsgid ""\n"Bewaar "\n"your plan"\nmsgstr "Save it"\n\n'
        '#: rugcoach/accounts/admin.py:1\nmsgid "Uw gegevens"\nmsgstr "Your data"\n'
    )
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.yaml").write_text(
        "steps:\n  nl: [Houd uw rug recht.]\n  en: [Keep your back straight.]\n"
        "source: {note: The guide says this}\n"
    )
    found = {(f.where, f.word) for f in faults(all_texts(tmp_path))}
    assert found == {
        ("rugcoach/templates/page.html", "to"),
        ("rugcoach/templates/page.html", "u"),
        ("django.po (rugcoach/plans/views.py:1)", "your"),
        ("content/x.yaml.steps.nl[0]", "uw"),
    }  # admin-only msgids, English `en` texts and English notes are not member Dutch
