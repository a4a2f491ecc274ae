"""The personal planner: (profile, focus areas, triage verdict, catalog) → a 4-week plan.

Pure and deterministic: no I/O, no clock, no randomness, no Django. The clinical choices
(pools, signals, texts, the equipment rule) are content (``content/planner.yaml``); this
package applies them. How it chooses, and the decisions behind it: ``docs/planner.md``.

Modules of the package: ``profile`` (intake, self-tests, focus models), ``focus``
(self-tests → focus areas), ``content`` (the YAML's schema and loader), ``constraints``
(conditions, equipment, verdict limits), ``dose`` (the timing model), ``build`` (sessions
and the 4-week build-up), ``weeks`` (fitting, weeks 3–4), ``models`` (the Plan),
``schedule`` (the Plan as a Schedule). ``rugcoach.core.planner`` re-exports the public
names listed here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Condition
from rugcoach.core.planner.build import Builder, slot_of
from rugcoach.core.planner.constraints import (
    Catalog,
    Index,
    available_equipment,
    constraints_for,
    index_for,
    join_labels,
    member_conditions,
)
from rugcoach.core.planner.content import (
    ContentError,
    PlannerContent,
    check_against_library,
    load_planner_content,
)
from rugcoach.core.planner.dose import (
    TRANSITION_SECONDS,
    Amount,
    base_amount,
    item_seconds,
    light_amount,
    next_rung,
    session_seconds,
    work_seconds_per_set,
)
from rugcoach.core.planner.focus import fired_signals, focus_areas, focus_left_out
from rugcoach.core.planner.models import (
    PLAN_VERSION,
    Excluded,
    NoPlan,
    Plan,
    PlanError,
    PlanItem,
    Session,
    Week,
)
from rugcoach.core.planner.pregnancy import SUPINE_LIMIT_WEEK, pregnancy_stage
from rugcoach.core.planner.profile import (
    SESSION_MINUTES,
    Focus,
    FocusArea,
    Profile,
    SelfTests,
    Trigger,
    Weekday,
)
from rugcoach.core.planner.weeks import Slot, trim
from rugcoach.core.triage.engine import Verdict
from rugcoach.core.triage.schema import Level

__all__ = [
    "PLAN_VERSION",
    "SESSION_MINUTES",
    "TRANSITION_SECONDS",
    "ContentError",
    "Excluded",
    "Focus",
    "FocusArea",
    "NoPlan",
    "Plan",
    "PlanError",
    "PlanItem",
    "PlannerContent",
    "Profile",
    "SelfTests",
    "Session",
    "SwapScope",
    "Trigger",
    "Week",
    "Weekday",
    "alternatives",
    "available_equipment",
    "build_plan",
    "check_against_library",
    "fired_signals",
    "focus_areas",
    "focus_left_out",
    "item_seconds",
    "load_planner_content",
    "member_conditions",
    "session_day",
    "session_seconds",
    "swap",
    "work_seconds_per_set",
]

DEFAULT_FOCUS = (
    ("default-mobility", FocusArea.MOBILITY),
    ("default-deep-core", FocusArea.DEEP_CORE),
)
SHORT_SESSION_MINUTES = 10
ADVISED_DAYS = 3
MANY_DAYS = 6


def build_plan(
    profile: Profile,
    focus: tuple[Focus, ...],
    verdict: Verdict,
    catalog: Catalog,
    content: PlannerContent,
    *,
    starts_on: date | None = None,
    left_out: tuple[Focus, ...] = (),
) -> Plan | NoPlan:
    """The member's 4-week plan, or NoPlan when the verdict does not allow training.

    ``starts_on`` is the Monday of week 1. For a pregnant member each session gets the
    conditions of her week of pregnancy on that day: a plan that runs into week 13 uses
    no exercises lying flat on the back from that day on. Without a start date every
    session follows the latest trimester (the safe side).
    """
    if not (verdict.may_train and verdict.level.allows_training):
        return NoPlan(level=verdict.level, reason=verdict.title, advice=verdict.advice)
    index = index_for(catalog, content)
    focus = focus or _default_focus(content)
    pregnancy_weeks = _pregnancy_weeks(profile, starts_on)
    builders: dict[tuple[Condition, ...], Builder] = {}
    session_builders: dict[tuple[int, Weekday], Builder] = {}
    for key, pregnancy_week in pregnancy_weeks.items():
        builder = _builder(profile, focus, verdict, index, pregnancy_week)
        builder = builders.setdefault(builder.constraints.conditions, builder)
        session_builders[key] = builder
    if not all(builder.has_main_candidate() for builder in builders.values()):
        reason = content.texts["no-plan.nothing-fits"]
        return NoPlan(level=verdict.level, reason=reason, advice=verdict.advice)

    four_weeks = {id(builder): _four_weeks(builder, profile) for builder in builders.values()}
    weeks = []
    for number in range(1, 5):
        sessions = tuple(
            four_weeks[id(session_builders[(number, weekday)])][number - 1][position].model_copy(
                update={"pregnancy_week": pregnancy_weeks[(number, weekday)]}
            )
            for position, weekday in enumerate(profile.weekdays)
        )
        weeks.append(Week(number=number, theme=content.weeks[number - 1].theme, sessions=sessions))
    first = session_builders[(1, profile.weekdays[0])]
    excluded = tuple(
        dict.fromkeys(e for builder in builders.values() for e in builder.allowed.excluded)
    )
    return Plan(
        level=verdict.level,
        minutes_per_session=profile.minutes_per_session,
        weeks=tuple(weeks),
        focus=focus,
        reasons=(
            *_plan_reasons(profile, verdict, first),
            *_pregnancy_reasons(profile, starts_on, tuple(weeks), content),
            *_focus_reasons(focus, left_out, tuple(weeks), first, profile),
        ),
        excluded=excluded,
    )


def alternatives(
    plan: Plan,
    week: int,
    weekday: Weekday,
    slug: str,
    profile: Profile,
    verdict: Verdict,
    catalog: Catalog,
    content: PlannerContent,
) -> tuple[str, ...]:
    """Exercises that may replace ``slug`` in that session: the same purpose (the same
    focus area for a main, the warm-up or cool-down pool otherwise), passing every
    constraint, not already in the session; weeks 1–2 stay at the basics' level."""
    session, item = _find(plan, week, weekday, slug)
    index = index_for(catalog, content)
    builder = _builder(profile, plan.focus, verdict, index, session.pregnancy_week)
    return tuple(_alternatives(builder, week, session, item))


