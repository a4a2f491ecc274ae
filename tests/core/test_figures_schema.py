"""The figure schema: what content may write in an exercise's ``figure:`` block."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rugcoach.core.figures.joints import DOFS, expand_angles
from rugcoach.core.figures.pose import Contact, Figure
from rugcoach.core.figures.poses import BASE_POSES
from rugcoach.core.figures.scene import MUSCLE_REGIONS, highlight_regions
from rugcoach.core.kernel.vocabulary import Muscle

TEXT = {"nl": "Je doet iets.", "en": "You do something."}


def figure(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "description": TEXT,
        "props": [{"kind": "mat"}],
        "keyframes": [
            {"name": "start", "pose": "hook-lying"},
            {"name": "up", "pose": "hook-lying", "angles": {"hip": 0}, "hold": True},
        ],
    }
    data.update(changes)
    return data


def test_a_minimal_figure_is_valid() -> None:
    parsed = Figure.model_validate(figure())
    assert [k.name for k in parsed.loop_order] == ["start", "up"]
    assert parsed.thumbnail_keyframe.name == "up"


def test_a_figure_is_hashable_like_its_exercise() -> None:
    assert hash(Figure.model_validate(figure())) == hash(Figure.model_validate(figure()))


def test_contacts_may_be_written_short_or_long() -> None:
    short = Contact.model_validate("r_hand@ball")
    assert (short.part, short.support, short.at) == ("r_hand", "ball", 0.0)
    assert Contact.model_validate("r_knee").support == "floor"
    long = Contact.model_validate({"part": "thorax", "support": "bench", "at": 30, "via": "neck"})
    assert long.at == 30 and long.via == "neck"


def test_feet_hands_and_forearms_lie_flat_unless_told_otherwise() -> None:
    assert Contact(part="r_foot").is_flat
    assert not Contact(part="r_foot", flat=False).is_flat
    assert not Contact(part="r_knee").is_flat


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        ({"part": "r_tail"}, "unknown body part"),
        ({"part": "r_knee", "via": "r_tail"}, "unknown joint angle"),
        ({"part": "head", "flat": True}, "cannot lie flat"),
        ({"part": "pelvis", "along": 0.5}, "not one segment"),
        ({"part": "r_knee", "support": "ceiling"}, "support"),
    ],
)
def test_bad_contacts_are_named(contact: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Contact.model_validate(contact)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"keyframes": [{"name": "start", "pose": "hook-lying"}]}, "at least 2"),
        ({"loop": ["start", "nowhere"]}, "unknown keyframe 'nowhere'"),
        ({"thumbnail": "nowhere"}, "unknown keyframe 'nowhere'"),
        ({"anchor": "r_tail"}, "anchor"),
        ({"props": [{"kind": "mat"}, {"kind": "mat"}]}, "listed twice"),
        ({"props": [{"kind": "mat", "diameter": 0.5}]}, "diameter"),
        ({"props": [{"kind": "band", "to": ["r_tail"]}]}, "unknown body place"),
        ({"view": "underneath"}, "view"),
        (
            {
                "keyframes": [
                    {"name": "start", "pose": "hook-lying"},
                    {"name": "start", "pose": "hook-lying"},
                ]
            },
            "same name",
        ),
    ],
)
def test_bad_figures_are_named(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Figure.model_validate(figure(**change))


@pytest.mark.parametrize(
    ("keyframe", "message"),
    [
        ({"pose": "handstand"}, "unknown pose"),
        ({"pose": "stand", "angles": {"r_tail": 10}}, "unknown joint angle"),
        ({"pose": "stand", "angles": {"knee": 175}}, "outside"),
        ({"pose": "stand", "angles": {"hip": -50}}, "outside"),
        ({"pose": "stand", "reach": {"r_hand": "moon"}}, "unknown body place"),
        ({"pose": "stand", "contacts": []}, "at least one contact"),
        ({"pose": "stand", "contacts": ["pelvis@ball"]}, "needs a prop: ball"),
    ],
)
def test_bad_keyframes_are_named(keyframe: dict[str, object], message: str) -> None:
    keyframes = [{"name": "start", "pose": "stand"}, {"name": "end", **keyframe}]
    with pytest.raises(ValidationError, match=message):
        Figure.model_validate(figure(keyframes=keyframes))


def test_a_bare_limb_angle_sets_both_sides_and_a_sided_one_wins() -> None:
    angles = expand_angles({"hip": 90, "r_hip": 10, "lumbar": 5})
    assert angles == {"r_hip": 10.0, "l_hip": 90.0, "lumbar": 5.0}


def test_base_poses_are_within_human_ranges() -> None:
    for name, pose in BASE_POSES.items():
        for angle, value in expand_angles(pose.angles).items():
            dof = DOFS[angle]
            assert dof.low <= value <= dof.high, (name, angle)
        assert pose.contacts, name


def test_every_muscle_has_a_body_region() -> None:
    assert {m.value for m in Muscle} <= set(MUSCLE_REGIONS)


def test_the_main_muscles_light_up_and_a_second_leg_muscle_does_not() -> None:
    assert highlight_regions(["gluteus-maximus", "hamstrings", "obliques"]) == {"glute"}
    assert highlight_regions(["hamstrings", "gluteus-maximus"]) == {"thigh", "glute"}
    assert highlight_regions(["multifidus", "erector-spinae"]) == {"lower-trunk"}
