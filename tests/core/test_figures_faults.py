"""Figures that show what their steps say (issue #11 §1), and thumbnails at one scale.

Each keyframe declares in ``expects:`` what its pose must show (``l_foot off floor``,
``r_ankle near l_ankle`` …); ``figure_problems`` checks that, and the faults that hold for
every figure: no band drawn through the body, nothing lying beside the mat, no mat seen
as a floating sheet, no two keyframes alike. Every test here feeds a fault a figure once
had back in and expects the check to name it, so a check that cannot fail would be
noticed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from rugcoach.core.figures.checks import figure_problems
from rugcoach.core.figures.expects import parse_expectation
from rugcoach.core.figures.pose import Figure
from rugcoach.core.figures.render import THUMBNAIL_BOX
from rugcoach.core.library.figure import render_svg

CONTENT = Path(__file__).resolve().parents[2] / "content" / "exercises"
#: Figures reviewed frame by frame: every keyframe says what it must show.
EVERY_KEYFRAME = (
    "bird-dog",
    "side-plank-knee",
    "side-plank-foot",
    "pallof-press",
    "cable-anti-rotation",
    "belly-breathing-side-lying",
    "childs-pose-side-reach",
)
#: Figures fixed for one fault: the keyframes that can show it say so.
SOME_KEYFRAMES = (
    "clamshell",
    "clamshell-band",
    "clamshell-side-lying-pillow",
    "hip-thrust",
    "foam-roll-glutes",
    "knee-to-chest-single",
    "cat-cow",
)


def raw_figure(slug: str) -> dict[str, Any]:
    """The figure block as written, to be changed back into an old fault."""
    data: dict[str, Any] = yaml.safe_load((CONTENT / f"{slug}.yaml").read_text())["figure"]
    return data


def keyframe(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(k for k in data["keyframes"] if k["name"] == name)


def bend(data: dict[str, Any], name: str, **angles: float) -> None:
    """Change some joint angles of one keyframe."""
    frame = keyframe(data, name)
    frame["angles"] = {**frame.get("angles", {}), **angles}


def problems(data: dict[str, Any]) -> str:
    return "\n".join(figure_problems(Figure.model_validate(data)))


@pytest.mark.parametrize("slug", EVERY_KEYFRAME + SOME_KEYFRAMES)
def test_the_figure_shows_its_steps(catalog, slug: str) -> None:  # type: ignore[no-untyped-def]
    figure = catalog.exercises[slug].figure
    said = [bool(k.expects) for k in figure.keyframes]
    assert all(said) if slug in EVERY_KEYFRAME else any(said), "the poses say what they show"
    assert figure_problems(figure) == []


# --- Parts on and off the floor, limbs, bends -------------------------------------------


def test_bird_dog_lifts_the_leg_and_reaches_forward() -> None:
    data = raw_figure("bird-dog")
    # the old pose: leg sloping down to toes on the floor, arm pointing upward
    keyframe(data, "reach-right-arm")["angles"] = {
        "r_shoulder": 170, "r_elbow": 0, "r_wrist": 0, "l_hip": 0, "l_knee": 5, "l_ankle": -40,
    }  # fmt: skip
    found = problems(data)
    assert "expected 'l_foot off floor'" in found
    assert "expected 'r_arm level'" in found


def test_bird_dog_fails_when_the_raised_leg_rests_on_the_floor() -> None:
    data = raw_figure("bird-dog")
    bend(data, "reach-right-arm", l_hip=10, l_knee=40)
    raised = keyframe(data, "reach-right-arm")
    raised["contacts"] = [*raised["contacts"], "l_toes"]
    found = problems(data)
    assert "expected 'l_foot off floor'" in found
    assert "expected 'l_leg level'" in found


@pytest.mark.parametrize("slug", ["side-plank-knee", "side-plank-foot"])
def test_side_plank_shows_the_forearm_support(slug: str) -> None:
    data = raw_figure(slug)
    del data["camera"]  # straight from the front, as before: the forearm points at us
    assert "expected 'r_forearm seen'" in problems(data)


def test_side_plank_on_the_knee_shows_bent_knees() -> None:
    data = raw_figure("side-plank-knee")
    del data["camera"]
    assert "expected 'l_knee bent'" in problems(data)


def test_a_hand_where_the_forearm_should_be_is_a_fault() -> None:
    data = raw_figure("side-plank-foot")
    up = keyframe(data, "up")
    # a straight arm on the hand: the forearm leaves the floor
    up["angles"] = {**up["angles"], "r_elbow": 0, "r_shoulder_abd": 100, "wrist": 80}
    up["contacts"] = ["r_heel", "r_hand"]
    assert "keyframe 'up': expected 'r_forearm on floor'" in problems(data)


def test_a_supporting_part_that_leaves_the_floor_is_named() -> None:
    data = raw_figure("bird-dog")
    start = keyframe(data, "start")
    start["contacts"] = ["r_knee", "r_hand", "l_knee", "r_toes", "l_toes"]
    start["angles"] = {"l_elbow": 70}  # the left hand lifted: no longer on hands and knees
    assert "keyframe 'start': expected 'l_hand on floor'" in problems(data)


def test_belly_breathing_side_lying_has_its_head_supported() -> None:
    data = raw_figure("belly-breathing-side-lying")
    for frame in data["keyframes"]:
        frame["contacts"] = [c for c in frame["contacts"] if c != frame["contacts"][2]]
        frame["expects"] = [*frame["expects"], "head on floor"]
    # without the pillow contact the head hangs in the air
    assert "expected 'head on floor'" in problems(data)


def test_hip_thrust_starting_with_the_hips_in_the_air_is_a_fault() -> None:
    data = raw_figure("hip-thrust")
    bend(data, "bottom", hip=70, knee=115)
    keyframe(data, "bottom")["contacts"][1]["at"] = 36  # the thorax further up the bench
    found = problems(data)
    assert "keyframe 'bottom': expected 'pelvis near floor', but it is" in found
    assert "above the floor" in found


# --- Places: as drawn, in the room, against each other and the first keyframe ----------


def test_childs_pose_is_not_drawn_upright() -> None:
    data = raw_figure("childs-pose-side-reach")
    data["camera"] = {"yaw": 90, "elevation": 80}  # the old view from above
    assert "expected 'head below root'" in problems(data)


def test_knee_to_chest_with_the_shin_sticking_up_is_a_fault() -> None:
    data = raw_figure("knee-to-chest-single")
    bend(data, "knee-in", r_hip=125, r_knee=115)
    assert "keyframe 'knee-in': expected 'r_ankle not above r_knee', but it is" in problems(data)


def test_cow_with_the_head_thrown_back_is_a_fault() -> None:
    data = raw_figure("cat-cow")
    bend(data, "cow", neck=-30)
    assert "keyframe 'cow': expected 'neck rises 0 to 45', but it rises" in problems(data)


@pytest.mark.parametrize("slug", ("clamshell", "clamshell-band"))
def test_clamshell_with_the_feet_apart_is_a_fault(slug: str) -> None:
    data = raw_figure(slug)
    # the old figure: the top knee opened by abduction alone, so the foot came along
    bend(data, "open", l_hip=40, l_hip_abd=42, l_hip_rot=-30)
    assert "keyframe 'open': expected 'r_ankle near l_ankle', but they are" in problems(data)


def test_pillow_not_between_the_knees_is_a_fault() -> None:
    data = raw_figure("clamshell-side-lying-pillow")
    keyframe(data, "lift")["contacts"][-1]["along"] = 0.2  # the pillow up at the hips
    found = problems(data)
    assert "keyframe 'lift': expected 'pillow between r_above_knee and l_above_knee'" in found


def test_foam_roll_that_does_not_roll_is_a_fault() -> None:
    data = raw_figure("foam-roll-glutes")
    bend(data, "forward", shoulder=-45)  # the old, near-identical pose
    assert "keyframe 'forward': expected 'root moves', but it moves only" in problems(data)


# --- Faults every figure is checked for, without a declaration ---------------------------


@pytest.mark.parametrize("slug", ["pallof-press", "cable-anti-rotation"])
def test_the_band_is_not_drawn_through_the_trunk(slug: str) -> None:
    data = raw_figure(slug)
    data["camera"] = {"yaw": 55, "elevation": 15}  # the old view: through the chest
    found = problems(data)
    assert "is drawn through the thorax" in found
    assert "keyframe 'press'" in found


OLD_SIDE_LYING = """
view: top
props: [{kind: mat}]
anchor: r_hip
description: {nl: Je ademt., en: You breathe.}
keyframes:
  - name: breathe-out
    pose: supine
    roll: 90
    angles: {hip: 55, knee: 85, ankle: -10, lumbar: 10, neck: 15, r_shoulder: 100, r_elbow: 110,
             l_shoulder: -5, l_elbow: 60, l_shoulder_abd: -15}
    contacts: [r_hip, r_shoulder, {part: r_knee, via: r_hip_abd},
               {part: r_shin, flat: false, via: r_hip_rot},
               {part: r_forearm, flat: false, via: r_shoulder_abd}]
  - name: breathe-in
    pose: supine
    roll: 90
    angles: {hip: 55, knee: 85, ankle: -10, lumbar: 10, neck: 15, r_shoulder: 100, r_elbow: 110,
             l_shoulder: -5, l_elbow: 60, l_shoulder_abd: -15, belly: 1}
    contacts: [r_hip, r_shoulder, {part: r_knee, via: r_hip_abd},
               {part: r_shin, flat: false, via: r_hip_rot},
               {part: r_forearm, flat: false, via: r_shoulder_abd}]
"""


def test_belly_breathing_side_lying_lies_on_the_mat() -> None:
    data = yaml.safe_load(OLD_SIDE_LYING)  # the old block: knees and shins beside the mat
    found = problems(data)
    assert "the r_thigh lies beside the mat" in found
    assert "the r_shin lies beside the mat" in found


@pytest.mark.parametrize("slug", ("clamshell", "clamshell-band", "clamshell-side-lying-pillow"))
def test_clamshell_mat_seen_from_above_is_a_fault(slug: str) -> None:
    data = raw_figure(slug)
    data["camera"] = {"elevation": 30}
    assert "body seems to float" in problems(data)


def test_two_identical_keyframes_are_a_fault() -> None:
    data = raw_figure("foam-roll-glutes")
    data["keyframes"][1] = {**data["keyframes"][0], "name": "forward"}
    assert "look the same" in problems(data)


# --- The grammar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("r_foot floats", "is not one of"),
        ("r_ankle together l_ankle", "is not one of"),
        ("r_paw off floor", "unknown part 'r_paw'"),
        ("tail near floor", "unknown part 'tail'"),
        ("r_foot off bench", "only 'on floor'"),
        ("r_wrist level", "unknown limb"),
        ("r_ankle bent", "unknown bend"),
        ("head below moon", "unknown place 'moon'"),
        ("r_ankle near nose", "unknown place 'nose'"),
        ("r_arm level floor", "takes no object"),
        ("root moves far", "takes no object"),
        ("neck rises 40 to 10", "low to high"),
        ("neck rises 0 45", "rises <low> to <high>"),
        ("bench between r_knee and l_knee", "unknown round prop 'bench'"),
        ("pillow between r_knee l_knee", "between <place> and <place>"),
    ],
)
def test_an_unknown_expectation_is_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_expectation(text)
    data = raw_figure("bird-dog")
    keyframe(data, "start")["expects"] = [text]
    with pytest.raises(ValidationError, match=reason):
        Figure.model_validate(data)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ball between r_knee and l_knee", "no prop 'ball'"),
        ("root moves", "not on the first keyframe"),
    ],
)
def test_an_expectation_the_figure_cannot_show_is_refused(text: str, reason: str) -> None:
    data = raw_figure("clamshell")
    keyframe(data, "closed")["expects"] = [text]
    with pytest.raises(ValidationError, match=reason):
        Figure.model_validate(data)


# --- Thumbnails -------------------------------------------------------------------------


def test_thumbnails_share_one_frame_and_one_scale(catalog) -> None:  # type: ignore[no-untyped-def]
    sizes = set()
    for slug, exercise in sorted(catalog.exercises.items()):
        root = ET.fromstring(render_svg(exercise, mode="thumbnail"))
        _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
        # one viewBox size at one drawing scale (100 units = the body's height), drawn
        # at one size: a standing and a lying person come out the same size
        sizes.add((width, height, root.get("width"), root.get("height")))
        assert (width, height) == THUMBNAIL_BOX, slug
    assert len(sizes) == 1


def test_thumbnail_frames_stand_on_one_floor_line(catalog) -> None:  # type: ignore[no-untyped-def]
    """A standing and a lying figure: the floor at the same place in both frames."""

    def floor_offset(slug: str) -> float:
        root = ET.fromstring(render_svg(catalog.exercises[slug], mode="thumbnail"))
        y0 = float(root.get("viewBox", "").split()[1])
        floor = next(e for e in root.iter() if e.get("class") == "floor")
        return float(floor.get("d", "").split()[1].split("H")[0]) - y0

    assert floor_offset("micro-core") == pytest.approx(floor_offset("glute-bridge"))
