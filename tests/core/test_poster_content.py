"""The generic poster's schedule (content/posters.yaml) is checked when the content loads:
a cell per training day, and only exercises that have a card on the poster."""

from pathlib import Path

import pytest
import yaml

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.library.posters import load_posters

CONTENT = Path(__file__).resolve().parents[2] / "content"


def load_changed(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    content = tmp_path / "content"
    content.mkdir()
    data = yaml.safe_load((CONTENT / "posters.yaml").read_text(encoding="utf-8"))
    change(data["generic"])
    (content / "posters.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    known = {path.stem for path in (CONTENT / "exercises").glob("*.yaml")}
    load_posters(content, known)


def test_the_shipped_schedule_loads(tmp_path):
    load_changed(tmp_path, lambda generic: None)


def test_schedule_may_not_name_an_exercise_without_a_card(tmp_path):
    def add_unknown(generic):
        generic["schedule"]["weeks"][2]["sessions"][0].append("leg-press")

    with pytest.raises(ContentError, match="Week 3 uses 'leg-press'"):
        load_changed(tmp_path, add_unknown)


def test_every_week_has_a_cell_per_day(tmp_path):
    def drop_friday(generic):
        generic["schedule"]["weeks"][0]["sessions"].pop()

    with pytest.raises(ContentError, match="2 sessions for 3 days"):
        load_changed(tmp_path, drop_friday)


def test_the_schedule_names_its_source(tmp_path):
    with pytest.raises(ContentError, match="source"):
        load_changed(tmp_path, lambda generic: generic["schedule"].pop("source"))
