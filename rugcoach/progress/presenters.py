"""A member's progress in one language: what the page and ``GET /api/progress`` show.

The rules (streak, weeks, meaningful change, the chart) are the pure core's
(``rugcoach.core.progress``); this module only gathers the rows the selectors read.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.progress.chart import ChartLabels, ChartSession, pain_chart
from rugcoach.core.progress.days import (
    CalendarDay,
    WeekMinutes,
    month_calendar,
    planned,
    streak,
    weekly_minutes,
)
from rugcoach.core.progress.outcomes import (
    PainChange,
    PsfsChange,
    Rating,
    nprs_change,
    psfs_average,
    psfs_change,
    psfs_due,
)
from rugcoach.progress import selectors
from rugcoach.progress.selectors import SessionPains
from rugcoach.training import selectors as training_selectors
from rugcoach.training.presenters import DoseChange, present_change

# The chart and its table show the latest sessions; more would crowd a phone's width.
CHART_SESSIONS = 20
WEEKS_SHOWN = 6
CHANGES_SHOWN = 20


@dataclass(frozen=True)
class PsfsSummary:
    average: float
    ratings: list[Rating]
    assessed_on: date
    change: PsfsChange | None  # None with one assessment


@dataclass(frozen=True)
class Progress:
    today: date
    streak: int
    weeks: list[WeekMinutes]
    month: date
    calendar: list[list[CalendarDay]]
    previous_month: date | None  # a month to page back to (one with sessions before it)
    next_month: date | None
    sessions: list[SessionPains]  # the chart's, oldest first
    total_sessions: int
    baseline: int | None
    chart: str
    nprs: PainChange | None
    psfs: PsfsSummary | None
    psfs_due: bool
    changes: list[DoseChange]


def dose_changes(member: User, language: str, *, viewer: User | None = None) -> list[DoseChange]:
    found: list[DoseChange] = []
    # Runs that changed no dose (a hold, a status) are not dose changes.
    adaptations = training_selectors.member_adaptations(member, viewer=viewer).exclude(changes=[])
    for adaptation in adaptations[:CHANGES_SHOWN]:
        on = timezone.localdate(adaptation.created_at)
        found.extend(present_change(change, on, language) for change in adaptation.changes)
    return found


def chart_labels(language: str) -> ChartLabels:
    with translation.override(language):
        return ChartLabels(
            title=_("Pijn per training"),
            description=_(
                "Je pijn van 0 tot 10 bij elke training: ervoor, erna en de ochtend erna, "
                "met je beginpunt als stippellijn. De tabel hieronder geeft dezelfde cijfers."
            ),
            before=_("Ervoor"),
            after=_("Erna"),
            morning=_("Ochtend erna"),
            baseline=_("Beginpunt"),
            axis=_("Pijn (0–10)"),
        )


def progress(
    member: User,
    today: date,
    language: str,
    *,
    month: date | None = None,
    viewer: User | None = None,
) -> Progress:
    """``month``: the calendar's month (its first day); this month when None or later."""
    outcomes = get_catalog().outcomes
    this_month = today.replace(day=1)
    shown_month = min(month or this_month, this_month)
    sessions = selectors.session_pains(member, viewer=viewer)
    per_day = Counter(s.on for s in sessions)
    plan = planned(selectors.plan_spans(member, viewer=viewer))
    scored = [s for s in sessions if s.before is not None]
    baseline = scored[0].before if scored else None
    nprs = None
    if len(scored) >= 2 and scored[0].before is not None and scored[-1].before is not None:
        nprs = nprs_change(scored[0].before, scored[-1].before, outcomes.nprs_change)
    shown = sessions[-CHART_SESSIONS:]
    chart = pain_chart(
        [ChartSession(s.on, s.before, s.after, s.morning) for s in shown],
        baseline,
        chart_labels(language),
    )
    assessments = list(selectors.member_psfs(member, viewer=viewer))
    psfs = None
    if assessments:
        latest = _ratings(assessments[0].activities)
        change = (
            psfs_change(_ratings(assessments[-1].activities), latest, outcomes.psfs)
            if len(assessments) > 1
            else None
        )
        psfs = PsfsSummary(
            psfs_average(latest), latest, timezone.localdate(assessments[0].created_at), change
        )
    last_psfs = timezone.localdate(assessments[0].created_at) if assessments else None
    return Progress(
        today=today,
        streak=streak(per_day, today, rest_days=outcomes.streak.rest_days, plan=plan),
        weeks=weekly_minutes(((s.on, s.seconds) for s in sessions), today, WEEKS_SHOWN),
        month=shown_month,
        calendar=month_calendar(shown_month.year, shown_month.month, per_day, today),
        previous_month=(
            _previous(shown_month) if sessions and sessions[0].on < shown_month else None
        ),
        next_month=_next(shown_month) if shown_month < this_month else None,
        sessions=shown,
        total_sessions=len(sessions),
        baseline=baseline,
        chart=chart,
        nprs=nprs,
        psfs=psfs,
        psfs_due=psfs_due(last_psfs, today, outcomes.psfs_due.every_days),
        changes=dose_changes(member, language, viewer=viewer),
    )


def _previous(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def _next(month: date) -> date:
    return (month + timedelta(days=31)).replace(day=1)


def _ratings(activities: list[dict[str, Any]]) -> list[Rating]:
    return [Rating(str(a["name"]), int(a["score"])) for a in activities]
