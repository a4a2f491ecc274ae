"""The body model and solver: lengths kept, contacts exact, nothing sinks, ranges human.

Run over every keyframe of every exercise in the catalog, and as property tests over
random joint angles.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rugcoach.core.figures.body import SEGMENT_LENGTHS, pose_body
from rugcoach.core.figures.checks import body_spheres, figure_problems
from rugcoach.core.figures.geometry import capsule_distance, find_root, mul, rot_x, rot_y, rot_z
from rugcoach.core.figures.joints import DOFS, out_of_range
from rugcoach.core.figures.pose import Contact, Figure
from rugcoach.core.figures.props import floor_level
from rugcoach.core.figures.solver import SolveError, solve, solve_keyframe, support_specs

TEXT = {"nl": "Je doet iets.", "en": "You do something."}


def _keyframes(catalog):  # type: ignore[no-untyped-def]
    for slug, exercise in sorted(catalog.exercises.items()):
        if exercise.figure is not None:
            for keyframe in exercise.figure.keyframes:
                yield slug, exercise.figure, keyframe


def test_every_exercise_has_a_figure(catalog) -> None:  # type: ignore[no-untyped-def]
    missing = sorted(slug for slug, e in catalog.exercises.items() if e.figure is None)
    assert not missing, f"exercises without a figure: {missing}"


def test_every_figure_is_physically_sound(catalog) -> None:  # type: ignore[no-untyped-def]
    """Contacts touch exactly, nothing sinks into floor or props, angles stay human."""
    problems = [
        f"{slug}: {problem}"
        for slug, exercise in sorted(catalog.exercises.items())
        if exercise.figure is not None
        for problem in figure_problems(exercise.figure)
    ]
    assert not problems, "\n".join(problems)


def test_solved_keyframes_keep_segment_lengths_and_ranges(catalog) -> None:  # type: ignore[no-untyped-def]
    for slug, figure, keyframe in _keyframes(catalog):
        placement = solve_keyframe(figure, keyframe)
        joints = placement.body.joints
        for a, b, length in SEGMENT_LENGTHS:
            assert math.dist(joints[a], joints[b]) == pytest.approx(length, abs=1e-9), slug
        assert not out_of_range(placement.angles), (slug, keyframe.name)


def test_resting_contacts_lie_exactly_on_the_floor(catalog) -> None:  # type: ignore[no-untyped-def]
    for slug, figure, keyframe in _keyframes(catalog):
        placement = solve_keyframe(figure, keyframe)
        floor = 0.0
        lowest = min(s.centre[1] - s.radius for _, s in body_spheres(placement))
        assert lowest >= floor - 1e-4, (slug, keyframe.name)
        for contact, point, residual in placement.contacts:
            assert abs(residual) <= 1e-5, (slug, keyframe.name, contact.part)
            if contact.support == "floor" and contact.at == 0:
                assert point[1] == pytest.approx(floor, abs=1e-5), (slug, contact.part)
        assert floor_level(figure) <= floor


def test_the_floor_line_sits_under_the_mat() -> None:
    with_mat = Figure.model_validate(
        {
            "description": TEXT,
            "props": [{"kind": "mat"}],
            "keyframes": [{"name": "a", "pose": "stand"}, {"name": "b", "pose": "stand"}],
        }
    )
    assert floor_level(with_mat) < 0


angles = st.fixed_dictionaries(
    {name: st.floats(dof.low, dof.high, allow_nan=False) for name, dof in DOFS.items()}
)
turns = st.tuples(*(st.floats(-180, 180, allow_nan=False) for _ in range(3)))


@settings(max_examples=150, deadline=None)
@given(values=angles, turn=turns)
def test_forward_kinematics_keeps_every_segment_length(values, turn) -> None:  # type: ignore[no-untyped-def]
    rotation = mul(mul(rot_z(turn[0]), rot_y(turn[1])), rot_x(turn[2]))
    body = pose_body(values, rotation, (0.3, 0.2, -0.1))
    for a, b, length in SEGMENT_LENGTHS:
        assert math.dist(body.joints[a], body.joints[b]) == pytest.approx(length, abs=1e-9)


SPECS = support_specs(
    Figure.model_validate(
        {
            "description": TEXT,
            "keyframes": [{"name": "a", "pose": "stand"}, {"name": "b", "pose": "stand"}],
        }
    )
)


@settings(max_examples=60, deadline=None)
@given(
    knee=st.floats(0, 60),
    hip=st.floats(-10, 60),
    ankle=st.floats(-15, 25),
    lumbar=st.floats(-20, 30),
)
def test_a_standing_body_rests_flat_on_its_feet(knee, hip, ankle, lumbar) -> None:  # type: ignore[no-untyped-def]
    values = dict.fromkeys(DOFS, 0.0)
    for side in ("r", "l"):
        values.update({f"{side}_knee": knee, f"{side}_hip": hip, f"{side}_ankle": ankle})
    values["lumbar"] = lumbar
    contacts = (Contact(part="r_foot"), Contact(part="l_foot"))
    placement = solve(values, contacts, SPECS)
    for _, point, residual in placement.contacts:
        assert abs(residual) <= 1e-6 and abs(point[1]) <= 1e-6
    heel, toes = placement.body.part("r_foot").spheres
    assert heel.centre[1] - heel.radius == pytest.approx(toes.centre[1] - toes.radius, abs=1e-6)
    lowest = min(s.centre[1] - s.radius for _, s in body_spheres(placement))
    assert lowest >= -1e-6


@settings(max_examples=60, deadline=None)
@given(hip=st.floats(30, 70), knee=st.floats(70, 120), lumbar=st.floats(-15, 10))
def test_hook_lying_rests_back_and_feet_on_the_floor(hip, knee, lumbar) -> None:  # type: ignore[no-untyped-def]
    values = dict.fromkeys(DOFS, 0.0)
    values.update({"r_hip": hip, "l_hip": hip, "r_knee": knee, "l_knee": knee, "lumbar": lumbar})
    contacts = tuple(Contact(part=p) for p in ("pelvis", "thorax", "r_foot", "l_foot"))
    try:
        placement = solve(values, contacts, SPECS, hint=90)
    except SolveError:
        return  # a knee that cannot reach the floor is reported, never drawn
    for contact, _, residual in placement.contacts:
        assert abs(residual) <= 1e-5, contact.part
    assert not out_of_range(placement.angles)


def test_an_impossible_contact_is_reported_not_drawn() -> None:
    values = dict.fromkeys(DOFS, 0.0)
    # standing tall, the hand cannot reach the floor however the shoulder turns
    contacts = (Contact(part="r_foot"), Contact(part="l_foot"), Contact(part="r_fingers"))
    with pytest.raises(SolveError, match="r_fingers@floor"):
        solve(values, contacts, SPECS)


@settings(max_examples=100, deadline=None)
@given(root=st.floats(-50, 50), start=st.floats(-60, 60))
def test_find_root_finds_the_root_nearest_the_start(root, start) -> None:  # type: ignore[no-untyped-def]
    found = find_root(lambda x: (x - root) * (1 + 0.001 * x * x), start, -90, 90)
    assert found is not None and found == pytest.approx(root, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(
    p=st.tuples(*(st.floats(-1, 1) for _ in range(3))),
    ra=st.floats(0.01, 0.1),
    rb=st.floats(0.01, 0.1),
)
def test_capsule_distance_matches_dense_sampling(p, ra, rb) -> None:  # type: ignore[no-untyped-def]
    a, b = (0.0, 0.0, 0.0), (0.4, 0.1, 0.0)
    exact = capsule_distance(p, a, ra, b, rb)
    sampled = min(
        math.dist(p, tuple(x + (y - x) * i / 2000 for x, y in zip(a, b, strict=True)))
        - (ra + (rb - ra) * i / 2000)
        for i in range(2001)
    )
    assume(sampled > 0.001)  # outside the capsule, as a ball's centre always is
    assert exact == pytest.approx(sampled, abs=2e-4)
