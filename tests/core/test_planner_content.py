"""The planner's content (content/planner.yaml): the loader names each problem by its field
and cross-checks the library, the catalog carries the content, and the content encodes
the documented equipment rule. The pure core only, no Django.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from rugcoach.core.catalog import load_catalog
from rugcoach.core.kernel.vocabulary import Equipment, Situation
from rugcoach.core.planner import ContentError, load_planner_content
from tests.core.test_planner_support import ALWAYS_AT_HAND, CONTENT_DIR, catalog, planner_content


def _content_copy(tmp_path: Path, change) -> Path:
    content_dir = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content_dir)
    path = content_dir / "planner.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return content_dir


def test_loader_reports_content_problems_by_field(tmp_path: Path):
    def bad(data: dict) -> None:
        data["texts"]["item.main"]["en"] = "{area}: {purpose}"
        data["focus_areas"]["mobility"]["exercises"].append("moon-walk")
        del data["signals"]["stress-high"]
        data["cool_down"].append("bird-dog")

    content_dir = _content_copy(tmp_path, bad)
    with pytest.raises(ContentError) as error:
        load_planner_content(content_dir, catalog().exercises)
    problems = "\n".join(error.value.problems)
    assert "content/planner.yaml" in problems
    assert "unknown placeholder purpose" in problems
    assert "signals: missing stress-high" in problems
    with pytest.raises(ContentError):
        load_planner_content(tmp_path / "nowhere")


def test_loader_cross_checks_the_library(tmp_path: Path):
    def bad(data: dict) -> None:
        data["focus_areas"]["mobility"]["exercises"].append("moon-walk")
        data["cool_down"].append("bird-dog")

    content_dir = _content_copy(tmp_path, bad)
    with pytest.raises(ContentError) as error:
        load_planner_content(content_dir, catalog().exercises)
    problems = "\n".join(error.value.problems)
    assert "focus_areas.mobility.exercises: unknown exercise 'moon-walk'" in problems
    assert "cool_down: 'bird-dog' is stability" in problems
    with pytest.raises(ContentError) as error:  # the app's loader refuses it as well
        load_catalog(content_dir)
    assert any("moon-walk" in problem for problem in error.value.problems)


def test_the_catalog_carries_the_planner_content():
    assert catalog().planner == planner_content()


def test_the_content_encodes_the_documented_equipment_rule():
    rule = planner_content().equipment
    assert frozenset(rule.always_at_hand) == ALWAYS_AT_HAND
    assert Equipment.FITNESS_BALL in rule.by_situation[Situation.FITNESS_BALL]
