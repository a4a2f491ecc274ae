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

from rugcoach.core.library.exercises import Exercise
from rugcoach.core.programs.build import prescription_for, session_seconds
from rugcoach.core.programs.content import MIN_REPS, MIN_SECONDS, Program, substitute_dose
from rugcoach.core.progress.days import streak
from rugcoach.core.progression.content import ProgressionContent, RuleId
from rugcoach.core.progression.engine import worse_after
from rugcoach.core.progression.models import ExerciseLog, Reason, SessionLog
from rugcoach.core.schedule import Item, Prescription, PrescriptionVersion, ScheduleSession

__all__ = [
    "DayDone",
    "NextDay",
    "Standing",
    "Summary",
    "gentler_session",
    "lighter",
    "next_day",
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


def trouble(log: SessionLog, rules: ProgressionContent) -> tuple[Reason, ...]:
    """The rules that hold a program after this session: R1, E2, R2 (in that order)."""
    bands = rules.bands
    fired: list[RuleId] = []
    pains = [log.peak, *(e.pain for e in log.exercises if e.pain is not None)]
    if max(pains) > bands.acceptable_max:
        fired.append("R1")
    elif any(_hurt(e, rules) for e in log.exercises):
        fired.append("E2")
    if worse_after(log, rules):
        fired.append("R2")
    return tuple(Reason(rule=rule, text=rules.rules[rule].text) for rule in fired)


def _hurt(log: ExerciseLog, rules: ProgressionContent) -> bool:
    """'It hurt', unless the member scored that pain within the safe band."""
    return log.outcome == "hurt" and (log.pain is None or log.pain > rules.bands.safe_max)


def _too_much(log: ExerciseLog, rules: ProgressionContent) -> bool:
    return _hurt(log, rules) or (log.pain is not None and log.pain > rules.bands.acceptable_max)


def next_day(program: Program, done: Sequence[DayDone], rules: ProgressionContent) -> NextDay:
    """The session to play next (see the module's docstring for the rules)."""
    history = _in_order(program, done)
    keys = [s.key for s in program.sessions]
    completed = {day.key for day in history}
    if not history:
        return NextDay(key=keys[0], repeat=False, gentler=False, reasons=())
    everything = completed >= set(keys)
    if everything and not program.ongoing:
        return NextDay(key=None, repeat=False, gentler=False, reasons=())
    last = history[-1]
    reasons = trouble(last.log, rules) if last.log is not None else ()
    if reasons:
        return NextDay(key=last.key, repeat=True, gentler=True, reasons=reasons)
    if everything:  # an ongoing routine goes round again
        following = keys[(keys.index(last.key) + 1) % len(keys)]
        return NextDay(key=following, repeat=False, gentler=False, reasons=())
    first_open = next(key for key in keys if key not in completed)
    return NextDay(key=first_open, repeat=False, gentler=False, reasons=())


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
    """The session again, lighter where it hurt: the items the log says hurt (or went
    above the band); when none is named (a high peak, a worse morning), every main item.
    Each takes the content's ``gentler`` (another exercise only when ``allowed`` has it,
    if given: pass the member's ``ForMember.allowed``), else ``lighter``. ``rules`` give
    the bands and the reason texts."""
    by_key = {e.item_key: e for e in log.exercises}
    named = {key for key, e in by_key.items() if _too_much(e, rules)}
    held = trouble(log, rules)
    fallback = held[0] if held else Reason(rule="E2", text=rules.rules["E2"].text)
    items = []
    for item in session.items:
        hurt_here = item.key in named
        if named and not hurt_here:
            items.append(item)
            continue
        if not named and item.role != "main":
            items.append(item)
            continue
        entry = by_key.get(item.key)
        if entry is not None and entry.pain is not None and entry.pain > rules.bands.acceptable_max:
            reason = Reason(rule="R1", text=rules.rules["R1"].text)
        elif hurt_here:
            reason = Reason(rule="E2", text=rules.rules["E2"].text)
        else:
            reason = fallback
        items.append(_gentler_item(item, program, exercises, reason, allowed))
    lowered = session.model_copy(update={"items": tuple(items)})
    return lowered.model_copy(update={"seconds": session_seconds(lowered, exercises)})


def _gentler_item(
    item: Item,
    program: Program,
    exercises: Mapping[str, Exercise],
    reason: Reason,
    allowed: frozenset[str] | None,
) -> Item:
    content = program.item(item.key)
    gentler = content.gentler if content is not None else None
    own = content is not None and content.slug == item.slug
    number = len(item.versions) + 1
    # The content's gentler variant is for its own exercise; a substitute gets lighter.
    if own and gentler is not None and gentler.slug is not None and gentler.slug != item.slug:
        other = exercises.get(gentler.slug)
        if other is not None and (allowed is None or gentler.slug in allowed):
            now = session_seconds(item_session(item), exercises)
            dose = gentler.dose or substitute_dose(now, other.dose)
            return Item(
                key=item.key,
                order=item.order,
                slug=gentler.slug,
                role=item.role,
                reason=reason.text,
                replaces=item.slug,
                step="gentler",
                versions=(
                    *item.versions,
                    PrescriptionVersion(
                        number=number,
                        prescription=prescription_for(other.dose, dose),
                        reason=reason.text,
                        source="progression-swap",
                    ),
                ),
            )
    if gentler is not None and gentler.slug in (None, item.slug) and gentler.dose and own:
        prescription = prescription_for(exercises[item.slug].dose, gentler.dose)
    else:
        prescription = lighter(item.prescription)
    if prescription == item.prescription:
        return item
    version = PrescriptionVersion(
        number=number, prescription=prescription, reason=reason.text, source="progression"
    )
    return item.model_copy(update={"versions": (*item.versions, version)})


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
