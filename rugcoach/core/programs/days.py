"""A program's days: which session comes next, the lighter repeat after pain, the streak
and the summary. Pure; the dates come from the caller (``today``), so tests control them.

The rules (docs/programs.md):

- **Pick up where you left off.** The next session is the first one, by day, that is not
  done yet: calendar days without a session never skip content. An ``ongoing`` routine
  starts again at day 1 after its last day.
- **Pain can hold, never speed up.** When the last session done shows R1 (the session's
  peak or an exercise's pain above ``bands.acceptable_max``), E2 (an exercise "hurt" with
  its pain above the safe band, or without a score) or R2 (the next morning worse than
  before, unless it passed: R5), the next session is that day again, lighter
  (``gentler_session``), with those rules' texts from ``content/progression.yaml``. The
  tests are the progression engine's (``worse_after``, the bands): one home.
- A repeat done without trouble moves on; a program is finished when every day was done
  once (then no pain holds it: finishing never asks for more training).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rugcoach.core.kernel.text import Text
from rugcoach.core.library.exercises import Exercise
from rugcoach.core.planner.content import fill
from rugcoach.core.programs.build import prescription_for, session_seconds
from rugcoach.core.programs.content import (
    MIN_REPS,
    MIN_SECONDS,
    ItemDose,
    Program,
    substitute_dose,
)
from rugcoach.core.progress.days import streak
from rugcoach.core.progression.content import ProgressionContent, RuleId
from rugcoach.core.progression.engine import clearly_worse, worse_after
from rugcoach.core.progression.models import CheckIn, ExerciseLog, Reason, SessionLog
from rugcoach.core.schedule import Item, Prescription, PrescriptionVersion, ScheduleSession, Source

__all__ = [
    "DayDone",
    "NextDay",
    "Standing",
    "Summary",
    "gentler_day",
    "gentler_session",
    "held_in_a_row",
    "lighter",
    "next_day",
    "physio_first",
    "standing",
    "summary",
    "trouble",
]


@dataclass(frozen=True)
class DayDone:
    """One session of the program the member played (finished or stopped part-way)."""

    key: str
    on: date
    log: SessionLog | None


@dataclass(frozen=True)
class NextDay:
    key: str | None
    """None: the program is finished."""
    repeat: bool
    gentler: bool
    reasons: tuple[Reason, ...]


def _in_order(program: Program, done: Sequence[DayDone]) -> list[DayDone]:
    """The program's sessions done, oldest first (ties keep the caller's order)."""
    keys = {s.key for s in program.sessions}
    ordered = sorted(enumerate(done), key=lambda pair: (pair[1].on, pair[0]))
    return [day for _, day in ordered if day.key in keys]


def trouble(
    log: SessionLog,
    rules: ProgressionContent,
    check_ins: Sequence[CheckIn] = (),
    until: date | None = None,
) -> tuple[Reason, ...]:
    """The rules that hold a program after this session: R1, E2, R2 (in that order). R2
    also when a check-in after it (up to ``until``, the next session's day) said "clearly
    worse 24-48 h after my last session" (the engine's ``clearly_worse``: one home)."""
    bands = rules.bands
    fired: list[RuleId] = []
    pains = [log.peak, *(e.pain for e in log.exercises if e.pain is not None)]
    if max(pains) > bands.acceptable_max:
        fired.append("R1")
    elif any(_hurt(e, rules) for e in log.exercises):
        fired.append("E2")
    later = [c for c in check_ins if until is None or c.on <= until]
    if worse_after(log, rules) or clearly_worse(later, log.on):
        fired.append("R2")
    return tuple(Reason(rule=rule, text=rules.rules[rule].text) for rule in fired)


def _hurt(log: ExerciseLog, rules: ProgressionContent) -> bool:
    """'It hurt', unless the member scored that pain within the safe band."""
    return log.outcome == "hurt" and (log.pain is None or log.pain > rules.bands.safe_max)


def _too_much(log: ExerciseLog, rules: ProgressionContent) -> bool:
    return _hurt(log, rules) or (log.pain is not None and log.pain > rules.bands.acceptable_max)


def next_day(
    program: Program,
    done: Sequence[DayDone],
    rules: ProgressionContent,
    check_ins: Sequence[CheckIn] = (),
) -> NextDay:
    """The session to play next (see the module's docstring for the rules). ``check_ins``:
    the member's check-ins (their "clearly worse after my last session" holds it too)."""
    history = _in_order(program, done)
    keys = [s.key for s in program.sessions]
    completed = {day.key for day in history}
    if not history:
        return NextDay(key=keys[0], repeat=False, gentler=False, reasons=())
    everything = completed >= set(keys)
    if everything and not program.ongoing:
        return NextDay(key=None, repeat=False, gentler=False, reasons=())
    last = history[-1]
    reasons = trouble(last.log, rules, check_ins) if last.log is not None else ()
    if reasons:
        return NextDay(key=last.key, repeat=True, gentler=True, reasons=reasons)
    if everything:  # an ongoing routine goes round again
        following = keys[(keys.index(last.key) + 1) % len(keys)]
        return NextDay(key=following, repeat=False, gentler=False, reasons=())
    first_open = next(key for key in keys if key not in completed)
    return NextDay(key=first_open, repeat=False, gentler=False, reasons=())


HOLDS_FOR_PHYSIO: frozenset[RuleId] = frozenset({"R1", "R2"})
"""The rules whose held days count towards "see a physiotherapist" (E2 alone does not)."""


def held_in_a_row(
    program: Program,
    done: Sequence[DayDone],
    rules: ProgressionContent,
    check_ins: Sequence[CheckIn] = (),
) -> int:
    """How many of the last days played, in a row, R1 or R2 held (newest back)."""
    history = _in_order(program, done)
    count = 0
    for position in range(len(history) - 1, -1, -1):
        day = history[position]
        until = history[position + 1].on if position + 1 < len(history) else None
        fired = trouble(day.log, rules, check_ins, until) if day.log is not None else ()
        if not any(reason.rule in HOLDS_FOR_PHYSIO for reason in fired):
            break
        count += 1
    return count


def physio_first(
    program: Program,
    done: Sequence[DayDone],
    rules: ProgressionContent,
    check_ins: Sequence[CheckIn] = (),
) -> Reason | None:
    """R4 when ``programs.physio_after_held_days`` days in a row were held by pain (R1) or
    a worse back after the session (R2): stop and see a physiotherapist. The caller
    passes only the days since the member's latest full check (a new check lifts it)."""
    if held_in_a_row(program, done, rules, check_ins) >= rules.programs.physio_after_held_days:
        return Reason(rule="R4", text=rules.rules["R4"].text)
    return None


def lighter(p: Prescription) -> Prescription:
    """One set fewer; at one set, a third less of its measure (never below ``MIN_REPS``
    repetitions or ``MIN_SECONDS`` seconds, and never more than it was)."""
    if p.sets > 1:
        return p.model_copy(update={"sets": p.sets - 1, "rung": None})
    if p.reps is not None:
        return p.model_copy(
            update={"reps": min(p.reps, max(MIN_REPS, math.ceil(p.reps * 2 / 3))), "rung": None}
        )
    measure = "hold_seconds" if p.hold_seconds is not None else "duration_seconds"
    now = getattr(p, measure) or 0
    shorter = max(MIN_SECONDS, math.floor(now * 2 / 3 / 5) * 5)
    return p.model_copy(update={measure: min(now, shorter), "rung": None})


def gentler_session(
    session: ScheduleSession,
    log: SessionLog,
    program: Program,
    exercises: Mapping[str, Exercise],
    *,
    rules: ProgressionContent,
    allowed: frozenset[str] | None = None,
) -> ScheduleSession:
    """``gentler_day``'s session (without the list of what was left out)."""
    return gentler_day(session, log, program, exercises, rules=rules, allowed=allowed).session


@dataclass(frozen=True)
class GentlerDay:
    session: ScheduleSession
    dropped: tuple[Text, ...]
    """Per item left out (already at its lightest, nothing gentler allowed): why."""


def gentler_day(
    session: ScheduleSession,
    log: SessionLog,
    program: Program,
    exercises: Mapping[str, Exercise],
    *,
    rules: ProgressionContent,
    allowed: frozenset[str] | None = None,
    reasons: Sequence[Reason] = (),
) -> GentlerDay:
    """The session again, lighter where it hurt: the items the log says hurt (or went
    above the band); when none is named (a high peak, a worse morning), every main item.

    Each starts from the dose the member PLAYED that day (the log's prescription, and its
    exercise), so repeated bad days keep going down: the content's ``gentler`` (another
    exercise only when ``allowed`` has it: pass ``ForMember.allowed``), else ``lighter``.
    An exercise already at its lightest is swapped for its ``gentler`` or first allowed
    ``instead`` exercise, or left out, with the reason. ``rules``: bands and texts;
    ``reasons``: why the day is held (``NextDay.reasons``), for items none of the log's
    rules name."""
    by_key = {e.item_key: e for e in log.exercises}
    named = {key for key, e in by_key.items() if _too_much(e, rules)}
    # ``reasons``: the NextDay's (a check-in's R2 is not in the log itself).
    held = trouble(log, rules) or tuple(reasons)
    fallback = held[0] if held else Reason(rule="E2", text=rules.rules["E2"].text)
    used = {item.slug for item in session.items}
    items: list[Item] = []
    dropped: list[Text] = []
    for item in session.items:
        hurt_here = item.key in named
        if (named and not hurt_here) or (not named and item.role != "main"):
            items.append(item.model_copy(update={"order": len(items)}))
            continue
        entry = by_key.get(item.key)
        if entry is not None and entry.pain is not None and entry.pain > rules.bands.acceptable_max:
            reason = Reason(rule="R1", text=rules.rules["R1"].text)
        elif hurt_here:
            reason = Reason(rule="E2", text=rules.rules["E2"].text)
        else:
            reason = fallback
        lowered = _gentler_item(item, entry, program, exercises, reason, allowed, used)
        if lowered is None:
            content = program.item(item.key)
            name = exercises[item.slug].name if item.slug in exercises else None
            if content is not None and name is not None:
                dropped.append(fill(rules.programs.dropped, exercise=name, reason=reason.text))
            continue
        used.add(lowered.slug)
        items.append(lowered.model_copy(update={"order": len(items)}))
    lowered_session = session.model_copy(update={"items": tuple(items)})
    seconds = session_seconds(lowered_session, exercises)
    return GentlerDay(lowered_session.model_copy(update={"seconds": seconds}), tuple(dropped))


def _gentler_item(
    item: Item,
    entry: ExerciseLog | None,
    program: Program,
    exercises: Mapping[str, Exercise],
    reason: Reason,
    allowed: frozenset[str] | None,
    used: set[str],
) -> Item | None:
    """The item one step gentler than what was played; None: nothing gentler is left."""
    content = program.item(item.key)
    gentler = content.gentler if content is not None else None

    def may(slug: str) -> bool:
        return slug in exercises and (allowed is None or slug in allowed)

    # What the member played that day (a gentler exercise on an earlier repeat, too).
    played_slug = item.slug
    played = item.prescription
    if entry is not None and may(entry.slug):
        played_slug, played = entry.slug, entry.prescription
    base_played = played_slug == item.slug and played == item.prescription
    own = content is not None and content.slug == played_slug
    # The content's gentler exercise, the first step down from the program's own one.
    if own and gentler is not None and gentler.slug not in (None, played_slug):
        assert gentler.slug is not None
        if may(gentler.slug) and gentler.slug not in used:
            dose = gentler.dose if base_played else None
            return _swapped(item, played_slug, played, gentler.slug, dose, exercises, reason)
    if own and base_played and gentler is not None and gentler.dose is not None:
        prescription = prescription_for(exercises[played_slug].dose, gentler.dose)
    else:
        prescription = lighter(played)
    if prescription != played:
        if played_slug != item.slug:
            return _with_version(item, played_slug, prescription, reason, "progression-swap")
        return _with_version(item, played_slug, prescription, reason, "progression")
    # Already at its lightest: another exercise with the same purpose, else leave it out.
    others = []
    if content is not None:
        if gentler is not None and gentler.slug is not None:
            others.append(gentler.slug)
        others.extend(other.slug for other in content.instead)
    for other in others:
        if other != played_slug and may(other) and other not in used:
            return _swapped(item, played_slug, played, other, None, exercises, reason)
    return None


def _swapped(
    item: Item,
    played_slug: str,
    played: Prescription,
    slug: str,
    dose: ItemDose | None,
    exercises: Mapping[str, Exercise],
    reason: Reason,
) -> Item:
    """``item`` as another exercise, no longer than what was played."""
    other = exercises[slug]
    if dose is None:
        now = session_seconds(item_session(_with_played(item, played_slug, played)), exercises)
        dose = substitute_dose(now, other.dose)
    return _with_version(
        item, slug, prescription_for(other.dose, dose), reason, "progression-swap", step="gentler"
    )


def _with_played(item: Item, slug: str, played: Prescription) -> Item:
    version = PrescriptionVersion(
        number=len(item.versions) + 1, prescription=played, reason=item.reason, source="planner"
    )
    return item.model_copy(update={"slug": slug, "versions": (*item.versions, version)})


def _with_version(
    item: Item,
    slug: str,
    prescription: Prescription,
    reason: Reason,
    source: Source,
    step: str | None = None,
) -> Item:
    version = PrescriptionVersion(
        number=len(item.versions) + 1, prescription=prescription, reason=reason.text, source=source
    )
    update: dict[str, object] = {"versions": (*item.versions, version)}
    if slug != item.slug:
        base = item.replaces or item.slug
        update.update(slug=slug, replaces=base, reason=reason.text, step=step or "gentler")
    return item.model_copy(update=update)


def item_session(item: Item) -> ScheduleSession:
    """One item as a session of its own (to time it with ``session_seconds``)."""
    return ScheduleSession(key="one", day_offset=0, order=0, seconds=0, items=(item,))


@dataclass(frozen=True)
class Standing:
    done_days: int
    total_days: int
    streak: int
    missed: int
    """Calendar days since the first session without one (informational, never a rule)."""
    finished: bool
    minutes: int


def _minutes(history: Sequence[DayDone], minutes_by_key: Mapping[str, int]) -> int:
    return sum(minutes_by_key.get(day.key, 0) for day in history)


def standing(
    program: Program,
    done: Sequence[DayDone],
    today: date,
    minutes_by_key: Mapping[str, int],
) -> Standing:
    """Where the member stands today. The streak is the progress page's
    (``core.progress.days.streak``) without rest days: a daily program's streak breaks
    on a day without a session; today counts once it is over."""
    history = _in_order(program, done)
    keys = {s.key for s in program.sessions}
    completed = {day.key for day in history}
    trained = {day.on for day in history}
    missed = 0
    if history:
        first = history[0].on
        missed = sum(
            1 for n in range((today - first).days) if first + timedelta(days=n) not in trained
        )
    return Standing(
        done_days=len(completed),
        total_days=len(keys),
        streak=streak(trained, today, rest_days=0),
        missed=missed,
        finished=completed >= keys,
        minutes=_minutes(history, minutes_by_key),
    )


@dataclass(frozen=True)
class Summary:
    first_pain: int | None
    last_pain: int | None
    """None until a second session with a log."""
    minutes: int
    days: int


def summary(done: Sequence[DayDone], minutes_by_key: Mapping[str, int]) -> Summary:
    """Pain before the first session against before the last (the sessions' baselines),
    the minutes trained and the number of program days done."""
    history = [day for _, day in sorted(enumerate(done), key=lambda p: (p[1].on, p[0]))]
    logged = [day.log for day in history if day.log is not None]
    return Summary(
        first_pain=logged[0].baseline if logged else None,
        last_pain=logged[-1].baseline if len(logged) > 1 else None,
        minutes=_minutes(history, minutes_by_key),
        days=len({day.key for day in history}),
    )