SwapScope = Literal["session", "everywhere"]
"""A swap's reach, the member's choice: this one session, or every session of the plan
that has the exercise."""


def swap(
    plan: Plan,
    week: int,
    weekday: Weekday,
    slug: str,
    replacement: str,
    profile: Profile,
    verdict: Verdict,
    catalog: Catalog,
    content: PlannerContent,
    *,
    scope: SwapScope = "session",
) -> Plan:
    """The plan with ``slug`` replaced by ``replacement`` in the chosen session, or with
    ``scope="everywhere"`` also in every other session that has ``slug`` and where
    ``replacement`` is an allowed alternative (the same rules as the chosen session).

    The replacement gets the dose level of its week (as many rungs of its own ladder as
    ``slug`` had climbed), shortened only if the session would run over its minutes; no
    other item changes. Raises PlanError saying why when the swap is not allowed in the
    chosen session."""
    session, item = _find(plan, week, weekday, slug)
    index = index_for(catalog, content)
    builder = _builder(profile, plan.focus, verdict, index, session.pregnancy_week)
    if replacement not in _alternatives(builder, week, session, item):
        raise PlanError(_why_not(builder, week, session, item, replacement))
    replaced = {(week, weekday): _swapped_session(builder, week, session, item, replacement)}
    if scope == "everywhere":
        for other_week in plan.weeks:
            for other in other_week.sessions:
                key = (other_week.number, other.weekday)
                found = other.item(slug)
                if key in replaced or found is None:
                    continue
                other_builder = _builder(profile, plan.focus, verdict, index, other.pregnancy_week)
                if replacement not in _alternatives(other_builder, key[0], other, found):
                    continue  # not allowed there (a level cap, a week of pregnancy): kept
                try:
                    new = _swapped_session(other_builder, key[0], other, found, replacement)
                except PlanError:
                    continue  # does not fit that session's minutes: kept
                replaced[key] = new
    weeks = tuple(
        w.model_copy(
            update={"sessions": tuple(replaced.get((w.number, s.weekday), s) for s in w.sessions)}
        )
        for w in plan.weeks
    )
    return plan.model_copy(update={"weeks": weeks})


