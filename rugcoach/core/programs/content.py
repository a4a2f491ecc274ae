"""The schema and loader of ``content/programs/*.yaml``: one ready-made program per file.

A program is a fixed list of sessions on numbered days (day 1..N, no gaps). Each session
lists items: an exercise from the library with its dose (the fields of
``core.schedule.Prescription``; tempo and breathing pace come from the library, so the
player paces them), optionally a ``gentler`` variant (after pain) and ``instead`` slugs
(in order) for a member who may not do the exercise. The loader cross-checks every slug,
every program slug it names, the day numbers, the keys and each session's time against
the program's stated minutes (docs/programs.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from rugcoach.core.kernel.content_io import ContentError, read_yaml, validate_model
from rugcoach.core.kernel.frozen import Frozen
from rugcoach.core.kernel.ids import Slug
from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Condition, Equipment
from rugcoach.core.library.exercises import Dose, Exercise
from rugcoach.core.planner.dose import TRANSITION_SECONDS, item_seconds
from rugcoach.core.planner.profile import Trigger
from rugcoach.core.triage.conditions import Level

__all__ = [
    "FIT_MIN_SECONDS",
    "FIT_SHARE",
    "MAX_SLUG_LENGTH",
    "Gentler",
    "Instead",
    "ItemDose",
    "NotFor",
    "Otherwise",
    "Program",
    "ProgramItem",
    "ProgramSession",
    "ProgramsContent",
    "Source",
    "Suggestion",
    "Theme",
    "dose_seconds",
    "fits",
    "load_programs",
]

Kind = Literal["challenge", "plan", "circuit", "routine"]
Role = Literal["warm-up", "main", "cool-down"]

FIT_SHARE = 0.2
"""A session fits its program's stated minutes when its time (the planner's time model)
lies within this share of them either way …"""
FIT_MIN_SECONDS = 60
"""… and never tighter than this many seconds (a 5-minute day runs 4 to 6 minutes, a
2-minute break 1 to 3)."""


MIN_REPS = 3
"""A substitute shortened to fit keeps at least this many repetitions …"""
MIN_SECONDS = 10
"""… or a hold or timed block of at least this many seconds."""


def fits(seconds: int, minutes: int) -> bool:
    """Whether a session of ``seconds`` fits a program that states ``minutes``."""
    return abs(seconds - minutes * 60) <= max(FIT_MIN_SECONDS, math.floor(minutes * 60 * FIT_SHARE))


def fits_under(seconds: int, minutes: int) -> bool:
    """Never longer than the stated minutes allow (a member's substitutes may be shorter)."""
    return seconds <= minutes * 60 + max(FIT_MIN_SECONDS, math.floor(minutes * 60 * FIT_SHARE))


class Theme(StrEnum):
    """What a session works on (the challenge's four weeks move through them)."""

    MOBILITY = "mobility"
    ACTIVATION = "activation"
    STABILITY = "stability"
    STRENGTH = "strength"
    BREATHE = "breathe"
    RECOVERY = "recovery"
    RELAX = "relax"


class ItemDose(Frozen):
    """How much, once: the fields of ``Prescription`` (tempo and breathing pace are the
    library's). ``per_side`` and ``rest_seconds`` default to the library's dose."""

    sets: int = Field(ge=1, le=6)
    reps: int | None = Field(default=None, ge=1, le=60)
    hold_seconds: int | None = Field(default=None, ge=1, le=300)
    duration_seconds: int | None = Field(default=None, ge=1, le=900)
    per_side: bool | None = None
    rest_seconds: int | None = Field(default=None, ge=0, le=300)

    @model_validator(mode="after")
    def _one_measure(self) -> ItemDose:
        if self.reps is None and self.hold_seconds is None and self.duration_seconds is None:
            raise ValueError("give reps, hold_seconds or duration_seconds")
        if self.duration_seconds is not None and (self.reps or self.hold_seconds):
            raise ValueError("duration_seconds stands alone (no reps or hold with it)")
        return self


def _slug_or_entry(value: object) -> object:
    """Let authors write ``- side-plank-knee`` or ``- {slug: …, dose: …}``."""
    return {"slug": value} if isinstance(value, str) else value


class Instead(Frozen):
    """An exercise to take when the member may not do the item's own."""

    slug: Slug
    dose: ItemDose | None = Field(
        default=None,
        description="None: the library's base dose, its sets lowered until it takes no "
        "longer than the item it replaces (never below one set)",
    )
    why: Text | None = Field(default=None, description="default: the exercise's goal")


InsteadEntry = Annotated[Instead, BeforeValidator(_slug_or_entry)]


class Gentler(Frozen):
    """The lighter variant after pain: another exercise, a lighter dose, or both."""

    slug: Slug | None = None
    dose: ItemDose | None = None

    @model_validator(mode="after")
    def _something(self) -> Gentler:
        if self.slug is None and self.dose is None:
            raise ValueError("give a slug, a dose or both")
        return self


class ProgramItem(Frozen):
    slug: Slug
    role: Role = "main"
    dose: ItemDose
    why: Text | None = Field(
        default=None, description="why this exercise today; default: the exercise's goal"
    )
    gentler: Gentler | None = None
    instead: tuple[InsteadEntry, ...] = Field(
        default=(), description="in order of preference, for a member who may not do it"
    )


class ProgramSession(Frozen):
    key: str = Field(pattern=r"^d[0-9]{2}$", description="'d01', 'd02', …: logs point at it")
    day: int = Field(ge=1, le=90)
    title: Text
    theme: Theme
    items: tuple[ProgramItem, ...] = Field(min_length=1)
    advice: tuple[Text, ...] = Field(default=(), description="e.g. heat, a walk of N minutes")


class Suggestion(Frozen):
    """Who a page (a verdict, the plan) suggests this program to."""

    levels: tuple[Level, ...] = ()
    triggers: tuple[Trigger, ...] = ()


class NotFor(Frozen):
    """A condition that rules the whole program out, with where to go instead."""

    condition: Condition
    reason: Text
    instead: Slug | None = None


class Otherwise(Frozen):
    """What a member reads when the verdict's level is not among ``levels``, or too few
    exercises are left for them; ``instead`` is offered only to a member who may train."""

    reason: Text
    instead: Slug | None = None


class Source(Frozen):
    section: str = Field(min_length=1, description="the guide's section, e.g. '7' or '9.6'")
    clinical: str | None = Field(default=None, description="clinical-reference section of a rule")
    note: str | None = None


class Program(Frozen):
    slug: Slug
    kind: Kind
    name: Text
    summary: Text
    who_for: Text
    dose: Text = Field(description="e.g. '5 minuten per dag, 30 dagen'")
    minutes: int = Field(ge=1, le=60, description="stated minutes per session")
    per_week: int | None = Field(default=None, ge=1, le=7, description="None: daily / any time")
    ongoing: bool = Field(
        default=False,
        description="a routine to keep doing: after its last day it starts again at day 1",
    )
    levels: tuple[Level, ...] = Field(min_length=1)
    suggested_for: Suggestion = Suggestion()
    not_for: tuple[NotFor, ...] = ()
    otherwise: Otherwise
    keep_at_least: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="share of a session's items a member must be able to do (with "
        "`instead`), else the program is not for them now",
    )
    equipment: tuple[Equipment, ...] = ()
    sessions: tuple[ProgramSession, ...] = Field(min_length=1)
    source: Source

    @field_validator("levels")
    @classmethod
    def _training_levels(cls, levels: tuple[Level, ...]) -> tuple[Level, ...]:
        if any(not level.allows_training for level in levels):
            raise ValueError("only levels that allow training")
        return levels

    @field_validator("sessions")
    @classmethod
    def _numbered(cls, sessions: tuple[ProgramSession, ...]) -> tuple[ProgramSession, ...]:
        days = [s.day for s in sessions]
        if days != list(range(1, len(days) + 1)):
            raise ValueError(f"days must run 1, 2, … in order without gaps, not {days}")
        for session in sessions:  # unique keys follow: one key per day
            if session.key != f"d{session.day:02d}":
                raise ValueError(f"day {session.day} must have the key 'd{session.day:02d}'")
        return sessions

    @property
    def days(self) -> int:
        return len(self.sessions)

    def session(self, key: str) -> ProgramSession | None:
        return next((s for s in self.sessions if s.key == key), None)

    def item(self, item_key: str) -> ProgramItem | None:
        """The content item behind a schedule item's key ('d03.2')."""
        session_key, _, number = item_key.partition(".")
        session = self.session(session_key)
        if session is None or not number.isdigit() or not 1 <= int(number) <= len(session.items):
            return None
        return session.items[int(number) - 1]


