"""An exercise's figure as SVG: the figure, its muscles and dose, drawn by the renderer.

Lives in the library, not in ``figures``, so the figure code never needs to know what an
exercise is (no import cycle between the two).
"""

from __future__ import annotations

import hashlib

from rugcoach.core.figures.render import RENDERER_VERSION, Mode, render_figure
from rugcoach.core.library.exercises import Exercise

__all__ = ["figure_content_version", "render_svg"]


def render_svg(exercise: Exercise, *, mode: Mode = "static", language: str = "nl") -> str:
    """The exercise's figure as an SVG document (see ``render_figure``)."""
    if exercise.figure is None:
        raise ValueError(f"exercise '{exercise.slug}' has no figure")
    return render_figure(
        exercise.figure,
        muscles=[str(m) for m in exercise.muscles],
        dose=exercise.dose,
        mode=mode,
        language=language,
        ident=exercise.slug,
    )


def figure_content_version(exercise: Exercise) -> str:
    """Changes when anything drawn changes: the figure, muscles, dose or the renderer."""
    digest = hashlib.sha256(f"renderer {RENDERER_VERSION}\n".encode())
    if exercise.figure is not None:
        digest.update(exercise.figure.model_dump_json().encode())
    digest.update(exercise.dose.model_dump_json().encode())
    digest.update(",".join(exercise.muscles).encode())
    return digest.hexdigest()[:16]
