"""The generic printable poster's content: which exercises, and the 4-week schedule."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator

from rugcoach.core.kernel.content_io import ContentError, read_yaml, validate_model
from rugcoach.core.kernel.frozen import Frozen as _Frozen
from rugcoach.core.kernel.ids import Slug
from rugcoach.core.kernel.text import Text


class ScheduleWeek(_Frozen):
    """One row of the printed schedule: the week, its focus, and per day the exercises."""

    title: Text
    focus: Text
    sessions: tuple[tuple[Slug, ...], ...] = Field(min_length=1)


class Schedule(_Frozen):
    """Weeks × training days, printed as a table (issue 11 §2: a real schedule, not prose)."""

    title: Text
    note: Text
    source: str = Field(min_length=1, description="where the schedule comes from (the guide)")
    days: tuple[Text, ...] = Field(min_length=1, max_length=7)
    weeks: tuple[ScheduleWeek, ...] = Field(min_length=1, max_length=6)

    @model_validator(mode="after")
    def _a_cell_per_day(self) -> Schedule:
        for week in self.weeks:
            if len(week.sessions) != len(self.days):
                raise ValueError(
                    f"{week.title.en}: {len(week.sessions)} sessions for {len(self.days)} days"
                )
        return self


class Poster(_Frozen):
    title: Text
    subtitle: Text
    exercises: tuple[Slug, ...] = Field(min_length=1, max_length=12)
    schedule: Schedule


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
        generic = posters.generic
        for slug in generic.exercises:
            if slug not in known_slugs:
                problems.append(f"{where}: generic.exercises: unknown exercise '{slug}'")
        # The schedule only uses exercises the poster shows, so every name on it has a card.
        on_poster = set(generic.exercises)
        for week in generic.schedule.weeks:
            for slug in {slug for session in week.sessions for slug in session} - on_poster:
                problems.append(
                    f"{where}: generic.schedule: {week.title.en} uses '{slug}', "
                    "which is not in generic.exercises"
                )
    if problems or posters is None:
        raise ContentError(problems or [f"{where}: empty"])
    return posters
