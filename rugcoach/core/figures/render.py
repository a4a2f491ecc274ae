"""Figures as SVG: static (poses side by side), animated (SMIL loop) and thumbnail.

Pure and deterministic: the same figure, muscles and dose give the same bytes.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from typing import Literal

from rugcoach.core.figures import svg
from rugcoach.core.figures.layout import motion_arrows, ordered
from rugcoach.core.figures.pose import Figure, Keyframe
from rugcoach.core.figures.props import floor_level
from rugcoach.core.figures.scene import (
    Frame,
    camera_for,
    highlight_regions,
    make_frame,
    mat_span,
    near_side,
    solve_all,
    timeline,
)
from rugcoach.core.figures.shapes import PIXELS_PER_HEIGHT, Camera, Shape, bounds, path
from rugcoach.core.figures.solver import Placement

# Bump when a change to the figure code changes what is drawn. Cached figures carry this
# version in their URL, so browsers fetch the new drawing; tests/core/test_figures_version.py
# fails when the rendered SVGs change and this constant did not.
RENDERER_VERSION = 2

Mode = Literal["static", "animated", "thumbnail"]
MODES: tuple[Mode, ...] = ("static", "animated", "thumbnail")
GAP = 1.4  # light gap around each limb, pixels
HIGHLIGHT_EDGE = 1.3
PANEL_GAP = 34.0
MARGIN = 10.0
THUMBNAIL_SCALE = 0.55
#: Every thumbnail has this frame (picture units: 100 = the body's standing height), so a
#: standing and a lying person are drawn the same size, side by side in a list.
THUMBNAIL_BOX = (168.0, 126.0)
THUMBNAIL_FLOOR = 12.0  # the floor line sits this far above the frame's bottom edge
THUMBNAIL_HEADROOM = 4.0

STYLE = (
    ".bg{fill:#F7F7F4}"
    ".floor{stroke:#9EA5AC;stroke-width:1.4;stroke-linecap:round}"
    ".near{fill:#3E454C;stroke:none}.far{fill:#A7AEB5;stroke:none}"
    ".ghost{fill:#D5D9DD;stroke:none}"
    ".hl{fill:#FFD200;stroke:none}"
    ".gap{fill:#F7F7F4;stroke:#F7F7F4;stroke-width:2.8;stroke-linejoin:round}"
    ".edge{fill:#A98A00;stroke:#A98A00;stroke-width:2.6;stroke-linejoin:round}"
    ".t{fill:none!important;stroke-linecap:round;stroke-linejoin:round}"
    ".t.near{stroke:#3E454C}.t.far{stroke:#A7AEB5}.t.hl{stroke:#FFD200}"
    ".t.ghost{stroke:#D5D9DD}.t.gap{stroke:#F7F7F4}.t.edge{stroke:#A98A00}"
    ".mat{fill:#D3DAE0;stroke:#A3AEB8;stroke-width:.8}"
    ".wall{fill:#E3E6E9;stroke:#A3AEB8;stroke-width:1}"
    ".ball{fill:#D8E4EE;stroke:#7E93A6;stroke-width:1.4}"
    ".roller{fill:#BFCCD8;stroke:#70849A;stroke-width:1.4}"
    ".massage-ball{fill:#7E93A6;stroke:#5D7186;stroke-width:1}"
    ".pillow{fill:#ECE6D8;stroke:#B6AC94;stroke-width:1}"
    ".bench,.bed{fill:#CCD3DA;stroke:#7F8B96;stroke-width:1.2}"
    ".frame{fill:#98A2AC;stroke:#6E7A85;stroke-width:1}"
    ".pad{fill:#6E7A85;stroke:#56616B;stroke-width:1}"
    ".plate{fill:#5A646E;fill-opacity:.5;stroke:#434C55;stroke-width:1.2}"
    ".l.frame,.l.bar,.l.cable,.l.band{fill:none;stroke-linecap:round;stroke-linejoin:round}"
    ".l.frame{stroke:#7F8B96}.l.bar{stroke:#434C55}.l.cable{stroke:#434C55}"
    ".l.band{stroke:#3F86C6}"
    ".arrow{fill:none;stroke:#A98A00;stroke-width:2.2;stroke-linecap:round}"
    ".arrowhead{fill:#A98A00}"
    ".step{fill:none;stroke:#9EA5AC;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}"
    ".still{display:none}"
    "@media (prefers-reduced-motion: reduce){.moving{display:none}.still{display:inline}}"
)


def render_figure(
    figure: Figure,
    *,
    muscles: Sequence[str] = (),
    dose: object | None = None,
    mode: Mode = "static",
    language: str = "nl",
    ident: str = "figure",
) -> str:
    """Draw a figure. ``mode``: static, animated or thumbnail; ``language``: nl or en."""
    if mode not in MODES:
        raise ValueError(f"unknown mode '{mode}'")
    camera = camera_for(figure)
    placements = solve_all(figure)
    span = mat_span(figure, list(placements.values()))
    regions = highlight_regions(muscles)
    near = near_side(camera, placements[figure.keyframes[0].name].body)

    def frame_of(placement: Placement, keyframe: Keyframe) -> Frame:
        return make_frame(
            figure, placement, keyframe, camera=camera, near=near, regions=regions, span=span
        )

    ident = re.sub(r"[^a-z0-9-]", "", ident.lower()) or "figure"
    doc = _Doc(f"{ident}-{mode}", camera, figure)
    title = figure.description.get(language)
    if mode == "thumbnail":
        keyframe = figure.thumbnail_keyframe
        frame = frame_of(placements[keyframe.name], keyframe)
        doc.panel([frame], (0.0, 0.0), arrows=False)
        box = thumbnail_box(camera, figure, frame)
        return doc.finish(title, scale=THUMBNAIL_SCALE, language=language, box=box)
    if mode == "static":
        frames = [frame_of(placements[kf.name], kf) for kf in figure.keyframes]
        doc.static(frames)
        return doc.finish(title, language=language)
    steps = timeline(figure, placements, dose)
    frames = [frame_of(placement, keyframe) for _, placement, keyframe in steps]
    start = frame_of(placements[figure.keyframes[0].name], figure.keyframes[0])
    end_kf = figure.thumbnail_keyframe
    end = frame_of(placements[end_kf.name], end_kf)
    doc.animated(frames, [t for t, _, _ in steps], start, end)
    return doc.finish(title, language=language)


class _Doc:
    """Collects defs and drawing for one SVG document."""

    def __init__(self, prefix: str, camera: Camera, figure: Figure) -> None:
        self.prefix, self.camera, self.figure = prefix, camera, figure
        self.defs: list[str] = []
        self.body: list[str] = []
        self.box: list[float] | None = None
        self.count = 0

    def _grow(self, box: tuple[float, float, float, float]) -> None:
        if self.box is None:
            self.box = list(box)
        else:
            self.box = [
                min(self.box[0], box[0]),
                min(self.box[1], box[1]),
                max(self.box[2], box[2]),
                max(self.box[3], box[3]),
            ]

    def _define(self, d: str, animation: str = "") -> str:
        self.count += 1
        ident = f"{self.prefix}-{self.count}"
        if animation:
            self.defs.append(f'<path id="{ident}" d="{d}">{animation}</path>')
        else:
            self.defs.append(f'<path id="{ident}" d="{d}"/>')
        return ident

    def _draw(self, out: list[str], ident: str, shape: Shape, role: str) -> None:
        """One use of a defined path: role is gap, edge or fill (the shape's own style)."""
        stroke = ""
        if shape.kind == "tube":
            width = shape.radii[0] * 2 * PIXELS_PER_HEIGHT
            extra = {"gap": 2 * GAP, "edge": 2 * HIGHLIGHT_EDGE}.get(role, 0.0)
            stroke = f' stroke-width="{svg.num(width + extra)}"'
            cls = "t " + (role if role in ("gap", "edge") else shape.style)
        elif shape.kind == "line":
            stroke = f' stroke-width="{svg.num(shape.width * PIXELS_PER_HEIGHT)}"'
            cls = "l " + shape.style
        else:
            cls = role if role in ("gap", "edge") else shape.style
        out.append(f'<use href="#{ident}" class="{cls}"{stroke}/>')

    def _groups(
        self, out: list[str], shapes: Sequence[Shape], ids: dict[str, str], ghost: bool = False
    ) -> None:
        for name, members in ordered(self.camera, shapes):
            if name.startswith("prop."):
                for shape in members:
                    self._draw(out, ids[shape.key], shape, "fill")
                continue
            for shape in members:
                self._draw(out, ids[shape.key], shape, "gap")
            for shape in members:
                if ghost:
                    self._draw(out, ids[shape.key], _restyled(shape, "ghost"), "fill")
                    continue
                if "hl" in shape.style.split():
                    self._draw(out, ids[shape.key], shape, "edge")
                    self._draw(out, ids[shape.key], _restyled(shape, "hl"), "fill")
                else:
                    self._draw(out, ids[shape.key], shape, "fill")

    def _floor(self, out: list[str], x0: float, x1: float) -> None:
        if self.camera.elevation >= 45:
            return
        y = self.camera.project((0.0, floor_level(self.figure), 0.0))[1]
        out.append(f'<path class="floor" d="M{svg.num(x0)} {svg.num(y)}H{svg.num(x1)}"/>')

    def panel(
        self,
        frames: Sequence[Frame],
        offset: tuple[float, float],
        *,
        arrows: bool,
        ghost: Frame | None = None,
        out: list[str] | None = None,
    ) -> None:
        """Draw one still pose (the last of ``frames``) at ``offset``."""
        out = self.body if out is None else out
        frame = frames[-1]
        box = _union(bounds(self.camera, s, offset) for s in frame.shapes)
        self._grow(box)
        self._floor(out, box[0] - 8, box[2] + 8)
        if ghost is not None:
            ids = {
                s.key: self._define(path(self.camera, s, offset))
                for s in ghost.shapes
                if s.key.startswith("body.")
            }
            self._groups(out, [s for s in ghost.shapes if s.key.startswith("body.")], ids, True)
        ids = {s.key: self._define(path(self.camera, s, offset)) for s in frame.shapes}
        self._groups(out, frame.shapes, ids)
        if arrows and len(frames) > 1:
            out.extend(motion_arrows(self.camera, frames[-2], frame, offset))

    def static(self, frames: Sequence[Frame]) -> None:
        boxes = [_union(bounds(self.camera, s) for s in f.shapes) for f in frames]
        x = 0.0
        for index, (frame, box) in enumerate(zip(frames, boxes, strict=True)):
            offset = (x - box[0], 0.0)
            previous = [frames[0], frame] if index else [frame]
            self.panel(previous, offset, arrows=True)
            x += box[2] - box[0] + PANEL_GAP
            if index < len(frames) - 1:
                top = min(b[1] for b in boxes)
                bottom = max(b[3] for b in boxes)
                mid_y = top + (bottom - top) * 0.45
                ax = x - PANEL_GAP / 2
                self.body.append(
                    f'<path class="step" d="M{svg.num(ax - 7)} {svg.num(mid_y)}'
                    f"H{svg.num(ax + 6)}M{svg.num(ax + 1)} {svg.num(mid_y - 5)}"
                    f'L{svg.num(ax + 6)} {svg.num(mid_y)}L{svg.num(ax + 1)} {svg.num(mid_y + 5)}"/>'
                )

    def animated(
        self, frames: Sequence[Frame], times: Sequence[float], start: Frame, end: Frame
    ) -> None:
        total = times[-1]
        key_times = ";".join(_fraction(t / total) for t in times)
        keys = [s.key for s in frames[0].shapes]
        by_frame = [{s.key: s for s in f.shapes} for f in frames]
        ids: dict[str, str] = {}
        for key in keys:
            last = frames[0].shapes[keys.index(key)]
            values = []
            for shapes in by_frame:
                last = shapes.get(key, last)
                values.append(path(self.camera, last))
                self._grow(bounds(self.camera, last))
            animation = (
                f'<animate attributeName="d" dur="{svg.num(total)}s" repeatCount="indefinite" '
                f'keyTimes="{key_times}" values="{";".join(values)}"/>'
            )
            ids[key] = self._define(values[0], animation if len(set(values)) > 1 else "")
        moving: list[str] = []
        assert self.box is not None
        self._floor(moving, self.box[0] - 8, self.box[2] + 8)
        self._groups(moving, frames[0].shapes, ids)
        self.body.append('<g class="moving">' + "".join(moving) + "</g>")
        still: list[str] = []
        self.panel([start, end], (0.0, 0.0), arrows=True, ghost=start, out=still)
        self.body.append('<g class="still">' + "".join(still) + "</g>")

    def finish(
        self,
        title: str,
        *,
        scale: float = 1.0,
        language: str = "nl",
        box: tuple[float, float, float, float] | None = None,
    ) -> str:
        """The document; ``box`` fixes the frame (x0, y0, x1, y1) instead of fitting it."""
        assert self.box is not None
        if box is not None:
            x0, y0, x1, y1 = box
        else:
            x0, y0, x1, y1 = self.box
            x0, y0, x1, y1 = x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN
        w, h = x1 - x0, y1 - y0
        title_id = f"{self.prefix}-title"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="{svg.num(x0)} {svg.num(y0)} {svg.num(w)} {svg.num(h)}" '
            f'width="{svg.num(w * scale * 2)}" height="{svg.num(h * scale * 2)}" '
            f'role="img" aria-labelledby="{title_id}" lang="{svg.escape(language)}">'
            f'<title id="{title_id}">{svg.escape(title)}</title>'
            f"<style>{STYLE}</style>"
            f'<rect class="bg" x="{svg.num(x0)}" y="{svg.num(y0)}" width="{svg.num(w)}" '
            f'height="{svg.num(h)}" rx="6"/>'
            f"<defs>{''.join(self.defs)}</defs>"
            f"{''.join(self.body)}</svg>"
        )


