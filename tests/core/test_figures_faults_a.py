"""Figures that show what their steps say (issue #11 §1, part A).

Each figure declares in ``expects:`` what its poses must show; ``figure_problems`` checks
that, and that no band is drawn through the body and nothing lies beside the mat. Every
test here feeds the fault the figure once had back in and expects the check to name it,
so a check that cannot fail would be noticed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from rugcoach.core.figures.checks import figure_problems
from rugcoach.core.figures.expects import parse_expectation
from rugcoach.core.figures.pose import Figure

CONTENT = Path(__file__).resolve().parents[2] / "content" / "exercises"
FIXED = (
    "bird-dog",
    "side-plank-knee",
    "side-plank-foot",
    "pallof-press",
    "cable-anti-rotation",
    "belly-breathing-side-lying",
    "childs-pose-side-reach",
)


def raw_figure(slug: str) -> dict[str, Any]:
    """The figure block as written, to be changed back into an old fault."""
    data: dict[str, Any] = yaml.safe_load((CONTENT / f"{slug}.yaml").read_text())["figure"]
    return data


def keyframe(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(k for k in data["keyframes"] if k["name"] == name)


def problems(data: dict[str, Any]) -> str:
    return "\n".join(figure_problems(Figure.model_validate(data)))


@pytest.mark.parametrize("slug", FIXED)
def test_the_figure_shows_its_steps(catalog, slug: str) -> None:  # type: ignore[no-untyped-def]
    figure = catalog.exercises[slug].figure
    assert all(k.expects for k in figure.keyframes), "every pose says what it must show"
    assert figure_problems(figure) == []


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
    raised = keyframe(data, "reach-right-arm")
    raised["angles"] = {**raised["angles"], "l_hip": 10, "l_knee": 40}
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


def test_belly_breathing_side_lying_has_its_head_supported() -> None:
    data = raw_figure("belly-breathing-side-lying")
    for frame in data["keyframes"]:
        frame["contacts"] = [c for c in frame["contacts"] if c != frame["contacts"][2]]
        frame["expects"] = [*frame["expects"], "head on floor"]
    # without the pillow contact the head hangs in the air
    assert "expected 'head on floor'" in problems(data)


def test_childs_pose_is_not_drawn_upright() -> None:
    data = raw_figure("childs-pose-side-reach")
    data["camera"] = {"yaw": 90, "elevation": 80}  # the old view from above
    assert "expected 'head below root'" in problems(data)


def test_a_supporting_part_that_leaves_the_floor_is_named() -> None:
    data = raw_figure("bird-dog")
    start = keyframe(data, "start")
    start["contacts"] = ["r_knee", "r_hand", "l_knee", "r_toes", "l_toes"]
    start["angles"] = {"l_elbow": 70}  # the left hand lifted: no longer on hands and knees
    assert "keyframe 'start': expected 'l_hand on floor'" in problems(data)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("r_foot floats", "is not"),
        ("r_paw off floor", "unknown part"),
        ("r_foot off bench", "only 'on floor'"),
        ("r_wrist level", "unknown limb"),
        ("r_ankle bent", "unknown bend"),
        ("head below moon", "unknown point"),
        ("r_arm level floor", "takes no object"),
    ],
)
def test_an_unknown_expectation_is_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_expectation(text)
    data = raw_figure("bird-dog")
    keyframe(data, "start")["expects"] = [text]
    with pytest.raises(ValidationError, match=reason):
        Figure.model_validate(data)
