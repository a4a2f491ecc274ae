"""Exercise figures as cacheable responses: rendered once per content version.

The URL carries a hash of everything the drawing depends on (the figure's keyframes,
the exercise's muscles and dose, and ``RENDERER_VERSION``, bumped when the drawing
code changes), so a browser may keep a
figure for a year; any change to the content gives a new URL.
"""

from functools import lru_cache
from typing import Literal

from django.urls import reverse

from rugcoach.compression import encoded_copies
from rugcoach.content import get_catalog
from rugcoach.core.library.figure import figure_content_version, render_svg

Mode = Literal["static", "animated", "thumbnail"]
MODES: tuple[Mode, ...] = ("static", "animated", "thumbnail")


@lru_cache(maxsize=512)
def figure_version(slug: str) -> str:
    return figure_content_version(get_catalog().exercises[slug])


@lru_cache(maxsize=512)
def figure_svg(slug: str, mode: Mode, language: str) -> str:
    return render_svg(get_catalog().exercises[slug], mode=mode, language=language)


@lru_cache(maxsize=512)
def figure_svg_copies(slug: str, mode: Mode, language: str) -> dict[str, bytes]:
    """The figure's SVG as bytes, gzipped and brotli-compressed, kept beside the SVG so a
    request never compresses it again (the animated figure: 63 KB, 5 KB gzipped).

    Compressed once and served as is, with no random padding: a figure carries no secret
    and nothing from the request, so there is nothing for a BREACH-style attack to find.
    """
    return encoded_copies(figure_svg(slug, mode, language).encode())


def figure_url(slug: str, mode: Mode, language: str) -> str | None:
    exercise = get_catalog().exercises.get(slug)
    if exercise is None or exercise.figure is None:
        return None
    path = reverse("figure", kwargs={"slug": slug, "mode": mode, "language": language})
    return f"{path}?v={figure_version(slug)}"


def figure_alt(slug: str, language: str) -> str:
    exercise = get_catalog().exercises[slug]
    return exercise.figure.description.get(language) if exercise.figure else ""
