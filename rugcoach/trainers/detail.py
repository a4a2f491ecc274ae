"""A member as their trainer sees them (issue 15 §4, member detail): intake and
self-tests, checks, the current schedule, the pain chart, adherence, dose changes with
reasons, PSFS and notes; and the plan's items the trainer may adjust.

Access: the member must be one the viewer reaches (``access.reachable_member_ids``; any
other id is a 404, never a peek), and the page is one read, logged once with
``access.reads(member, viewer, what="member-detail")``. The reads after that go through
the apps' own selectors and presenters as the member (no second log entry per panel):
the one decision is taken, and logged, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.schedule import Schedule
from rugcoach.plans import models as plan_models
from rugcoach.plans import selectors as plan_selectors
from rugcoach.plans.presenters import item_dose
from rugcoach.progress.presenters import Progress, progress
from rugcoach.trainers.models import AlertHandled, MemberNote
from rugcoach.trainers.presenters import AlertView, present_alerts
from rugcoach.trainers.selectors import (
    _members,
    consented_ids,
    level_labels,
    member_alerts,
)
from rugcoach.training.models import Adaptation, TrainingSession
from rugcoach.training.selectors import member_adaptations, member_sessions
from rugcoach.triage.models import TriageResult
from rugcoach.triage.selectors import TrainingStatus, member_results, training_status

CHECKS_SHOWN = 20
SESSIONS_SHOWN = 20


@dataclass(frozen=True)
class ItemRow:
    key: str
    slug: str
    name: str
    role: str
    dose: str
    changed_by_trainer: bool
    why_changed: str


@dataclass(frozen=True)
class SessionRow:
    key: str
    on: date
    items: list[ItemRow]


@dataclass(frozen=True)
class WeekRow:
    """One week of the plan on the trainer's member page; only the current one is open,
    so four weeks of exercises don't make the page four screens long on a tablet."""

    number: int
    first_day: date
    last_day: date
    sessions: list[SessionRow]
    current: bool


