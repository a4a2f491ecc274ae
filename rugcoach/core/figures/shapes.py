"""3D shapes to draw, and the camera that turns them into 2D SVG paths."""

from __future__ import annotations

import math
from dataclasses import dataclass

from rugcoach.core.figures import svg
from rugcoach.core.figures.geometry import Mat, Vec, apply, mul, rot_x, rot_y

PIXELS_PER_HEIGHT = 100.0


@dataclass(frozen=True)
class Shape:
    """One drawable piece. ``kind``: ball, capsule, tube, disc, box, line, polygon."""

    key: str  # stable across frames, e.g. "body.r_thigh" or "prop.ball"
    group: str  # drawn together (a limb's silhouette, a prop)
    style: str  # css class
    kind: str
    points: tuple[Vec, ...]
    radii: tuple[float, ...] = ()
    normal: Vec | None = None  # discs
    width: float = 0.0  # lines


@dataclass(frozen=True)
class Camera:
    """An orthographic camera: ``yaw`` turns the scene about the vertical, then
    ``elevation`` tips it so the camera looks down on it (90: straight from above)."""

    yaw: float = 0.0
    elevation: float = 0.0

    @property
    def matrix(self) -> Mat:
        return mul(rot_x(self.elevation), rot_y(self.yaw))

    def project(self, point: Vec) -> tuple[float, float, float]:
        """Screen x (right), screen y (down) in pixels, and depth (towards the viewer)."""
        x, y, z = apply(self.matrix, point)
        return x * PIXELS_PER_HEIGHT, -y * PIXELS_PER_HEIGHT, z


def depth(camera: Camera, shape: Shape) -> float:
    return sum(camera.project(p)[2] for p in shape.points) / len(shape.points)


def screen_points(camera: Camera, shape: Shape, offset: tuple[float, float]) -> list[svg.Point]:
    return [(u + offset[0], v + offset[1]) for u, v, _ in (camera.project(p) for p in shape.points)]


def path(camera: Camera, shape: Shape, offset: tuple[float, float] = (0.0, 0.0)) -> str:
    """The SVG path for a shape seen by the camera, shifted by ``offset`` pixels."""
    pts = screen_points(camera, shape, offset)
    scale = PIXELS_PER_HEIGHT
    if shape.kind == "ball":
        return svg.circle(pts[0], shape.radii[0] * scale)
    if shape.kind == "capsule":
        (c1, c2), (r1, r2) = pts, shape.radii
        if r2 > r1:
            c1, r1, c2, r2 = c2, r2, c1, r1
        return svg.capsule(c1, r1 * scale, c2, r2 * scale)
    if shape.kind in ("tube", "line"):
        return svg.polyline(pts)
    if shape.kind == "disc":
        assert shape.normal is not None
        nx, ny, nz = apply(camera.matrix, shape.normal)
        radius = shape.radii[0] * scale
        angle = math.degrees(math.atan2(-ny, nx)) + 90 if math.hypot(nx, ny) > 1e-6 else 0.0
        return svg.ellipse(pts[0], radius, radius * abs(nz), angle)
    if shape.kind == "box":
        lo, hi = shape.points
        corners = [
            (x, y, z) for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])
        ]
        flat = [camera.project(c) for c in corners]
        hull = svg.convex_hull([(round(u, 6), round(v, 6)) for u, v, _ in flat])
        return svg.polygon([(u + offset[0], v + offset[1]) for u, v in hull])
    if shape.kind == "polygon":
        return svg.polygon(pts)
    raise ValueError(f"unknown shape kind {shape.kind}")


def bounds(
    camera: Camera, shape: Shape, offset: tuple[float, float] = (0.0, 0.0)
) -> tuple[float, float, float, float]:
    """Screen bounding box (x0, y0, x1, y1) of a shape, in pixels."""
    scale = PIXELS_PER_HEIGHT
    if shape.kind == "box":
        lo, hi = shape.points
        corners = [
            (x, y, z) for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])
        ]
        pts = [(u + offset[0], v + offset[1]) for u, v, _ in map(camera.project, corners)]
        pad = 0.0
    else:
        pts = screen_points(camera, shape, offset)
        pad = max(shape.radii, default=0.0) * scale + shape.width * scale / 2
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad
