"""Figures that show their exercise (issue #11 §1, part B), and thumbnails at one scale.

Each figure declares what its picture must show (``expect:`` in its ``figure:`` block);
``figure_problems`` checks that and a few faults that hold for every figure. For every
fixed figure there is a passing check on the content and a broken variant, the fault
the review found, that the checks must report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from pydantic import ValidationError

from rugcoach.core.figures.checks import figure_problems
from rugcoach.core.figures.pose import Figure
from rugcoach.core.figures.render import THUMBNAIL_BOX
from rugcoach.core.library.figure import render_svg

FIXED = (
    "clamshell",
    "clamshell-band",
    "clamshell-side-lying-pillow",
    "hip-thrust",
    "foam-roll-glutes",
    "knee-to-chest-single",
    "cat-cow",
)


def variant(figure: Figure, keyframe: str | None = None, **changes: Any) -> Figure:
    """The figure with some fields changed, on the figure or on one keyframe."""
    data = figure.model_dump(mode="json", exclude_none=True)
    if keyframe is None:
        data.update(changes)
    else:
        (target,) = [k for k in data["keyframes"] if k["name"] == keyframe]
        for key, value in changes.items():
            if key == "angles":
                target["angles"] = [*target.get("angles", []), *value.items()]
            else:
                target[key] = value
    return Figure.model_validate(data)


def problems_of(figure: Figure) -> str:
    return "\n".join(figure_problems(figure))


@pytest.mark.parametrize("slug", FIXED)
def test_fixed_figures_pass_every_check_and_say_what_they_show(catalog, slug) -> None:  # type: ignore[no-untyped-def]
    figure = catalog.exercises[slug].figure
    assert figure_problems(figure) == []
    assert figure.expect, f"{slug} declares what its picture must show"


@pytest.mark.parametrize("slug", ("clamshell", "clamshell-band", "clamshell-side-lying-pillow"))
def test_clamshell_mat_seen_from_above_is_a_fault(catalog, slug) -> None:  # type: ignore[no-untyped-def]
    figure = variant(catalog.exercises[slug].figure, camera={"elevation": 30})
    assert "body seems to float" in problems_of(figure)


@pytest.mark.parametrize("slug", ("clamshell", "clamshell-band"))
def test_clamshell_with_the_feet_apart_is_a_fault(catalog, slug) -> None:  # type: ignore[no-untyped-def]
    # the old figure: the top knee opened by abduction alone, so the foot came along
    figure = variant(
        catalog.exercises[slug].figure,
        "open",
        angles={"l_hip": 40, "l_hip_abd": 42, "l_hip_rot": -30},
    )
    assert "r_ankle and l_ankle are" in problems_of(figure)


def test_pillow_not_between_the_knees_is_a_fault(catalog) -> None:  # type: ignore[no-untyped-def]
    figure = catalog.exercises["clamshell-side-lying-pillow"].figure
    contacts = [c.model_dump(exclude_none=True) for c in figure.keyframe("lift").contacts]
    contacts[-1]["along"] = 0.2  # the pillow up at the hips
    broken = variant(figure, "lift", contacts=contacts)
    assert "the pillow is not between r_above_knee and l_above_knee" in problems_of(broken)


def test_hip_thrust_starting_with_the_hips_in_the_air_is_a_fault(catalog) -> None:  # type: ignore[no-untyped-def]
    figure = catalog.exercises["hip-thrust"].figure
    contacts = [c.model_dump(exclude_none=True) for c in figure.keyframe("bottom").contacts]
    contacts[1]["at"] = 36
    broken = variant(figure, "bottom", angles={"hip": 70, "knee": 115}, contacts=contacts)
    assert "keyframe 'bottom': pelvis is" in problems_of(broken)
    assert "above the floor, not near it" in problems_of(broken)


def test_foam_roll_that_does_not_roll_is_a_fault(catalog) -> None:  # type: ignore[no-untyped-def]
    figure = catalog.exercises["foam-roll-glutes"].figure
    broken = variant(figure, "forward", angles={"shoulder": -45})  # the old, near-identical pose
    assert "root moves only" in problems_of(broken)


def test_two_identical_keyframes_are_a_fault(catalog) -> None:  # type: ignore[no-untyped-def]
    figure = catalog.exercises["foam-roll-glutes"].figure
    data = figure.model_dump(mode="json", exclude_none=True)
    data["keyframes"][1] = {**data["keyframes"][0], "name": "forward"}
    assert "look the same" in problems_of(Figure.model_validate(data))


def test_knee_to_chest_with_the_shin_sticking_up_is_a_fault(catalog) -> None:  # type: ignore[no-untyped-def]
    figure = catalog.exercises["knee-to-chest-single"].figure
    broken = variant(figure, "knee-in", angles={"r_hip": 125, "r_knee": 115})
    assert "r_ankle is" in problems_of(broken)
    assert "higher than r_knee" in problems_of(broken)


def test_cow_with_the_head_thrown_back_is_a_fault(catalog) -> None:  # type: ignore[no-untyped-def]
    broken = variant(catalog.exercises["cat-cow"].figure, "cow", angles={"neck": -30})
    assert "keyframe 'cow': the neck rises" in problems_of(broken)


@pytest.mark.parametrize(
    "expect, message",
    [
        ({"together": ["r_ankle", "l_ankle"], "moves": "root"}, "exactly one"),
        ({}, "exactly one"),
        ({"together": ["r_ankle", "nose"]}, "unknown body place 'nose'"),
        ({"near_floor": ["tail"]}, "unknown body part 'tail'"),
        ({"keyframes": ["later"], "moves": "root"}, "unknown keyframe 'later'"),
        ({"between": ["ball", "r_knee", "l_knee"]}, "no prop 'ball'"),
        ({"neck_rise": [40, 10]}, "neck_rise"),
    ],
)
def test_expect_rules_are_validated(catalog, expect, message) -> None:  # type: ignore[no-untyped-def]
    data = catalog.exercises["clamshell"].figure.model_dump(mode="json", exclude_none=True)
    data["expect"] = [expect]
    with pytest.raises(ValidationError, match=message):
        Figure.model_validate(data)


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
