"""The generic printable poster's content: which exercises, and the 4-week schedule text."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from rugcoach.core.kernel.content_io import ContentError, read_yaml, validate_model
from rugcoach.core.kernel.frozen import Frozen as _Frozen
from rugcoach.core.kernel.ids import Slug
from rugcoach.core.kernel.text import Text


class ScheduleBlock(_Frozen):
    title: Text
    text: Text


class Poster(_Frozen):
    title: Text
    subtitle: Text
    exercises: tuple[Slug, ...] = Field(min_length=1, max_length=12)
    schedule: tuple[ScheduleBlock, ...] = ()


class PosterContent(_Frozen):
    generic: Poster


def load_posters(content_dir: Path, known_slugs: set[str]) -> PosterContent:
    path = content_dir / "posters.yaml"
    where = str(path.relative_to(content_dir.parent))
    problems: list[str] = []
    posters = validate_model(
        PosterContent, read_yaml(path, content_dir.parent, problems), where, problems
    )
    if posters is not None:
        for slug in posters.generic.exercises:
            if slug not in known_slugs:
                problems.append(f"{where}: generic.exercises: unknown exercise '{slug}'")
    if problems or posters is None:
        raise ContentError(problems or [f"{where}: empty"])
    return posters
