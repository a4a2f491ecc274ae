"""Rendering: well-formed, deterministic, accessible SVG in three modes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rugcoach.core.figures.pose import Figure
from rugcoach.core.figures.render import MODES, render_figure
from rugcoach.core.library.figure import render_svg

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
SAMPLE = ("glute-bridge", "bird-dog", "clamshell-band", "lumbar-rotation-stretch", "hip-thrust")


def parse(document: str) -> ET.Element:
    root = ET.fromstring(document)
    assert root.tag == f"{SVG}svg"
    return root


@pytest.mark.parametrize("mode", MODES)
def test_every_figure_renders_as_accessible_xml(catalog, mode) -> None:  # type: ignore[no-untyped-def]
    for slug, exercise in sorted(catalog.exercises.items()):
        for language in ("nl", "en"):
            root = parse(render_svg(exercise, mode=mode, language=language))
            assert root.get("role") == "img", slug
            assert len(root.get("viewBox", "").split()) == 4, slug
            title = root.find(f"{SVG}title")
            assert title is not None and title.text == exercise.figure.description.get(language)
            assert root.get("aria-labelledby") == title.get("id")


RENDER_SAMPLE = """
import hashlib, json, sys
from pathlib import Path
from rugcoach.core.catalog import load_catalog
from rugcoach.core.figures.render import MODES
from rugcoach.core.library.figure import render_svg
catalog = load_catalog(Path("content"))
print(json.dumps({
    f"{slug} {mode} {language}": hashlib.sha256(
        render_svg(catalog.exercises[slug], mode=mode, language=language).encode()
    ).hexdigest()
    for slug in sys.argv[1:] for mode in MODES for language in ("nl", "en")
}))
"""


def test_rendering_is_deterministic(catalog) -> None:  # type: ignore[no-untyped-def]
    """The same SVG here (warm caches) as in fresh processes under other hash seeds."""
    here = {
        f"{slug} {mode} {language}": hashlib.sha256(
            render_svg(catalog.exercises[slug], mode=mode, language=language).encode()
        ).hexdigest()
        for slug in SAMPLE
        for mode in MODES
        for language in ("nl", "en")
    }
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        result = subprocess.run(
            [sys.executable, "-c", RENDER_SAMPLE, *SAMPLE],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == here, seed


def test_the_animation_loops_and_honours_reduced_motion(catalog) -> None:  # type: ignore[no-untyped-def]
    for slug in SAMPLE:
        document = render_svg(catalog.exercises[slug], mode="animated")
        root = parse(document)
        animations = root.findall(f".//{SVG}animate")
        assert animations, slug
        for animation in animations:
            assert animation.get("attributeName") == "d"
            assert animation.get("repeatCount") == "indefinite"
            times = [float(t) for t in animation.get("keyTimes", "").split(";")]
            values = animation.get("values", "").split(";")
            assert times[0] == 0 and times[-1] == 1 and times == sorted(times)
            assert len(times) == len(values)
        assert "@media (prefers-reduced-motion: reduce)" in document
        classes = {g.get("class") for g in root.iter(f"{SVG}g")}
        assert {"moving", "still"} <= classes
        assert "<script" not in document


def test_the_animation_follows_the_tempo(catalog) -> None:  # type: ignore[no-untyped-def]
    bridge = catalog.exercises["glute-bridge"]
    tempo = bridge.dose.tempo
    root = parse(render_svg(bridge, mode="animated"))
    duration = float(root.find(f".//{SVG}animate").get("dur").rstrip("s"))
    # one rep: out, hold at the top, back, and a short rest at the start
    assert tempo.move + tempo.back < duration <= tempo.seconds_per_rep + 1.5


def test_static_shows_every_keyframe_with_a_movement_arrow(catalog) -> None:  # type: ignore[no-untyped-def]
    document = render_svg(catalog.exercises["bird-dog"], mode="static")
    assert document.count('class="floor"') == 3  # one panel per keyframe
    assert 'class="arrow"' in document and 'class="step"' in document


def test_the_working_muscles_are_yellow(catalog) -> None:  # type: ignore[no-untyped-def]
    document = render_svg(catalog.exercises["glute-bridge"], mode="thumbnail")
    assert 'class="hl"' in document and "#FFD200" in document


def test_text_is_escaped_and_the_language_is_declared() -> None:
    figure = Figure.model_validate(
        {
            "description": {"nl": 'Til <heupen> & "billen" op', "en": "Lift <hips> & glutes"},
            "keyframes": [{"name": "a", "pose": "stand"}, {"name": "b", "pose": "stand"}],
        }
    )
    document = render_figure(figure, mode="static", language="nl", ident="x<y>")
    root = parse(document)
    assert root.find(f"{SVG}title").text == 'Til <heupen> & "billen" op'
    assert root.get("lang") == "nl"
    assert "<heupen>" not in document


def test_thumbnails_are_small_and_simple(catalog) -> None:  # type: ignore[no-untyped-def]
    for slug in SAMPLE:
        exercise = catalog.exercises[slug]
        thumbnail = render_svg(exercise, mode="thumbnail")
        static = render_svg(exercise, mode="static")
        assert len(thumbnail) < len(static)
        assert float(parse(thumbnail).get("width")) < float(parse(static).get("width"))
        assert "<animate" not in thumbnail


def test_an_exercise_without_a_figure_is_refused(catalog) -> None:  # type: ignore[no-untyped-def]
    exercise = catalog.exercises["glute-bridge"].model_copy(update={"figure": None})
    with pytest.raises(ValueError, match="no figure"):
        render_svg(exercise)


def test_an_unknown_mode_is_refused(catalog) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="mode"):
        render_svg(catalog.exercises["glute-bridge"], mode="cinema")  # type: ignore[arg-type]