def plan_weeks(rows: list[SessionRow], starts_on: date, today: date) -> list[WeekRow]:
    """The sessions by plan week (week 1 starts on the plan's first day). The current week
    holds today; before the plan starts that is week 1, after it ends the last week."""
    by_week: dict[int, list[SessionRow]] = {}
    for row in rows:
        by_week.setdefault((row.on - starts_on).days // 7, []).append(row)
    if not by_week:
        return []
    current = min(max((today - starts_on).days // 7, min(by_week)), max(by_week))
    return [
        WeekRow(
            number=index + 1,
            first_day=starts_on + timedelta(days=7 * index),
            last_day=starts_on + timedelta(days=7 * index + 6),
            sessions=sessions,
            current=index == current,
        )
        for index, sessions in sorted(by_week.items())
    ]


@dataclass(frozen=True)
class Adherence:
    planned: int
    """Sessions of the current plan dated up to today."""
    done: int
    """Of those, the ones trained."""

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.planned) if self.planned else None


@dataclass(frozen=True)
class MemberDetail:
    member: User
    name: str
    consent_at: datetime
    status: TrainingStatus
    intake: dict[str, Any] | None
    focus: list[tuple[str, str]]
    self_tests: dict[str, Any]
    checks: list[TriageResult]
    red_levels: frozenset[str]
    level_labels: dict[str, str]
    plan: plan_models.Plan | None
    plan_weeks: list[WeekRow]
    adherence: Adherence | None
    progress: Progress
    sessions: list[TrainingSession]
    adaptations: list[Adaptation]
    notes: list[MemberNote]
    open_alerts: list[AlertView]
    handled_alerts: list[AlertView]


def reachable_member(viewer: User, member_id: int, *, what: str | None) -> User:
    """The member, once the viewer may read their health data (else 404), logged once as
    a read of ``what``. ``what=None`` for a form post: the service's
    ``access.changes`` authorizes and logs the change itself (one row, not two)."""
    ids = consented_ids(viewer)
    if ids is None:  # no member reachable at all: the same 404 as any other
        raise Http404("no such member")
    member = get_object_or_404(User.objects.filter(pk__in=ids), pk=member_id)
    if what is None:
        return member
    return access.reads(member, viewer, what=what)


def plan_rows(schedule: Schedule, starts_on: date, language: str) -> list[SessionRow]:
    exercises = get_catalog().exercises
    rows = []
    for session in schedule.sessions:
        items = []
        for item in session.items:
            exercise = exercises.get(item.slug)
            why = item.why_changed
            items.append(
                ItemRow(
                    key=item.key,
                    slug=item.slug,
                    name=exercise.name.get(language) if exercise else item.slug,
                    role=item.role,
                    dose=item_dose(item),
                    changed_by_trainer=item.versions[-1].source == "trainer",
                    why_changed=why.get(language) if why else "",
                )
            )
        rows.append(SessionRow(session.key, starts_on + timedelta(days=session.day_offset), items))
    return rows


def _intake(profile: dict[str, Any], language: str) -> dict[str, Any]:
    catalog = get_catalog()
    vocabulary, planner = catalog.vocabulary, catalog.planner
    situation = profile.get("situation")
    situations = {key.value: text for key, text in vocabulary.situations.items()}
    equipment = {key.value: text for key, text in vocabulary.equipment.items()}
    weekdays = {key.value: text for key, text in planner.weekdays.items()}
    return {
        "situation": situations[situation].get(language) if situation in situations else "",
        "due_date": profile.get("due_date"),
        "minutes": profile.get("minutes_per_session"),
        "weekdays": [
            weekdays[d].get(language) for d in profile.get("weekdays", []) if d in weekdays
        ],
        "equipment": [
            equipment[e].get(language) for e in profile.get("equipment", []) if e in equipment
        ],
        "complaint_weeks": profile.get("complaint_weeks"),
    }


def _adherence(stored: plan_models.Plan, today: date) -> Adherence:
    offset = (today - stored.starts_on).days
    due = stored.sessions.filter(day_offset__lte=offset)
    return Adherence(
        planned=due.count(), done=due.filter(trainings__isnull=False).distinct().count()
    )


def member_detail(viewer: User, member_id: int, *, now: datetime | None = None) -> MemberDetail:
    now = now or timezone.now()
    language = translation.get_language()
    member = reachable_member(viewer, member_id, what="member-detail")
    # From here on the member's own selectors: the read was decided and logged above.
    today = timezone.localdate(now)
    status = training_status(member)
    intake = plan_selectors.intake_of(member)
    stored = plan_selectors.current_plan(member)
    focus: list[tuple[str, str]] = []
    rows: list[SessionRow] = []
    if stored is not None:
        plan = plan_selectors.parsed_plan(stored)
        # The area's name, not its key ("Bilspieren activeren", not "glute-activation").
        areas = get_catalog().planner.focus_areas
        focus = [(areas[f.area].label.get(language), f.reason.get(language)) for f in plan.focus]
        rows = plan_rows(plan_selectors.stored_schedule(stored), stored.starts_on, language)
    members = _members(viewer, User.objects.filter(pk=member.pk).values_list("pk", flat=True))
    consent_at = members[0].consent_at if members else member.date_joined
    found = member_alerts([member.pk], members, now)
    handled = {h.key: h for h in AlertHandled.objects.filter(member=member)}
    name = member.get_full_name() or member.email
    views = present_alerts(found, names={member.pk: name}, handled=lambda a: handled.get(a.key))
    rules = get_catalog().coaching
    return MemberDetail(
        member=member,
        name=member.get_full_name() or member.email,
        consent_at=consent_at,
        status=status,
        intake=_intake(intake.profile, language) if intake is not None else None,
        focus=focus,
        self_tests=dict(intake.self_tests or {}) if intake is not None else {},
        checks=list(member_results(member)[:CHECKS_SHOWN]),
        red_levels=frozenset(level.value for level in rules.red_flag.levels),
        level_labels=level_labels(),
        plan=stored,
        plan_weeks=plan_weeks(rows, stored.starts_on, today) if stored is not None else [],
        adherence=_adherence(stored, today) if stored is not None else None,
        progress=progress(member, today, language),
        sessions=list(member_sessions(member).order_by("-started_at", "-id")[:SESSIONS_SHOWN]),
        adaptations=list(member_adaptations(member)[:CHECKS_SHOWN]),
        notes=list(MemberNote.objects.filter(member=member)),
        open_alerts=[v for v in views if v.handled is None],
        handled_alerts=[v for v in views if v.handled is not None],
    )
