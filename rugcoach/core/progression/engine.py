"""The rules of content/progression.yaml applied to a member's history.

One call says what to do next time: the plan's status, the plan-wide rules that fired,
and for each item of the next session its prescription (a new version, or unchanged)
with the rule that changed it. The ladder is the planner's (``next_rung`` from the base
dose): a step is one rung of it, down or up; this module keeps no ladder of its own.

Precedence, safest first: P0 (stop) > R4 (pause) > R2 (back to the last tolerated
dose) and R3 (cut the week; both at once: the lower dose) > R1 without an exercise
(hold) > R5 and H1 (hold) > P2 (planned points only) > P1 (one step up). Per exercise,
on top: "it hurt" or pain above the band (E2, R1) lower it whatever the plan's state;
"too hard" (E4) blocks a rise; "too easy" three times (E1) lets it rise under P1 or P2.
Every rise is capped at one step a window (E3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import Literal

from rugcoach.core.library.exercises import Exercise
from rugcoach.core.progression.content import ProgressionContent, RuleId
from rugcoach.core.progression.models import (
    Action,
    CheckIn,
    Evaluation,
    ExerciseLog,
    ItemDecision,
    Reason,
    SessionLog,
    Status,
)
from rugcoach.core.progression.steps import Steps
from rugcoach.core.schedule import (
    Item,
    PrescriptionVersion,
    Schedule,
    ScheduleSession,
)
from rugcoach.core.triage.conditions import Level

__all__ = ["apply", "clearly_worse", "evaluate", "passed_flare", "worse_after", "worse_than_before"]

Mode = Literal["stop", "pause", "tolerated", "cut", "both", "hold", "planned", "progress"]
"""How the plan's state moves the items; ``both``: R2 and R3 at once, the lower dose wins."""


@dataclass(frozen=True)
class _Week:
    """One plan week's scores."""

    pain: float | None
    stiffness: float | None
    r2: bool


def evaluate(
    schedule: Schedule,
    *,
    starts_on: date,
    today: date,
    history: Sequence[SessionLog],
    check_ins: Sequence[CheckIn] = (),
    level: Level = Level.TRAIN,
    red_flags: Sequence[str] = (),
    exercises: Mapping[str, Exercise],
    rules: ProgressionContent,
) -> Evaluation:
    """What to do next time. ``history`` and ``check_ins`` in any order; ``level`` and
    ``red_flags`` from the member's latest verdict; ``exercises`` the library (for the
    ladders). Same input, same output."""
    history = sorted(history, key=lambda s: (s.on, s.session_key))
    check_ins = sorted(check_ins, key=lambda c: c.on)
    next_session = _next_session(schedule, starts_on, today, {s.session_key for s in history})
    reasons: list[RuleId] = []
    mode: Mode
    status: Status
    safety = False
    recheck: date | None = None

    weeks = rules.weeks.days
    current = (today - starts_on).days // weeks
    by_week = _weeks(history, check_ins, starts_on, rules)
    last = history[-1] if history else None

    if red_flags or not level.allows_training:
        mode, status = "stop", "stopped"
        reasons.append("P0")
    elif _physio(by_week, current, history, starts_on, rules):
        mode, status, safety = "pause", "paused-advise-physio", True
        reasons.append("R4")
    else:
        mode, status = "progress", "active"
        r2 = last is not None and (worse_after(last, rules) or clearly_worse(check_ins, last.on))
        r3 = _rose(by_week.get(current - 1), by_week.get(current - 2), rules)
        if r3:
            mode, status = "cut", "reduced"
            recheck = starts_on + timedelta(days=(current + 1) * weeks)
            reasons.append("R3")
        if r2:
            mode = "both" if r3 else "tolerated"
            status = status if r3 else "held"
            reasons.insert(0, "R2")
        if not (r2 or r3) and last is not None:
            mode = _session_mode(last, reasons, rules)
            if mode == "hold" and "R1" in reasons:
                status = "held"

    items: list[ItemDecision] = []
    if next_session is not None:
        session_on = max(today, starts_on + timedelta(days=next_session.day_offset))
        for item in next_session.items:
            items.append(
                _decide(item, mode, history, starts_on, current, session_on, exercises, rules)
            )
    return Evaluation(
        status=status,
        reasons=tuple(_reason(rule, rules) for rule in reasons),
        session_key=None if next_session is None else next_session.key,
        items=tuple(items),
        safety_signal=safety,
        recheck_on=recheck,
    )


