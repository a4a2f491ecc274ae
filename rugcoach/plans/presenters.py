"""A stored plan as the member reads it: one language, exercise names, figures, dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import formats, translation

from rugcoach.core.catalog import Catalog
from rugcoach.core.exercises import Dose
from rugcoach.core.planner import Plan, PlanItem, Weekday
from rugcoach.library.presenters import ExerciseCard, ExercisePresenter, format_dose
from rugcoach.plans.calendar import session_date, session_minutes
from rugcoach.plans.forms import WEEKDAY_LABELS


@dataclass(frozen=True)
class ItemView:
    slug: str
    card: ExerciseCard
    role: str
    dose: str
    reason: str
    minutes: str


@dataclass(frozen=True)
class SessionView:
    week: int
    weekday: Weekday
    day_label: str
    date: date
    date_label: str
    minutes: int
    items: list[ItemView]
    is_today: bool


@dataclass(frozen=True)
class WeekView:
    number: int
    theme: str
    sessions: list[SessionView]


def item_dose(item: PlanItem, catalog: Catalog) -> str:
    """The planned dose in words, in the same wording as the library."""
    exercise = catalog.exercises[item.slug]
    dose = Dose(
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        duration_seconds=item.duration_seconds,
        per_side=item.per_side,
        rest_seconds=item.rest_seconds,
        tempo=exercise.dose.tempo,
        breathing_pace=exercise.dose.breathing_pace,
    )
    return format_dose(dose).summary


def present_plan(
    plan: Plan, starts_on: date, catalog: Catalog, language: str, today: date
) -> list[WeekView]:
    cards = ExercisePresenter(catalog, language)
    weeks = []
    with translation.override(language):
        for week in plan.weeks:
            sessions = []
            for session in week.sessions:
                day = session_date(starts_on, week.number, session.weekday)
                sessions.append(
                    SessionView(
                        week=week.number,
                        weekday=session.weekday,
                        day_label=str(WEEKDAY_LABELS[session.weekday]),
                        date=day,
                        date_label=formats.date_format(day, "l j F"),
                        minutes=session_minutes(session.seconds),
                        items=[
                            ItemView(
                                slug=item.slug,
                                card=cards.card(catalog.exercises[item.slug]),
                                role=item.role,
                                dose=item_dose(item, catalog),
                                reason=item.reason.get(language),
                                minutes=f"{item.seconds / 60:.1f}".rstrip("0").rstrip("."),
                            )
                            for item in session.items
                            if item.slug in catalog.exercises
                        ],
                        is_today=day == today,
                    )
                )
            weeks.append(WeekView(week.number, week.theme.get(language), sessions))
    return weeks


def next_session(weeks: list[WeekView], today: date) -> SessionView | None:
    upcoming = [s for w in weeks for s in w.sessions if s.date >= today]
    return min(upcoming, key=lambda s: s.date) if upcoming else None