@dataclass(frozen=True)
class ProgramsContent:
    programs: Mapping[str, Program] = field(default_factory=dict)


def dose_seconds(dose: Dose, item: ItemDose) -> int:
    """An item's time in the planner's time model (``planner.dose.item_seconds``)."""
    return item_seconds(
        dose,
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        duration_seconds=item.duration_seconds,
        per_side=dose.per_side if item.per_side is None else item.per_side,
        rest_seconds=dose.rest_seconds if item.rest_seconds is None else item.rest_seconds,
    )


# A program's slug is stored in Enrollment.program (48) and, as '<slug>/d01', in
# TrainingSession.session_key (32 characters): 24 leaves room for '/d' and the day number.
MAX_SLUG_LENGTH = 24


def load_programs(content_dir: Path, exercises: Mapping[str, Exercise]) -> ProgramsContent:
    """Read every ``content/programs/*.yaml`` (slug = file name) and cross-check them."""
    root = content_dir.parent
    problems: list[str] = []
    programs: dict[str, Program] = {}
    for path in sorted((content_dir / "programs").glob("*.yaml")):
        where = str(path.relative_to(root))
        data: Any = read_yaml(path, root, problems)
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(f"{where}: (top level): expected a mapping")
            continue
        if data.setdefault("slug", path.stem) != path.stem:
            problems.append(f"{where}: slug: '{data['slug']}' must match the file name")
            continue
        if len(path.stem) > MAX_SLUG_LENGTH:
            problems.append(
                f"{where}: slug: '{path.stem}' has {len(path.stem)} characters; at most "
                f"{MAX_SLUG_LENGTH} (a session is stored as '<slug>/dNN' in 32): rename the file"
            )
            continue
        program = validate_model(Program, data, where, problems)
        if program is not None:
            programs[program.slug] = program
    # Cross-references count every file, so one invalid program is reported once, not
    # again by every program that names it.
    known = {path.stem for path in (content_dir / "programs").glob("*.yaml")}
    for slug, program in programs.items():
        problems.extend(_problems(program, f"content/programs/{slug}.yaml", known, exercises))
    if problems:
        raise ContentError(problems)
    return ProgramsContent(programs=programs)