def apply(schedule: Schedule, evaluation: Evaluation) -> Schedule:
    """The schedule with the evaluation's new versions added to its items."""
    versions = {d.item_key: d.version for d in evaluation.items if d.version is not None}
    if not versions:
        return schedule
    sessions = tuple(
        s.model_copy(
            update={
                "items": tuple(
                    i.model_copy(update={"versions": (*i.versions, versions[i.key])})
                    if i.key in versions
                    else i
                    for i in s.items
                )
            }
        )
        for s in schedule.sessions
    )
    return schedule.model_copy(update={"sessions": sessions})


def _reason(rule: RuleId, rules: ProgressionContent) -> Reason:
    return Reason(rule=rule, text=rules.rules[rule].text)


def _next_session(
    schedule: Schedule, starts_on: date, today: date, done: set[str]
) -> ScheduleSession | None:
    offset = (today - starts_on).days
    upcoming = sorted(
        (s for s in schedule.sessions if s.key not in done and s.day_offset >= offset),
        key=lambda s: (s.day_offset, s.order),
    )
    return upcoming[0] if upcoming else None


# --- plan-wide rules -----------------------------------------------------------------


def worse_than_before(feeling: str, pain: int, baseline: int) -> bool:
    """A follow-up answer that is worse than before the session: said so, or more pain
    than the pre-session baseline (R2's test; the app asks again at 48 h on it)."""
    return feeling == "worse" or pain > baseline


def worse_after(session: SessionLog, rules: ProgressionContent) -> bool:
    """R2: the next morning above the pre-session baseline, unless it passed (R5)."""
    morning = session.next_morning
    if morning is None:
        return False
    worse = worse_than_before(morning.feeling, morning.pain, session.baseline)
    return worse and not passed_flare(session, rules)


def passed_flare(session: SessionLog, rules: ProgressionContent) -> bool:
    """R5: the next morning a little above the baseline, back at or below it by 48 h."""
    morning, later = session.next_morning, session.later
    if morning is None or later is None:
        return False
    mild = morning.pain - session.baseline <= rules.flare.mild_rise_max
    return mild and later.pain <= session.baseline and later.feeling != "worse"


def clearly_worse(check_ins: Sequence[CheckIn], since: date) -> bool:
    """R2 from a check-in: "clearly worse 24-48 h after my last session", after ``since``."""
    return any(c.clearly_worse and c.on > since for c in check_ins)


def _session_mode(last: SessionLog, reasons: list[RuleId], rules: ProgressionContent) -> Mode:
    """P1, P2, R5, H1 or R1 (the session's peak above the band) from the last session."""
    bands = rules.bands
    peak = max([last.peak, *(e.pain for e in last.exercises if e.pain is not None)])
    if peak > bands.acceptable_max:
        # Per exercise R1 lowers the exercises that hurt; the rest hold.
        reasons.append("R1")
        return "hold"
    if (
        passed_flare(last, rules)
        and last.next_morning is not None
        and worse_than_before(last.next_morning.feeling, last.next_morning.pain, last.baseline)
    ):
        reasons.append("R5")
        return "hold"
    if last.next_morning is None:
        reasons.append("H1")
        return "hold"
    if peak <= bands.safe_max:
        reasons.append("P1")
        return "progress"
    reasons.append("P2")
    return "planned"


