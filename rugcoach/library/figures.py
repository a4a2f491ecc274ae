"""Exercise figures as cacheable responses: rendered once per content version.

The URL carries a hash of everything the drawing depends on (the figure's keyframes,
the exercise's muscles and dose, the renderer's own code), so a browser may keep a
figure for a year; any change to the content gives a new URL.
"""

import hashlib
import inspect
from functools import lru_cache
from typing import Literal

from django.urls import reverse

from rugcoach.content import get_catalog
from rugcoach.core.figures import render as renderer

Mode = Literal["static", "animated", "thumbnail"]
MODES: tuple[Mode, ...] = ("static", "animated", "thumbnail")


@lru_cache(maxsize=1)
def _renderer_version() -> str:
    """Changes whenever the figure code changes, so cached figures are redrawn."""
    digest = hashlib.sha256()
    for module in sorted(_figure_modules(), key=lambda m: m.__name__):
        digest.update(inspect.getsource(module).encode())
    return digest.hexdigest()[:12]


def _figure_modules() -> list[object]:
    import sys

    return [m for name, m in sys.modules.items() if name.startswith("rugcoach.core.figures")]


@lru_cache(maxsize=512)
def figure_version(slug: str) -> str:
    exercise = get_catalog().exercises[slug]
    assert exercise.figure is not None
    digest = hashlib.sha256(_renderer_version().encode())
    digest.update(exercise.figure.model_dump_json().encode())
    digest.update(exercise.dose.model_dump_json().encode())
    digest.update(",".join(exercise.muscles).encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=512)
def figure_svg(slug: str, mode: Mode, language: str) -> str:
    return renderer.render_svg(get_catalog().exercises[slug], mode=mode, language=language)


def figure_url(slug: str, mode: Mode, language: str) -> str | None:
    exercise = get_catalog().exercises.get(slug)
    if exercise is None or exercise.figure is None:
        return None
    path = reverse("figure", kwargs={"slug": slug, "mode": mode, "language": language})
    return f"{path}?v={figure_version(slug)}"


def figure_alt(slug: str, language: str) -> str:
    exercise = get_catalog().exercises[slug]
    return exercise.figure.description.get(language) if exercise.figure else ""
