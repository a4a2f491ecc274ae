"""Why the plan is as it is, in the member's words: the reasons a Plan carries.

The plan's structure, days and minutes, level, conditions and equipment
(``plan_reasons``); where a pregnancy stands and from which session the week-13 switch
applies (``pregnancy_reasons``); and why a focus area is not trained every week or not
at all (``focus_reasons``). Every sentence is a text of ``content/planner.yaml``.
"""

from __future__ import annotations

from datetime import date

from rugcoach.core.kernel.text import Text
from rugcoach.core.planner.build import Builder
from rugcoach.core.planner.constraints import join_labels
from rugcoach.core.planner.content import PlannerContent
from rugcoach.core.planner.models import Week, session_day
from rugcoach.core.planner.pregnancy import SUPINE_LIMIT_WEEK, pregnancy_stage
from rugcoach.core.planner.profile import Focus, Profile, Weekday
from rugcoach.core.triage.engine import Verdict
from rugcoach.core.triage.schema import Level

__all__ = [
    "ADVISED_DAYS",
    "MANY_DAYS",
    "SHORT_SESSION_MINUTES",
    "focus_reasons",
    "plan_reasons",
    "pregnancy_reasons",
]

SHORT_SESSION_MINUTES = 10
ADVISED_DAYS = 3
MANY_DAYS = 6


def plan_reasons(profile: Profile, verdict: Verdict, builder: Builder) -> tuple[Text, ...]:
    """The plan's general reasons, memoised on the per-catalog Index: the same inputs
    give the very same texts."""
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


def _date_text(day: date, content: PlannerContent, weekday: Weekday) -> Text:
    name = content.weekdays[weekday]
    return Text(
        nl=f"{name.nl} {day.day}-{day.month}-{day.year}",
        en=f"{name.en} {day.isoformat()}",
    )


def pregnancy_reasons(
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


def focus_reasons(
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