def _weeks(
    history: Sequence[SessionLog],
    check_ins: Sequence[CheckIn],
    starts_on: date,
    rules: ProgressionContent,
) -> dict[int, _Week]:
    pains: dict[int, list[int]] = {}
    stiff: dict[int, list[int]] = {}
    r2: set[int] = set()
    days = rules.weeks.days
    for session in history:
        week = (session.on - starts_on).days // days
        scores = pains.setdefault(week, [])
        scores.append(session.baseline)
        if session.next_morning is not None:
            scores.append(session.next_morning.pain)
            if session.next_morning.stiffness is not None:
                stiff.setdefault(week, []).append(session.next_morning.stiffness)
        if worse_after(session, rules):
            r2.add(week)
    for check_in in check_ins:
        if check_in.clearly_worse:
            r2.add((check_in.on - starts_on).days // days)
    weeks = set(pains) | r2
    return {
        w: _Week(
            pain=fmean(pains[w]) if w in pains else None,
            stiffness=fmean(stiff[w]) if w in stiff else None,
            r2=w in r2,
        )
        for w in weeks
    }


def _rose(this: _Week | None, before: _Week | None, rules: ProgressionContent) -> bool:
    """R3: this week's pain or stiffness above the week before."""
    if this is None or before is None:
        return False
    margin = rules.weeks.rise_min_points
    for now, then in ((this.pain, before.pain), (this.stiffness, before.stiffness)):
        if now is not None and then is not None and now >= then + margin:
            return True
    return False


def _troubled(by_week: Mapping[int, _Week], week: int, rules: ProgressionContent) -> bool:
    """R2 during ``week``, or R3 fired in it (the week before rose over the one before that)."""
    this = by_week.get(week)
    return (this is not None and this.r2) or _rose(
        by_week.get(week - 1), by_week.get(week - 2), rules
    )


def _physio(
    by_week: Mapping[int, _Week],
    current: int,
    history: Sequence[SessionLog],
    starts_on: date,
    rules: ProgressionContent,
) -> bool:
    """R4: R2 or R3 in weeks running, or no gain after the set number of weeks."""
    physio = rules.physio
    if all(_troubled(by_week, current - n, rules) for n in range(physio.troubled_weeks)):
        return True
    if not history:
        return False
    first = (history[0].on - starts_on).days // rules.weeks.days
    if current - first < physio.no_gain_weeks:
        return False
    start, latest = by_week.get(first), by_week.get(current - 1)
    if start is None or latest is None or start.pain is None or latest.pain is None:
        return False
    if start.pain <= physio.no_gain_needs_first_week_above:
        return False
    return start.pain - latest.pain < physio.gain_min_points


# --- per item ----------------------------------------------------------------------


def _decide(
    item: Item,
    mode: Mode,
    history: Sequence[SessionLog],
    starts_on: date,
    current: int,
    session_on: date,
    exercises: Mapping[str, Exercise],
    rules: ProgressionContent,
) -> ItemDecision:
    planned = item.prescription
    logs = [(s, e) for s in history for e in s.exercises if e.slug == item.slug]
    exercise = exercises.get(item.slug)

    def keep() -> ItemDecision:
        return ItemDecision(
            item_key=item.key, slug=item.slug, action="unchanged", prescription=planned
        )

    if mode in ("stop", "pause") or not logs or exercise is None or item.role != "main":
        # Warm-ups and cool-downs stay as planned: they are one calm set, off the ladder.
        return keep()
    rungs = Steps.of(exercise.dose)
    last_session, last = logs[-1]
    done = rungs.index(last.prescription)
    plan = rungs.index(planned)
    bands = rules.bands

    def change(rung: int | None, rule: RuleId, action: Action | None = None) -> ItemDecision:
        """The item at ``rung`` (None: as planned, for a swap or an advance). The action
        says how it moves from what the member did last time; a version is added where
        it differs from the plan."""
        prescription = planned if rung is None else rungs.at(planned, rung)
        if action is None:
            moved = 0 if done is None or rung is None else rung - done
            action = "progress" if moved > 0 else "regress" if moved < 0 else "unchanged"
        if action == "unchanged" and prescription == planned:
            return keep()
        reason = _reason(rule, rules)
        version = None
        if prescription != planned:
            version = PrescriptionVersion(
                number=len(item.versions) + 1,
                prescription=prescription,
                reason=reason.text,
                source="progression",
            )
        return ItemDecision(
            item_key=item.key,
            slug=item.slug,
            action=action,
            prescription=prescription,
            version=version,
            reason=reason,
        )

    # Per exercise first: a hurt exercise goes down, whatever the plan's state.
    hurt = last.outcome == "hurt"
    high = last.pain is not None and last.pain > bands.acceptable_max
    if hurt or high:
        rule: RuleId = "E2" if hurt else "R1"
        lower = rungs.one_down(last.prescription)
        if lower is None:
            # Swap it; where nothing may replace it, the caller keeps this dose: the
            # lowest step (one set at the base), never the plan's higher one.
            return change(0, rule, "swap")
        return change(lower, rule, "regress")
    if done is None or plan is None:
        return keep()  # off the ladder: no step to take along it

    if mode in ("tolerated", "cut", "both"):
        targets: list[tuple[int, RuleId]] = []
        if mode != "cut":
            tolerated = _tolerated(logs, rungs, rules)
            targets.append((done - 1 if tolerated is None else min(done, tolerated), "R2"))
        if mode != "tolerated":
            before = [e for s, e in logs if (s.on - starts_on).days // rules.weeks.days < current]
            reference = rungs.index(before[-1].prescription) if before else None
            # One rung below last week's dose, so every session of this week gets the same
            # cut (evaluated again after each session, it does not cut again).
            targets.append((min(done, (done if reference is None else reference) - 1), "R3"))
        target, rule_down = min(targets)
        return change(max(0, target), rule_down)
    if mode == "hold":
        return change(done, _hold_rule(last_session, rules))

    # P1 or P2: a rise may come from the plan (P2: its next planned point), from P1, or
    # from "too easy" three times at this dose (E1); E4 and E3 can block it.
    rule_up: RuleId = "P1" if mode == "progress" else "P2"
    rise = mode == "progress" or plan > done
    if not rise and _too_easy(logs, done, rungs, rules.too_easy_in_a_row):
        rise, rule_up = True, "E1"
    if not rise:
        return change(done, rule_up)
    if last.outcome == "too_hard":
        return change(done, "E4")
    if _rises(logs, rungs, session_on, rules) >= rules.steps.max_up:
        return change(done, "E3")
    if done + 1 >= len(rungs):
        return change(None, rule_up, "advance")
    return change(done + 1, rule_up)


def _hold_rule(last: SessionLog, rules: ProgressionContent) -> RuleId:
    peak = max([last.peak, *(e.pain for e in last.exercises if e.pain is not None)])
    if peak > rules.bands.acceptable_max:
        return "R1"
    return "H1" if last.next_morning is None else "R5"


def _tolerated(
    logs: Sequence[tuple[SessionLog, ExerciseLog]],
    rungs: Steps,
    rules: ProgressionContent,
) -> int | None:
    """The rung of the latest dose the member handled well: the pain within the band,
    not hurt, and no worse the next morning (the last session, the one that was not
    tolerated, is left out)."""
    for session, log in reversed(logs[:-1]):
        morning = session.next_morning
        fine = (
            log.outcome != "hurt"
            and (log.pain is None or log.pain <= rules.bands.acceptable_max)
            and session.peak <= rules.bands.acceptable_max
            and morning is not None
            and morning.pain <= session.baseline
            and morning.feeling != "worse"
        )
        if fine:
            return rungs.index(log.prescription)
    return None


def _too_easy(
    logs: Sequence[tuple[SessionLog, ExerciseLog]],
    done: int,
    rungs: Steps,
    times: int,
) -> bool:
    """E1: the last ``times`` logs all "too easy", all at the current rung."""
    tail = [e for _, e in logs[-times:]]
    return len(tail) == times and all(
        e.outcome == "too_easy" and rungs.index(e.prescription) == done for e in tail
    )


def _rises(
    logs: Sequence[tuple[SessionLog, ExerciseLog]],
    rungs: Steps,
    session_on: date,
    rules: ProgressionContent,
) -> int:
    """How many steps up this exercise took within the window before ``session_on``."""
    since = session_on - timedelta(days=rules.steps.window_days - 1)
    rises, previous = 0, None
    for session, log in logs:
        rung = rungs.index(log.prescription)
        if previous is not None and rung is not None and rung > previous and session.on >= since:
            rises += rung - previous
        if rung is not None:
            previous = rung
    return rises