def thumbnail_box(
    camera: Camera, figure: Figure, frame: Frame
) -> tuple[float, float, float, float]:
    """The thumbnail's frame: ``THUMBNAIL_BOX`` around the body, at the drawing's own scale.

    The body is centred left to right; the floor sits at the same height in every frame
    (seen from above there is no floor, so the body is centred). Props that reach further
    (a wall, a bench's far end) are cut off by the frame rather than shrinking the person.
    """
    body = _union(bounds(camera, s) for s in frame.shapes if s.key.startswith("body."))
    width, height = THUMBNAIL_BOX
    x0 = (body[0] + body[2]) / 2 - width / 2
    if camera.elevation >= 45:
        y0 = (body[1] + body[3]) / 2 - height / 2
    else:
        floor_y = camera.project((0.0, floor_level(figure), 0.0))[1]
        y0 = min(floor_y + THUMBNAIL_FLOOR - height, body[1] - THUMBNAIL_HEADROOM)
    return x0, y0, x0 + width, y0 + height


def _fraction(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def _restyled(shape: Shape, style: str) -> Shape:
    return dataclasses.replace(shape, style=style)


def _union(boxes) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    for b in boxes:
        x0, y0, x1, y1 = min(x0, b[0]), min(y0, b[1]), max(x1, b[2]), max(y1, b[3])
    return x0, y0, x1, y1
