"""The figure cache version follows the drawing: changed output needs a new RENDERER_VERSION.

Figure URLs are cached by browsers for a year and carry ``figure_content_version``: a hash
of the figure content plus ``RENDERER_VERSION``. If the renderer's code changes what is
drawn and nobody bumps the constant, members keep seeing the old drawing. So a digest of
every rendered SVG is committed per renderer version, and this test redraws them all.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from rugcoach.core.catalog import load_catalog
from rugcoach.core.figures.render import MODES, RENDERER_VERSION
from rugcoach.core.library import figure as exercise_figure
from rugcoach.core.library.figure import figure_content_version, render_svg

ROOT = Path(__file__).resolve().parents[2]
DIGEST_FILE = Path(__file__).with_name("figures-digest.json")


def _all_svgs_digest() -> str:
    catalog = load_catalog(ROOT / "content")
    digest = hashlib.sha256()
    for slug, exercise in sorted(catalog.exercises.items()):
        if exercise.figure is None:
            continue
        for mode in MODES:
            for language in ("nl", "en"):
                digest.update(f"{slug}/{mode}/{language}\n".encode())
                digest.update(render_svg(exercise, mode=mode, language=language).encode())
    return digest.hexdigest()


def test_rendered_figures_match_the_digest_of_this_renderer_version():
    recorded = json.loads(DIGEST_FILE.read_text()) if DIGEST_FILE.exists() else {}
    current = _all_svgs_digest()
    if os.environ.get("RECORD_FIGURE_DIGEST") == "1":
        recorded[str(RENDERER_VERSION)] = current
        DIGEST_FILE.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n")
    assert str(RENDERER_VERSION) in recorded, (
        f"RENDERER_VERSION {RENDERER_VERSION} has no recorded digest; record it with "
        "RECORD_FIGURE_DIGEST=1 (see docs/figures.md)"
    )
    assert recorded[str(RENDERER_VERSION)] == current, (
        "the rendered figures changed but RENDERER_VERSION did not: bump it in "
        "rugcoach/core/figures/render.py and record the new digest (docs/figures.md)"
    )


def test_a_new_renderer_version_gives_every_figure_a_new_cache_version(monkeypatch):
    catalog = load_catalog(ROOT / "content")
    drawn = [e for e in catalog.exercises.values() if e.figure is not None]
    before = {e.slug: figure_content_version(e) for e in drawn}
    monkeypatch.setattr(exercise_figure, "RENDERER_VERSION", RENDERER_VERSION + 1)
    after = {e.slug: figure_content_version(e) for e in drawn}
    assert drawn
    assert all(before[slug] != after[slug] for slug in before)


def test_the_cache_version_does_not_read_source_code(monkeypatch):
    """Loading more modules (another app, a debugger) must not change figure URLs."""
    import inspect

    catalog = load_catalog(ROOT / "content")
    exercise = catalog.exercises["bird-dog"]
    before = figure_content_version(exercise)

    def refuse(*args, **kwargs):
        raise AssertionError("the figure version must not depend on source code")

    monkeypatch.setattr(inspect, "getsource", refuse)
    assert figure_content_version(exercise) == before
