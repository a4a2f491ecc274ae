"""Contact features: the named places on the body that can rest on a support.

A feature is a set of spheres taken from the body's parts (the knee is the shin's upper
sphere, the back is the whole trunk). A *flat* feature (a foot, hand or forearm lying on
its support) is held at its proximal joint and then turned flat with its own joint.
"""

from __future__ import annotations

from dataclasses import dataclass

from rugcoach.core.figures.body import ANKLE_HEIGHT, RADII, Body, Sphere
from rugcoach.core.figures.geometry import Vec, dot, scale, sub
from rugcoach.core.figures.joints import SIDES


@dataclass(frozen=True)
class Flat:
    """How a feature lies flat: ``joint`` stays ``offset`` above the support; ``dof`` turns it."""

    joint: str
    offset: float
    dof: str


@dataclass(frozen=True)
class Feature:
    name: str
    spheres: tuple[tuple[str, int | None], ...]  # (part name, sphere index or None for all)
    via: str | None  # the joint angle that moves it onto its support, if it is not an anchor
    flat: Flat | None = None
    flat_by_default: bool = False
    point: str | None = None  # a joint used as a point (radius 0), e.g. the grip

    def collect(self, body: Body) -> list[Sphere]:
        if self.point is not None:
            return [Sphere(body.joints[self.point], 0.0)]
        spheres: list[Sphere] = []
        for part_name, index in self.spheres:
            part = body.part(part_name)
            spheres.extend(part.spheres if index is None else (part.spheres[index],))
        return spheres


def _build() -> dict[str, Feature]:
    features = [
        Feature("head", (("head", None),), "neck"),
        Feature("thorax", (("thorax", None), ("shoulders", None)), "lumbar"),
        Feature(
            "pelvis",
            (("pelvis", None), ("belly", None), ("r_glute", None), ("l_glute", None)),
            None,
        ),
        Feature(
            "back",
            (("thorax", None), ("pelvis", None), ("r_glute", None), ("l_glute", None)),
            None,
        ),
    ]
    for side in SIDES:
        s = side
        features += [
            Feature(f"{s}_shoulder", (("shoulders", 1 if s == "r" else 0),), "lumbar_side"),
            Feature(f"{s}_hip", ((f"{s}_thigh", 0), (f"{s}_glute", None)), None),
            Feature(f"{s}_glute", ((f"{s}_glute", None),), None),
            Feature(f"{s}_upper_arm", ((f"{s}_upper_arm", None),), f"{s}_shoulder"),
            Feature(f"{s}_elbow", ((f"{s}_forearm", 0),), f"{s}_shoulder"),
            Feature(
                f"{s}_forearm",
                ((f"{s}_forearm", None),),
                f"{s}_shoulder",
                Flat(f"{s}_elbow", RADII["forearm"][0], f"{s}_elbow"),
                flat_by_default=True,
            ),
            Feature(
                f"{s}_hand",
                ((f"{s}_hand", None),),
                f"{s}_shoulder",
                Flat(f"{s}_wrist", RADII["hand"][0], f"{s}_wrist"),
                flat_by_default=True,
            ),
            Feature(f"{s}_fingers", ((f"{s}_hand", 1),), f"{s}_shoulder"),
            Feature(f"{s}_grip", (), f"{s}_shoulder", point=f"{s}_grip"),
            Feature(f"{s}_thigh", ((f"{s}_thigh", None),), f"{s}_hip"),
            Feature(f"{s}_knee", ((f"{s}_shin", 0),), f"{s}_hip"),
            Feature(
                f"{s}_shin",
                ((f"{s}_shin", None),),
                f"{s}_hip",
                Flat(f"{s}_knee", RADII["shin"][0], f"{s}_knee"),
                flat_by_default=True,
            ),
            Feature(
                f"{s}_foot",
                ((f"{s}_foot", None),),
                f"{s}_knee",
                Flat(f"{s}_ankle", ANKLE_HEIGHT, f"{s}_ankle"),
                flat_by_default=True,
            ),
            Feature(f"{s}_heel", ((f"{s}_foot", 0),), f"{s}_hip"),
            Feature(f"{s}_toes", ((f"{s}_foot", 1),), f"{s}_knee"),
        ]
    return {feature.name: feature for feature in features}


#: Every contact feature by name.
FEATURES: dict[str, Feature] = _build()


def extreme(spheres: list[Sphere], normal: Vec) -> tuple[Vec, float]:
    """The point of the spheres furthest against ``normal``, and its distance along it."""
    best: tuple[float, Vec] | None = None
    for sphere in spheres:
        distance = dot(sphere.centre, normal) - sphere.radius
        if best is None or distance < best[0]:
            best = (distance, sub(sphere.centre, scale(normal, sphere.radius)))
    assert best is not None
    return best[1], best[0]


def flat_point(body: Body, flat: Flat, normal: Vec) -> Vec:
    """Where a flat feature meets its support once turned flat."""
    return sub(body.joints[flat.joint], scale(normal, flat.offset))


def flatness(body: Body, feature: Feature, normal: Vec) -> float:
    """How far a flat feature's far end is from lying flat (0 when both ends touch)."""
    spheres = feature.collect(body)
    first, last = spheres[0], spheres[-1]
    return (dot(last.centre, normal) - last.radius) - (dot(first.centre, normal) - first.radius)
