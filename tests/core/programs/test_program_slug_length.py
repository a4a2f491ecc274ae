"""A program's slug must fit the columns it is stored in ('<slug>/dNN' in 32 characters)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.programs.content import MAX_SLUG_LENGTH, load_programs
from tests.core.test_planner_support import CONTENT_DIR, catalog


def _content_with(tmp_path: Path, slug: str) -> Path:
    target = tmp_path / "content" / "programs"
    shutil.copytree(CONTENT_DIR / "programs", target)
    data = yaml.safe_load((target / "office-break.yaml").read_text(encoding="utf-8"))
    data.pop("slug", None)
    (target / f"{slug}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return tmp_path / "content"


def test_a_slug_longer_than_24_characters_is_named_with_its_file_and_field(tmp_path: Path) -> None:
    slug = "office-break-for-long-days"  # 26
    with pytest.raises(ContentError) as caught:
        load_programs(_content_with(tmp_path, slug), catalog().exercises)
    [problem] = caught.value.problems
    assert problem.startswith(f"content/programs/{slug}.yaml: slug: ")
    assert "at most 24" in problem


def test_a_slug_of_24_characters_loads_and_its_session_key_fits(tmp_path: Path) -> None:
    slug = "office-break-for-the-day"
    assert len(slug) == MAX_SLUG_LENGTH == 24
    loaded = load_programs(_content_with(tmp_path, slug), catalog().exercises).programs
    last = loaded[slug].sessions[-1].key
    assert len(f"{slug}/{last}") <= 32


def test_every_real_program_fits() -> None:
    assert all(len(path.stem) <= MAX_SLUG_LENGTH for path in (CONTENT_DIR / "programs").glob("*"))