def substitute_dose(replaced: int, dose: Dose) -> ItemDose:
    """An ``instead`` without its own dose: the library's base dose (the low end of every
    range), with sets lowered until it takes no longer than the item it replaces
    (``replaced`` seconds), never below one set."""

    def low(value: Any) -> int | None:
        return None if value is None else int(value.low)

    base = ItemDose(
        sets=dose.sets.low,
        reps=low(dose.reps),
        hold_seconds=low(dose.hold_seconds),
        duration_seconds=low(dose.duration_seconds) if dose.reps is None else None,
    )
    while base.sets > 1 and dose_seconds(dose, base) > replaced:
        base = base.model_copy(update={"sets": base.sets - 1})
    seconds = dose_seconds(dose, base)
    if seconds <= replaced:
        return base
    # One set is still longer: shorten it in proportion (fewer reps, a shorter hold).
    share = replaced / seconds
    if base.reps is not None:
        return base.model_copy(update={"reps": max(MIN_REPS, math.floor(base.reps * share))})
    measure = "hold_seconds" if base.hold_seconds is not None else "duration_seconds"
    now = getattr(base, measure) or 0
    shorter = max(MIN_SECONDS, math.floor(now * share / 5) * 5)
    return base.model_copy(update={measure: min(now, shorter)})


def _problems(
    program: Program,
    where: str,
    programs: set[str],
    exercises: Mapping[str, Exercise],
) -> list[str]:
    problems: list[str] = []
    for n, entry in enumerate(program.not_for):
        if entry.instead is not None and entry.instead not in programs:
            problems.append(f"{where}: not_for.{n}.instead: unknown program '{entry.instead}'")
        if entry.instead == program.slug:
            problems.append(f"{where}: not_for.{n}.instead: names the program itself")
    if program.otherwise.instead is not None:
        if program.otherwise.instead not in programs:
            problems.append(
                f"{where}: otherwise.instead: unknown program '{program.otherwise.instead}'"
            )
        elif program.otherwise.instead == program.slug:
            problems.append(f"{where}: otherwise.instead: names the program itself")
    for level in program.suggested_for.levels:
        if level not in program.levels:
            problems.append(f"{where}: suggested_for.levels: {level} is not in levels")
    for s, session in enumerate(program.sessions):
        at = f"{where}: sessions.{s}"
        seconds = 0
        longest = 0
        for i, item in enumerate(session.items):
            exercise = exercises.get(item.slug)
            if exercise is None:
                problems.append(f"{at}.items.{i}.slug: unknown exercise '{item.slug}'")
                continue
            own = dose_seconds(exercise.dose, item.dose)
            seconds += own
            worst = own
            problems.extend(_gentler_problems(item, own, exercises, f"{at}.items.{i}.gentler"))
            for n, other in enumerate(item.instead):
                substitute = exercises.get(other.slug)
                if substitute is None:
                    problems.append(f"{at}.items.{i}.instead.{n}: unknown exercise '{other.slug}'")
                    continue
                if other.slug == item.slug:
                    problems.append(f"{at}.items.{i}.instead.{n}: names the item's own exercise")
                taken = other.dose or substitute_dose(own, substitute.dose)
                worst = max(worst, dose_seconds(substitute.dose, taken))
            longest += worst - own
        seconds += TRANSITION_SECONDS * (len(session.items) - 1)
        if not fits(seconds, program.minutes):
            problems.append(
                f"{at} ({session.key}): takes {seconds} s, which does not fit "
                f"minutes: {program.minutes}"
            )
        elif not fits_under(seconds + longest, program.minutes):
            problems.append(
                f"{at} ({session.key}): with its `instead` exercises it can take "
                f"{seconds + longest} s, more than minutes: {program.minutes} allows"
            )
    return problems


def _gentler_problems(
    item: ProgramItem, own: int, exercises: Mapping[str, Exercise], at: str
) -> list[str]:
    """The gentler variant exists and takes no longer than the item itself."""
    gentler = item.gentler
    if gentler is None:
        return []
    slug = gentler.slug or item.slug
    exercise = exercises.get(slug)
    if exercise is None:
        return [f"{at}.slug: unknown exercise '{slug}'"]
    if gentler.dose is not None and dose_seconds(exercise.dose, gentler.dose) > own:
        return [f"{at}.dose: takes longer than the item itself ({own} s)"]
    return []
