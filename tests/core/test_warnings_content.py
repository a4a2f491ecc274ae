"""content/warnings.yaml: validated, with its source, and the emergency block names 112."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.triage.warnings import load_warnings

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_the_warnings_load_with_their_sources_and_three_emergency_signs():
    warnings = load_warnings(CONTENT)
    assert len(warnings.emergency.signs) == 3
    assert "R1" in warnings.emergency.source and "R4" in warnings.emergency.source
    assert warnings.gp.source
    nl = warnings.footer_lines("nl")
    assert "112" in nl[0] and "huisartsenpost" in nl[0]
    assert "huisarts" in nl[1] and "112" not in nl[1]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    target.mkdir()
    shutil.copy(CONTENT / "warnings.yaml", target / "warnings.yaml")
    return target


def _edit(copy: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = copy / "warnings.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def test_an_emergency_block_without_112_is_refused(copy: Path):
    def no_112(data):  # type: ignore[no-untyped-def]
        data["emergency"]["title"]["nl"] = "Bel je huisarts"
        data["emergency"]["action"]["nl"] = "Bel je huisarts morgen."

    _edit(copy, no_112)
    with pytest.raises(ContentError) as error:
        load_warnings(copy)
    assert any("must say to call 112" in problem for problem in error.value.problems)


def test_a_warning_without_source_or_translation_is_refused(copy: Path):
    def broken(data):  # type: ignore[no-untyped-def]
        del data["gp"]["source"]
        del data["emergency"]["signs"][0]["en"]

    _edit(copy, broken)
    with pytest.raises(ContentError) as error:
        load_warnings(copy)
    text = "\n".join(error.value.problems)
    assert "content/warnings.yaml" in text and "source" in text and "en" in text
