"""A program as a Schedule for one member: the verdict's level, the member's conditions
and the exercises the planner allows them (``planner.constraints``: one home of that rule).

Keys: a session is its content key (``d01``), an item ``<session>.<n>`` with ``n`` its
1-based place in the content (``d01.2``), so a log points at the same slot whoever plays
it, also when an earlier item was dropped for this member. Times follow the planner's
time model (``planner.dose``), so the player and the program page agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Condition, Situation
from rugcoach.core.library.exercises import BreathingPace, Dose, Exercise, IntRange, Tempo
from rugcoach.core.planner.constraints import Catalog, constraints_for, index_for
from rugcoach.core.planner.content import PlannerContent, fill
from rugcoach.core.planner.dose import TRANSITION_SECONDS, item_seconds
from rugcoach.core.planner.profile import Profile, Weekday
from rugcoach.core.planner.schedule import library_pace
from rugcoach.core.programs.content import (
    ItemDose,
    Program,
    ProgramItem,
    ProgramSession,
    dose_seconds,
    substitute_dose,
)
from rugcoach.core.progression.content import ProgramRules
from rugcoach.core.schedule import (
    Item,
    Prescription,
    PrescriptionVersion,
    Schedule,
    ScheduleSession,
)
from rugcoach.core.triage.conditions import Level
from rugcoach.core.triage.engine import Verdict

__all__ = [
    "NO_INTAKE",
    "ForMember",
    "NotForYou",
    "dropped_reason",
    "for_member",
    "instead_reason",
    "item_key",
    "prescription_for",
    "program_schedule",
    "session_seconds",
]


@dataclass(frozen=True)
class ForMember:
    """What decides a program's fit: the verdict's level, the member's conditions
    (``planner.constraints.member_conditions``) and the slugs the planner allows them
    (``Index.allowed(constraints).slugs``), with the planner's reason for each slug it
    left out (``excluded``: the first reason found, the strictest verdict first)."""

    level: Level
    conditions: frozenset[Condition]
    allowed: frozenset[str]
    excluded: tuple[tuple[str, Text], ...] = field(default=(), compare=False)

    def why_not(self, slug: str) -> Text | None:
        """Why the planner left ``slug`` out for this member (None: it did not)."""
        return next((reason for found, reason in self.excluded if found == slug), None)


NO_INTAKE = Profile(
    situation=Situation.HOME,
    minutes_per_session=10,
    weekdays=(Weekday.MON,),
    complaint_weeks=0,
)
"""A member without an intake: at home with the household basics (only situation and
equipment matter to what is allowed). The one default profile of programs."""


def for_member(
    verdict: Verdict,
    catalog: Catalog,
    content: PlannerContent,
    profile: Profile | None = None,
    pregnancy_week: int | None = None,
    *,
    also: Sequence[Verdict] = (),
) -> ForMember:
    """The member as the planner sees them: their verdict, and their intake when they
    made one (situation, equipment, due date). Without an intake: at home with the
    household basics; the verdict still carries the conditions the check found
    (pregnancy and its week, hernia, fragile bones …).

    ``also``: further verdicts that hold today (today's check-in). The member may do only
    what every verdict allows: the planner's allowed sets intersected, each verdict taken
    with the conditions of all of them (so each one's avoid lists and gentle list apply),
    and the strictest level."""
    index = index_for(catalog, content)
    verdicts = sorted((verdict, *also), key=lambda v: -v.level.severity)
    joined = {c for v in verdicts for c in v.conditions}
    conditions: set[Condition] = set()
    allowed: frozenset[str] | None = None
    excluded: dict[str, Text] = {}
    for one in verdicts:
        merged = one.model_copy(update={"conditions": tuple(c for c in Condition if c in joined)})
        constraints = constraints_for(profile or NO_INTAKE, merged, index, pregnancy_week)
        found = index.allowed(constraints)
        conditions.update(constraints.conditions)
        allowed = found.slugs if allowed is None else allowed & found.slugs
        for entry in found.excluded:
            excluded.setdefault(entry.slug, entry.reason)
    return ForMember(
        level=verdicts[0].level,
        conditions=frozenset(conditions),
        allowed=allowed or frozenset(),
        excluded=tuple(sorted(excluded.items())),
    )


@dataclass(frozen=True)
class NotForYou:
    """The program is not for this member now: why, and a program to take instead."""

    reasons: tuple[Text, ...]
    instead: str | None


def item_key(session_key: str, number: int) -> str:
    return f"{session_key}.{number}"


def prescription_for(dose: Dose, item: ItemDose) -> Prescription:
    """An item's dose as the one dose type: its numbers, the library's tempo and pace."""
    tempo, breathing = library_pace(dose)
    return Prescription(
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        duration_seconds=item.duration_seconds,
        per_side=dose.per_side if item.per_side is None else item.per_side,
        rest_seconds=dose.rest_seconds if item.rest_seconds is None else item.rest_seconds,
        tempo=tempo,
        breathing=breathing,
    )


def program_schedule(
    program: Program,
    member: ForMember,
    exercises: Mapping[str, Exercise],
    *,
    rules: ProgramRules | None = None,
) -> Schedule | NotForYou:
    """The program's sessions for this member, or why it is not for them now.

    In order: a verdict level outside ``levels`` (``otherwise``); a ``not_for`` condition
    the member has; then per item: the exercise if allowed, else its first allowed
    ``instead`` not yet in the session, else the item is dropped. A session left with
    fewer than ``keep_at_least`` of its items makes the program not for this member
    (``otherwise``). With ``rules`` (``ProgressionContent.programs``) a substitute says
    why: its version's reason is "in place of X, because …" with the planner's reason
    (``ForMember.why_not``), so the player shows it under "why this changed"."""
    if member.level not in program.levels:
        return _otherwise(program, member)
    hit = [entry for entry in program.not_for if entry.condition in member.conditions]
    if hit:
        instead = next((entry.instead for entry in hit if entry.instead is not None), None)
        return NotForYou(reasons=tuple(entry.reason for entry in hit), instead=instead)
    sessions = []
    for session in program.sessions:
        built = _session(session, member, exercises, rules)
        if len(built) < max(1, math.ceil(len(session.items) * program.keep_at_least)):
            return _otherwise(program, member)
        scheduled = ScheduleSession(
            key=session.key,
            day_offset=session.day - 1,
            order=0,
            title=session.title,
            seconds=0,
            items=tuple(built),
        )
        sessions.append(
            scheduled.model_copy(update={"seconds": session_seconds(scheduled, exercises)})
        )
    return Schedule(kind=program.slug, sessions=tuple(sessions))


def _otherwise(program: Program, member: ForMember) -> NotForYou:
    instead = program.otherwise.instead if member.level.allows_training else None
    return NotForYou(reasons=(program.otherwise.reason,), instead=instead)


def _session(
    session: ProgramSession,
    member: ForMember,
    exercises: Mapping[str, Exercise],
    rules: ProgramRules | None,
) -> list[Item]:
    allowed = member.allowed
    items: list[Item] = []
    # An exercise appears once a session: a substitute already in it is passed over.
    used = {content.slug for content in session.items if content.slug in allowed}
    for number, content in enumerate(session.items, start=1):
        chosen = _choose(content, allowed, used, exercises)
        if chosen is None:
            continue
        slug, dose, why = chosen
        used.add(slug)
        reason = why or exercises[slug].goal
        own = slug == content.slug
        version_reason, source = reason, "planner"
        if not own and rules is not None:
            version_reason = instead_reason(content.slug, member, exercises, rules)
            source = "progression-swap"  # shown as "why this changed" in the player
        items.append(
            Item(
                key=item_key(session.key, number),
                order=len(items),
                slug=slug,
                role=content.role,
                reason=reason,
                replaces=None if own else content.slug,
                step="base" if own else "instead",
                versions=(
                    PrescriptionVersion(
                        number=1,
                        prescription=prescription_for(exercises[slug].dose, dose),
                        reason=version_reason,
                        source=source,
                    ),
                ),
            )
        )
    return items


def instead_reason(
    slug: str, member: ForMember, exercises: Mapping[str, Exercise], rules: ProgramRules
) -> Text:
    """ "In place of X, because …": the planner's reason it left ``slug`` out for them."""
    why = member.why_not(slug) or exercises[slug].goal
    return fill(rules.instead_of, exercise=exercises[slug].name, reason=why)


def dropped_reason(
    slug: str, member: ForMember, exercises: Mapping[str, Exercise], rules: ProgramRules
) -> Text:
    """ "You leave out X today: …" for an item with no exercise left for the member."""
    why = member.why_not(slug) or exercises[slug].goal
    return fill(rules.dropped, exercise=exercises[slug].name, reason=why)


def _choose(
    item: ProgramItem,
    allowed: frozenset[str],
    used: set[str],
    exercises: Mapping[str, Exercise],
) -> tuple[str, ItemDose, Text | None] | None:
    """The item's own exercise when allowed, else its first allowed ``instead`` that the
    session does not have yet."""
    if item.slug in allowed:
        return item.slug, item.dose, item.why
    for other in item.instead:
        if other.slug in allowed and other.slug not in used:
            if other.dose is not None:
                return other.slug, other.dose, other.why
            own = dose_seconds(exercises[item.slug].dose, item.dose)
            return other.slug, substitute_dose(own, exercises[other.slug].dose), other.why
    return None


def session_seconds(session: ScheduleSession, exercises: Mapping[str, Exercise]) -> int:
    """The time the player takes: each item's latest dose (``planner.dose.item_seconds``,
    with the library's tempo or breathing pace) plus a transition between two items."""
    total = 0
    for item in session.items:
        p = item.prescription
        exercise = exercises.get(item.slug)
        total += item_seconds(
            exercise.dose if exercise is not None else _dose_of(p),
            sets=p.sets,
            reps=p.reps,
            hold_seconds=p.hold_seconds,
            duration_seconds=p.duration_seconds,
            per_side=p.per_side,
            rest_seconds=p.rest_seconds,
        )
    return total + TRANSITION_SECONDS * max(0, len(session.items) - 1)


def _dose_of(p: Prescription) -> Dose:
    """A library-shaped dose with a prescription's own pace (for an exercise no longer in
    the library: its stored tempo still times it; only the pace is read)."""
    return Dose(
        sets=IntRange(low=1, high=1),
        duration_seconds=IntRange(low=1, high=1),
        rest_seconds=0,
        tempo=None if p.tempo is None else Tempo.model_validate(p.tempo.model_dump()),
        breathing_pace=None
        if p.breathing is None
        else BreathingPace.model_validate(p.breathing.model_dump()),
    )
