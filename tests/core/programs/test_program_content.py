"""The programs' content: the contract's eight programs as the issue describes them, and
a loader that names the file and the field of every problem."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.programs.content import load_programs
from rugcoach.core.triage.conditions import Level
from tests.core.test_planner_support import CONTENT_DIR, catalog

KINDS = {
    "challenge-30-days": "challenge",
    "recovery-7-days": "plan",
    "core-circuit": "circuit",
    "recovery-circuit": "routine",
    "morning-evening": "routine",
    "evening-cool-down": "routine",
    "office-break": "routine",
    "breathe-and-relax": "routine",
}


def _programs():  # type: ignore[no-untyped-def]
    return catalog().programs.programs


def test_the_contracts_eight_programs_exist_with_their_kinds() -> None:
    assert {slug: p.kind for slug, p in _programs().items()} == KINDS
    for program in _programs().values():
        assert program.source.section
        assert program.name.nl != program.name.en or program.slug == "core-circuit"


def test_the_core_circuits_side_plank_grows_from_20_to_45_seconds_and_more() -> None:
    circuit = _programs()["core-circuit"]
    assert (circuit.minutes, circuit.per_week, circuit.days) == (10, 3, 12)
    holds = [
        next(i.dose.hold_seconds for i in s.items if i.slug == "side-plank-knee")
        for s in circuit.sessions
    ]
    assert holds[0] == 20 and holds == sorted(holds)
    assert [holds[0], holds[3], holds[6], holds[9]] == [20, 30, 40, 45] and holds[-1] > 45
    assert [i.slug for i in circuit.sessions[0].items] == [
        "dead-bug", "bird-dog", "side-plank-knee", "pallof-press", "wall-dead-bug-breathing",
    ]  # fmt: skip
    assert [n.condition for n in circuit.not_for] == ["pregnancy-after-first-trimester"]


def test_the_recovery_plan_gives_heat_and_a_growing_walk_each_day() -> None:
    plan = _programs()["recovery-7-days"]
    assert plan.days == 7 and Level.REST_THEN_REBUILD in plan.suggested_for.levels
    walks = []
    for session in plan.sessions:
        texts = [a.nl for a in session.advice]
        walk = [t for t in texts if "Wandel" in t]
        assert len(walk) == 1, session.key
        walks.append(int(re.search(r"(\d+) minuten", walk[0]).group(1)))  # type: ignore[union-attr]
        heat = [a for a in session.advice if "Warmte" in a.nl]
        assert heat and "huid" in heat[0].nl and "skin" in heat[0].en, session.key
    assert walks == sorted(walks) and walks[0] < walks[-1]
    gentle = set(catalog().triage.verdicts[Level.REST_THEN_REBUILD].exercises)
    assert {i.slug for s in plan.sessions for i in s.items} <= gentle


def test_the_recovery_circuit_is_five_minutes_each_of_rolling_mobility_and_breathing() -> None:
    circuit = _programs()["recovery-circuit"]
    assert circuit.days == 1 and circuit.minutes == 15
    categories = [catalog().exercises[i.slug].category for i in circuit.sessions[0].items]
    assert categories[:3] == ["recovery"] * 3 and categories[-2:] == ["breathing"] * 2


def test_suggestions_point_the_issues_way() -> None:
    assert Level.REST_THEN_REBUILD in _programs()["recovery-7-days"].suggested_for.levels
    assert "stress" in _programs()["breathe-and-relax"].suggested_for.triggers
    assert Level.REST_THEN_REBUILD in _programs()["office-break"].levels


# --- the loader -------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content" / "programs"
    shutil.copytree(CONTENT_DIR / "programs", target)
    return tmp_path / "content"


def _edit(content: Path, slug: str, change) -> None:  # type: ignore[no-untyped-def]
    path = content / "programs" / f"{slug}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_programs(content, catalog().exercises)
    return caught.value.problems


def test_the_real_programs_load(content: Path) -> None:
    assert set(load_programs(content, catalog().exercises).programs) == set(KINDS)


def test_an_unknown_exercise_is_named_with_its_file_and_field(content: Path) -> None:
    _edit(content, "office-break", lambda d: d["sessions"][0]["items"][0].update(slug="handstand"))
    assert _problems(content) == [
        "content/programs/office-break.yaml: sessions.0.items.0.slug: unknown exercise 'handstand'"
    ]


def test_an_unknown_instead_and_an_unknown_program(content: Path) -> None:
    def change(d):  # type: ignore[no-untyped-def]
        d["sessions"][0]["items"][1]["instead"] = ["hover-board"]
        d["otherwise"]["instead"] = "marathon"

    _edit(content, "morning-evening", change)
    problems = _problems(content)
    assert (
        "content/programs/morning-evening.yaml: otherwise.instead: unknown program 'marathon'"
        in problems
    )
    where = "content/programs/morning-evening.yaml: sessions.0.items.1.instead.0"
    assert f"{where}: unknown exercise 'hover-board'" in problems


def test_a_gap_in_the_days_is_refused(content: Path) -> None:
    _edit(content, "recovery-7-days", lambda d: d["sessions"].pop(2))  # days 1, 2, 4, …
    [problem] = _problems(content)
    assert problem.startswith("content/programs/recovery-7-days.yaml: sessions: ")
    assert "without gaps" in problem


def test_a_session_longer_than_its_minutes_is_refused(content: Path) -> None:
    _edit(content, "office-break", lambda d: d["sessions"][0]["items"][0]["dose"].update(reps=60))
    [problem] = _problems(content)
    assert problem.startswith("content/programs/office-break.yaml: sessions.0 (d01): takes ")
    assert "minutes: 2" in problem


def test_the_file_name_is_the_slug(content: Path) -> None:
    _edit(content, "office-break", lambda d: d.update(slug="coffee-break"))
    assert _problems(content) == [
        "content/programs/office-break.yaml: slug: 'coffee-break' must match the file name"
    ]


def test_a_typo_in_a_key_is_an_error(content: Path) -> None:
    _edit(content, "office-break", lambda d: d.update(minuts=3))
    assert any(
        "office-break.yaml: minuts: Extra inputs are not permitted" in p for p in _problems(content)
    )
