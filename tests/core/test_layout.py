"""The core's layout holds at run time too: deciding a verdict loads no drawing code.

import-linter checks the imports in the source (`make lint`); these tests check what a
fresh process actually loads, so a re-export in a package ``__init__`` cannot undo it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def loaded_after(statement: str) -> list[str]:
    code = (
        f"import sys\n{statement}\n"
        "print(__import__('json').dumps(sorted(m for m in sys.modules "
        "if m.startswith(('rugcoach', 'django')))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_the_triage_loads_neither_the_library_nor_the_figures():
    modules = loaded_after(
        "from rugcoach.core.triage.engine import evaluate\n"
        "from rugcoach.core.triage.loader import load_triage"
    )
    assert "rugcoach.core.triage.engine" in modules
    assert not [
        m for m in modules if m.startswith(("rugcoach.core.figures", "rugcoach.core.library"))
    ]


def test_the_exercise_schema_loads_the_figure_schema_but_not_the_renderer():
    modules = loaded_after("from rugcoach.core.library.exercises import Exercise")
    assert "rugcoach.core.figures.pose" in modules
    assert "rugcoach.core.figures.render" not in modules
    assert "rugcoach.core.figures.solver" not in modules


def test_the_core_loads_no_django_and_no_app():
    modules = loaded_after("from rugcoach.core.catalog import load_catalog")
    assert not [m for m in modules if m.startswith("django")]
    assert [m for m in modules if not m.startswith("rugcoach.core")] == ["rugcoach"]


def test_the_planner_reads_the_catalog_without_loading_it():
    # The catalog loads the planner's content; the planner reads the catalog through a
    # protocol, so importing the planner's whole public API never loads the catalog.
    modules = loaded_after("from rugcoach.core.planner import build_plan, swap")
    assert "rugcoach.core.planner.engine" in modules
    assert "rugcoach.core.catalog" not in modules


def test_the_progression_engine_is_pure_and_does_not_load_the_catalog():
    # It steps along the planner's ladder and takes its rules as an argument: the catalog
    # loads them, so the engine never imports the catalog (nor Django).
    modules = loaded_after("from rugcoach.core.progression.engine import evaluate")
    assert "rugcoach.core.planner.dose" in modules
    assert "rugcoach.core.catalog" not in modules
    assert not [m for m in modules if m.startswith("django")]