def _swapped_session(
    builder: Builder, week: int, session: Session, item: PlanItem, replacement: str
) -> Session:
    """``session`` with ``item`` replaced; every other item stays exactly as it was."""
    exercise = builder.exercises[replacement]
    if item.role == "main":
        rungs = _rungs_climbed(builder, item)
        amount = base_amount(exercise.dose)
        for _ in range(rungs):
            amount = next_rung(exercise.dose, amount) or amount
        if rungs == 0 and item.sets < amount.sets:
            amount = amount.with_sets(item.sets)  # the session was shortened: keep it so
        new = Slot(replacement, "main", amount, item.focus, "swapped", item.slug)
    else:
        new = Slot(replacement, item.role, light_amount(exercise.dose), None, item.role, item.slug)
    others = session_seconds(i for i in session.items if i is not item)
    transitions = TRANSITION_SECONDS if len(session.items) > 1 else 0
    room = builder.budget - others - transitions
    while builder.seconds(new)[0] > room and new.amount.sets > 1:
        new = new._replace(amount=new.amount.with_sets(new.amount.sets - 1))
    if builder.seconds(new)[0] > room:
        new = trim(builder, new, room)
    if builder.seconds(new)[0] > room:
        minutes = builder.minutes
        raise PlanError(
            f"'{replacement}' does not fit in {minutes} minutes in place of '{item.slug}'"
        )
    items = tuple(builder.item(new) if i is item else i for i in session.items)
    return session.model_copy(update={"items": items, "seconds": session_seconds(items)})


def _rungs_climbed(builder: Builder, item: PlanItem) -> int:
    """How many rungs of its own ladder ``item`` stands above its base dose (0 for a
    new exercise: a progression or an earlier swap starts at its base)."""
    if item.step in ("base", "progression", "variation", "swapped"):
        return 0
    dose = builder.exercises[item.slug].dose
    target = slot_of(item).amount
    amount: Amount | None = base_amount(dose)
    for rungs in range(12):
        if amount is None:
            break
        if amount == target:
            return rungs
        amount = next_rung(dose, amount)
    return 0


# --- helpers ------------------------------------------------------------------------------


def _focus_reasons(
    focus: tuple[Focus, ...],
    left_out: tuple[Focus, ...],
    weeks: tuple[Week, ...],
    builder: Builder,
    profile: Profile,
) -> tuple[Text, ...]:
    """Why a focus area is not trained every week, in the member's words: no exercise
    for it is allowed, or the minutes and days leave no room; and why an area a
    self-test raised is not among the plan's focus areas at all."""
    content = builder.content
    reasons = []
    for item in focus:
        area = content.focus_areas[item.area]
        pool = set(area.exercises)
        missing = [
            week.number
            for week in weeks
            if not any(i.slug in pool for s in week.sessions for i in s.items)
        ]
        if not missing:
            continue
        if not builder.candidates(item.area):
            reasons.append(content.text("focus.not-allowed", area=area.label, reason=item.reason))
        else:
            numbers = join_labels([Text(nl=str(n), en=str(n)) for n in missing], content)
            reasons.append(
                content.text(
                    "focus.no-room",
                    area=area.label,
                    minutes=profile.minutes_per_session,
                    count=len(profile.weekdays),
                    weeks=numbers,
                )
            )
    for item in left_out:
        label = content.focus_areas[item.area].label
        most = content.max_focus_areas
        reasons.append(content.text("focus.left-out", area=label, reason=item.reason, most=most))
    return tuple(reasons)


def _default_focus(content: PlannerContent) -> tuple[Focus, ...]:
    return tuple(
        Focus(area=area, reason=content.signals[signal].reason, signals=(signal,))
        for signal, area in DEFAULT_FOCUS
    )


def _builder(
    profile: Profile,
    focus: tuple[Focus, ...],
    verdict: Verdict,
    index: Index,
    pregnancy_week: int | None = None,
) -> Builder:
    areas = tuple(dict.fromkeys(f.area for f in focus))[: index.content.max_focus_areas]
    areas = areas or tuple(area for _, area in DEFAULT_FOCUS)
    constraints = constraints_for(profile, verdict, index, pregnancy_week)
    return Builder(index, constraints, areas, profile.minutes_per_session)


def _four_weeks(builder: Builder, profile: Profile) -> tuple[tuple[Session, ...], ...]:
    """One builder's sessions for weeks 1–4 (week 2 repeats week 1)."""
    base, built_up, harder = zip(
        *(builder.session_weeks(number) for number in range(len(profile.weekdays))), strict=True
    )
    first = _sessions(builder, profile, base)
    return (
        first,
        first,
        _sessions(builder, profile, built_up),
        _sessions(builder, profile, harder),
    )


def session_day(starts_on: date, week: int, weekday: Weekday) -> date:
    """The date of a plan's session: ``starts_on`` is the Monday of week 1."""
    return starts_on + timedelta(days=7 * (week - 1) + weekday.offset)


def _pregnancy_weeks(
    profile: Profile, starts_on: date | None
) -> dict[tuple[int, Weekday], int | None]:
    """Per session (plan week, weekday): the week of pregnancy on its day, or None."""
    due = profile.due_date
    return {
        (week, weekday): (
            None
            if due is None or starts_on is None
            else pregnancy_stage(due, session_day(starts_on, week, weekday)).week
        )
        for week in range(1, 5)
        for weekday in profile.weekdays
    }


def _date_text(day: date, content: PlannerContent, weekday: Weekday) -> Text:
    name = content.weekdays[weekday]
    return Text(
        nl=f"{name.nl} {day.day}-{day.month}-{day.year}",
        en=f"{name.en} {day.isoformat()}",
    )


def _pregnancy_reasons(
    profile: Profile, starts_on: date | None, weeks: tuple[Week, ...], content: PlannerContent
) -> tuple[Text, ...]:
    """Where the pregnancy stands, and from which session the week-13 switch applies."""
    due = profile.due_date
    if due is None or starts_on is None:
        return ()
    due_text = Text(nl=f"{due.day}-{due.month}-{due.year}", en=due.isoformat())
    start = pregnancy_stage(due, starts_on)
    reasons = [content.text("plan.pregnancy-week", week=start.week, due_date=due_text)]
    switch = next(
        (
            (week, session)
            for week in weeks
            for session in week.sessions
            if session.pregnancy_week is not None and session.pregnancy_week >= SUPINE_LIMIT_WEEK
        ),
        None,
    )
    if start.week >= SUPINE_LIMIT_WEEK:
        reasons.append(content.text("plan.pregnancy-supine", limit=SUPINE_LIMIT_WEEK))
    elif switch is not None:
        week, session = switch
        day = session_day(starts_on, week.number, session.weekday)
        reasons.append(
            content.text(
                "plan.pregnancy-switch",
                limit=SUPINE_LIMIT_WEEK,
                plan_week=week.number,
                date=_date_text(day, content, session.weekday),
            )
        )
    return tuple(reasons)


def _sessions(
    builder: Builder, profile: Profile, weeks: tuple[list[Slot], ...]
) -> tuple[Session, ...]:
    sessions = []
    for weekday, slots in zip(profile.weekdays, weeks, strict=True):
        items = tuple(builder.item(slot) for slot in slots)
        sessions.append(Session(weekday=weekday, items=items, seconds=session_seconds(items)))
    return tuple(sessions)


def _find(plan: Plan, week: int, weekday: Weekday, slug: str) -> tuple[Session, PlanItem]:
    session = plan.week(week).session(weekday)
    if session is None:
        raise PlanError(f"week {week} has no session on {weekday.value}")
    item = session.item(slug)
    if item is None:
        raise PlanError(f"'{slug}' is not in the session of week {week} on {weekday.value}")
    return session, item


def _pool(builder: Builder, item: PlanItem) -> list[str]:
    if item.role == "warm-up":
        return [s for s in builder.content.warm_up if s in builder.allowed.slugs]
    if item.role == "cool-down":
        return [s for s in builder.content.cool_down if s in builder.allowed.slugs]
    areas = (item.focus,) if item.focus else tuple(builder.content.focus_areas)
    return list(dict.fromkeys(s for area in areas for s in builder.candidates(area)))


def _level_cap(builder: Builder, week: int, item: PlanItem) -> int:
    if week >= 3:
        return builder.content.max_level
    return max(1, builder.exercises[item.slug].level)


def _alternatives(builder: Builder, week: int, session: Session, item: PlanItem) -> list[str]:
    in_session = {i.slug for i in session.items}
    cap = _level_cap(builder, week, item)
    return [
        s for s in _pool(builder, item) if s not in in_session and builder.exercises[s].level <= cap
    ]


def _why_not(builder: Builder, week: int, session: Session, item: PlanItem, slug: str) -> str:
    where = f"week {week} on {session.weekday.value}"
    if slug not in builder.exercises:
        return f"unknown exercise '{slug}'"
    excluded = next((e for e in builder.allowed.excluded if e.slug == slug), None)
    if excluded is not None:
        return f"'{slug}' is not allowed for you ({excluded.cause}): {excluded.reason.en}"
    if slug in {i.slug for i in session.items}:
        return f"'{slug}' is already in the session of {where}"
    if builder.exercises[slug].level > _level_cap(builder, week, item):
        return f"'{slug}' is above the level of weeks 1–2; it can come in weeks 3–4"
    purpose = item.focus.value if item.role == "main" and item.focus else item.role
    return f"'{slug}' does not serve the same purpose as '{item.slug}' ({purpose})"


def _plan_reasons(profile: Profile, verdict: Verdict, builder: Builder) -> tuple[Text, ...]:
    key = (
        profile.weekdays,
        profile.minutes_per_session,
        profile.situation,
        verdict.level,
        builder.constraints.conditions,
        builder.areas,
    )
    found = builder.index.reasons.get(key)
    if found is None:
        reasons = _make_plan_reasons(profile, verdict, builder)
        found = builder.index.remember(builder.index.reasons, key, reasons)
    return found


def _make_plan_reasons(profile: Profile, verdict: Verdict, builder: Builder) -> tuple[Text, ...]:
    content = builder.content
    vocabulary = builder.index.catalog.vocabulary
    count = len(profile.weekdays)
    days = join_labels(
        [content.weekdays[day] for day in profile.weekdays], content, proper_names=True
    )
    reasons = [content.texts["plan.structure"], content.text("plan.days", count=count, days=days)]
    if count < ADVISED_DAYS:
        reasons.append(content.texts["plan.days-few"])
    elif count >= MANY_DAYS:
        reasons.append(content.texts["plan.days-many"])
    minutes = profile.minutes_per_session
    reasons.append(content.text("plan.minutes", minutes=minutes))
    if minutes <= SHORT_SESSION_MINUTES:
        reasons.append(content.text("plan.short", minutes=minutes))
    if verdict.level is Level.TRAIN_ADAPTED:
        reasons.append(content.texts["plan.adapted"])
    elif verdict.level is Level.REST_THEN_REBUILD:
        reasons.append(content.texts["plan.gentle"])
    conditions = builder.constraints.conditions
    if conditions:
        condition_labels = [vocabulary.conditions[c] for c in conditions]
        reasons.append(
            content.text("plan.conditions", conditions=join_labels(condition_labels, content, "; "))
        )
    basics = [e for e in content.equipment.always_at_hand if e.value != "none"]
    equipment_labels = vocabulary.equipment
    reasons.append(
        content.text(
            "plan.equipment",
            equipment=join_labels([equipment_labels[e] for e in basics], content),
        )
    )
    kit = content.equipment.by_situation.get(profile.situation, ())
    if kit:
        names = join_labels([equipment_labels[e] for e in kit], content)
        reasons.append(content.text("plan.equipment-situation", equipment=names))
    reasons.extend(content.focus_areas[area].tip for area in builder.areas)
    return tuple(reasons)
