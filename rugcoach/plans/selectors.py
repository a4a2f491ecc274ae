"""Reads for personal plans, always scoped to one member."""

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db import DEFAULT_DB_ALIAS
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from pydantic import TypeAdapter

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.compiled import CompiledQuery
from rugcoach.content import get_catalog
from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Condition, Situation
from rugcoach.core.library.exercises import Exercise
from rugcoach.core.planner import Excluded, Focus, Plan, Profile, SelfTests
from rugcoach.core.planner.pregnancy import due_date_from_week, due_date_problem, pregnancy_stage
from rugcoach.core.planner.schedule import SCHEDULE_KIND, library_pace, plan_schedule
from rugcoach.core.planner.selftests import (
    SelfTestOffer,
    offered_self_tests,
    self_test_blockers,
)
from rugcoach.core.programs.suggest import triggers_from_check
from rugcoach.core.schedule import Item as ScheduleItem
from rugcoach.core.schedule import (
    Prescription,
    PrescriptionVersion,
    Schedule,
    ScheduleSession,
)
from rugcoach.core.triage.engine import Level, Verdict, aged_answers
from rugcoach.plans import models
from rugcoach.triage.models import TriageResult
from rugcoach.triage.selectors import TrainingStatus, training_status

# Each read of a member's rows asks rugcoach.accounts.access first (viewer: who reads;
# None is the member themselves).


# Read on every plan page, and by the player and the programs: compiled once
# (rugcoach/compiled.py).
_INTAKE = CompiledQuery(
    lambda member_id: models.Intake.objects.filter(member_id=member_id).order_by("pk")[:1]
)
_CURRENT_PLAN = CompiledQuery(
    lambda member_id: models.Plan.objects.filter(member_id=member_id, is_current=True)[:1]
)


def intake_of(member: User, *, viewer: User | None = None) -> models.Intake | None:
    return _INTAKE.first(access.reads(member, viewer).pk)


def current_plan(member: User, *, viewer: User | None = None) -> models.Plan | None:
    return _CURRENT_PLAN.first(access.reads(member, viewer).pk)


# How many earlier plans the plan page names (by the day each was made).
EARLIER_PLANS_SHOWN = 10

_EARLIER_PLANS = CompiledQuery(
    lambda member_id: models.Plan.objects.filter(member_id=member_id, is_current=False).only(
        "id", "created_at", "starts_on"
    )[:EARLIER_PLANS_SHOWN]
)


def earlier_plans(member: User, *, viewer: User | None = None) -> list[models.Plan]:
    """The member's latest plans before the current one, newest first (their days only)."""
    return _EARLIER_PLANS.all(access.reads(member, viewer).pk)


def active_feed(
    member: User, kind: str, *, viewer: User | None = None
) -> models.CalendarFeed | None:
    return models.CalendarFeed.objects.filter(
        member=access.reads(member, viewer), kind=kind, revoked_at__isnull=True
    ).first()


def feed_by_token(token: str) -> models.CalendarFeed | None:
    return (
        models.CalendarFeed.objects.select_related("member")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )


def parsed_plan(stored: models.Plan) -> Plan:
    return Plan.model_validate(stored.plan)


@dataclass(frozen=True)
class PlanOutline:
    """What the plan page shows of the planner's output beside the schedule."""

    focus: tuple[Focus, ...]
    reasons: tuple[Text, ...]
    excluded: tuple[Excluded, ...]


# Each read as ``Plan`` declares it, without validating the four weeks around it: the
# page takes those from the rows, and they are 9 in 10 of the JSON (issue 16).
_OUTLINE = {
    name: TypeAdapter(Plan.model_fields[name].annotation)
    for name in ("focus", "reasons", "excluded")
}


def plan_outline(stored: models.Plan) -> PlanOutline:
    """The plan's focus areas, reasons and left-out exercises, as generated."""
    return PlanOutline(
        **{name: adapter.validate_python(stored.plan[name]) for name, adapter in _OUTLINE.items()}
    )


def outline_json(stored: models.Plan) -> tuple[object, ...]:
    """What ``plan_outline`` reads, as the row holds it (decoded, not validated): the
    plan page's kept body is keyed with it (plans/body.py)."""
    return tuple(stored.plan.get(name) for name in _OUTLINE)


def parsed_intake(intake: models.Intake) -> tuple[Profile, SelfTests]:
    return Profile.model_validate(intake.profile), SelfTests.model_validate(intake.self_tests or {})


def plan_predates_pregnancy_weeks(stored: models.Plan) -> bool:
    """A pregnancy plan from before plans followed the week of pregnancy per session
    (plan version 1, built from a trimester): it may lie on the back after week 13."""
    return stored.profile.get("situation") == "pregnancy" and stored.plan.get("version", 1) < 2


def plan_is_stale(stored: models.Plan, status: TrainingStatus) -> bool:
    """A newer full check with another level or other conditions than the plan was
    built for: the plan may now hold exercises that no longer suit the member (or a
    pregnancy plan made before the week of pregnancy counted)."""
    if plan_predates_pregnancy_weeks(stored):
        return True
    if status.triage is None or status.triage.created_at <= stored.created_at:
        return False
    then, now = stored.verdict, status.triage.verdict
    return then.get("level") != now.get("level") or sorted(then.get("conditions", [])) != sorted(
        now.get("conditions", [])
    )


@dataclass(frozen=True)
class TrainerPause:
    """A trainer's pause of a plan, as the member reads it."""

    since: datetime
    reason: str


TRAINER_REASON_PREFIX = "trainer: "


def trainer_pause(stored: models.Plan) -> TrainerPause | None:
    """When and why a trainer paused ``stored``; None while it runs, and for the
    progression engine's pause (R4), which its own panel explains. A pause without a
    revision saying who made it counts as the engine's: safety first, its stricter rule
    (a new full check) applies (``adjust.resume``). One query, only for a paused plan."""
    if stored.paused_at is None:
        return None
    revision = (
        stored.revisions.filter(what__kind="paused")
        .order_by("-number")
        .only("changed_by", "why")
        .first()
    )
    if revision is None or revision.changed_by != "trainer":
        return None
    return TrainerPause(stored.paused_at, revision.why.removeprefix(TRAINER_REASON_PREFIX))


def checked_since_pause(stored: models.Plan, status: TrainingStatus) -> bool:
    """Whether a full check was made after ``stored`` was paused: the only thing that
    lifts the progression engine's "see a physio first" (R4), for a new plan
    (``services.generate_plan``) and for a trainer's resume (``adjust.resume``) alike."""
    if stored.paused_at is None:
        return True
    return status.triage is not None and status.triage.created_at > stored.paused_at


def governing_verdict(status: TrainingStatus) -> Verdict | None:
    """The verdict a plan is built for now: a later check-in that forbids training
    outranks the full check's verdict (``TrainingStatus.blocking`` decides which)."""
    governing = status.blocking or status.triage
    return governing.stored_verdict if governing is not None else None


def plan_fits_check(stored: models.Plan, check: TriageResult) -> bool:
    """Whether today's check allows what the plan was made for: a level no more severe
    and no condition the plan did not take into account."""
    made_for = stored.verdict
    then = Level(made_for.get("level", Level.TRAIN.value)).severity
    conditions = set(check.verdict.get("conditions", []))
    return Level(check.level).severity <= then and conditions <= set(made_for.get("conditions", []))


def usable_plan(member: User) -> tuple[models.Plan | None, TrainingStatus]:
    """The current plan, only when the member may train on it now; else None."""
    status = training_status(member)
    stored = current_plan(member)
    if stored is None or not status.may_train or plan_is_stale(stored, status):
        return None, status
    return stored, status


def self_test_offers(member: User, profile: Profile, today: date) -> tuple[SelfTestOffer, ...]:
    """The self-tests this member may do today, each as usual, as a safe version, or
    skipped with the reason (rules: content/planner.yaml, self_tests)."""
    triage = training_status(member).triage
    verdict = triage.stored_verdict if triage is not None else None
    conditions = set(verdict.conditions) if verdict is not None else set()
    answers = triage.answers if triage is not None else {}
    # The check gives the 'hernia' condition only when a professional has examined it.
    cleared = Condition.HERNIA in conditions or answers.get("cleared_by_professional") is True
    known = (
        profile.situation is Situation.HERNIA_LUMBAGO
        or answers.get("earlier_hernia_or_stenosis") is True
        or Condition.HERNIA in conditions
    )
    week = pregnancy_stage(profile.due_date, today).week if profile.due_date else None
    blockers = self_test_blockers(
        conditions=conditions, pregnancy_week=week, hernia_known=known, hernia_cleared=cleared
    )
    return offered_self_tests(blockers, get_catalog().planner.self_tests)


def _check_answers_today(triage: TriageResult) -> dict[str, object]:
    """The full check's answers as they stand today (weeks of complaints grow with time;
    the triage's own ageing rules)."""
    days = (timezone.localdate() - timezone.localdate(triage.created_at)).days
    aged, _expired = aged_answers(triage.answers, get_catalog().triage, max(days, 0))
    return dict(aged)


def intake_hints(member: User) -> dict[str, object]:
    """A first intake's prefill from the latest full check, so the intake never asks
    again what the check knows; the member sees it filled in and may change it:

    - ``duration_weeks`` (aged to today) → how many weeks the complaints last;
    - ``pregnancy_week`` → the situation 'pregnant' and a plausible due date to confirm;
    - ``stress_tension`` (the back tightens with stress) → the trigger 'stress';
    - ``training_load`` (hard training, little rest) → the trigger 'lifting or heavy
      training'.
    """
    triage = training_status(member).triage
    if triage is None:
        return {}
    answers = _check_answers_today(triage)
    hints: dict[str, object] = {}
    weeks = answers.get("duration_weeks")
    if isinstance(weeks, int) and not isinstance(weeks, bool):
        hints["complaint_weeks"] = weeks
    triggers = sorted(trigger.value for trigger in triggers_from_check(answers))
    if triggers:
        hints["triggers"] = triggers
    week = triage.answers.get("pregnancy_week")
    if isinstance(week, int) and not isinstance(week, bool) and 0 <= week <= 42:
        checked_on = timezone.localtime(triage.created_at).date()
        due = due_date_from_week(week, checked_on)
        if due_date_problem(due, timezone.localdate()) is None:
            hints.update(situation=Situation.PREGNANCY.value, due_date=due)
    return hints


def self_test_hints(member: User) -> dict[str, str]:
    """The self-test page's prefill from the latest full check: a back that tightens with
    stress → some stress ('medium', the member may say more); hard training with little
    rest → a high training load. A 'no' tells too little to fill in a level."""
    triage = training_status(member).triage
    if triage is None:
        return {}
    hints = {}
    if triage.answers.get("stress_tension") is True:
        hints["stress"] = "medium"
    if triage.answers.get("training_load") is True:
        hints["training_load"] = "high"
    return hints


# A schedule's rows as the database holds them: one tuple per prescription version (a
# session without items gives one with the item's columns None), ordered; the JSON columns
# are their text, not decoded. Plain values only, so the rows can be compared and hashed:
# the plan page keys its rendered body with them (plans/body.py).
ScheduleRows = tuple[tuple[object, ...], ...]

_SCHEDULE_COLUMNS = (
    "id", "key", "day_offset", "order", "title", "seconds", "note",
    "items__id", "items__key", "items__order", "items__slug", "items__role",
    "items__reason", "items__focus", "items__replaces", "items__step",
    "items__versions__number", "items__versions__prescription",
    "items__versions__reason", "items__versions__source",
)  # fmt: skip
_SCHEDULE_JSON = (
    "title",
    "items__reason",
    "items__versions__prescription",
    "items__versions__reason",
)


def _as_text(column: str) -> str:
    return "text_" + column.replace("__", "_")


def schedule_query(plan_id: int, using: str = DEFAULT_DB_ALIAS) -> QuerySet[models.PlanSession]:
    """The one query of a plan's schedule rows, as the ORM builds it."""
    columns = [_as_text(c) if c in _SCHEDULE_JSON else c for c in _SCHEDULE_COLUMNS]
    return (
        models.PlanSession.objects.using(using)
        .filter(plan_id=plan_id)
        .annotate(**{_as_text(c): Cast(c, TextField()) for c in _SCHEDULE_JSON})
        .order_by(
            "day_offset", "order", "id", "items__order", "items__id", "items__versions__number"
        )
        .values_list(*columns)
    )


# Building and compiling this three-table join cost the ORM ~0.6 ms on every plan page,
# four times the database's own work; only the plan's id differs from one view to the next.
_SCHEDULE = CompiledQuery(schedule_query)


def schedule_rows(stored: models.Plan) -> ScheduleRows:
    """Every row of the plan's schedule, in one query whatever the plan's size: the
    sessions joined with their items and the items' prescription versions, as plain
    values (see ``ScheduleRows``); ``schedule_query`` is the query, run from its SQL
    compiled once. ``stored`` comes from a selector that asked the access policy
    (``current_plan``, ``usable_plan``), so the viewer was checked there."""
    return _SCHEDULE.values(stored.pk, using=stored._state.db or DEFAULT_DB_ALIAS)


def stored_schedule(stored: models.Plan) -> Schedule:
    """The plan's schedule from its rows: sessions, items with stable keys, and every
    prescription version (the latest is what to do next time). Tempo and breathing pace
    are the exercise's own, from the library.

    One query whatever the plan's size (``schedule_rows``). The plan page reads every row
    of a plan on every view; three queries of model instances with a prefetched queryset
    per row cost it more than the rest of the page (issue 16)."""
    rows = schedule_rows(stored)
    if not rows:  # made outside the services (e.g. a fixture): the planner's JSON
        return plan_schedule(parsed_plan(stored), get_catalog().exercises)
    return schedule_from_rows(rows)


def schedule_from_rows(rows: ScheduleRows) -> Schedule:
    """The Schedule that ``schedule_rows`` read (at least one row)."""
    exercises = get_catalog().exercises
    sessions: dict[int, tuple] = {}  # id → the session's columns, in the query's order
    items: dict[int, dict[int, tuple]] = defaultdict(dict)  # session → item id → columns
    versions: dict[int, list[PrescriptionVersion]] = defaultdict(list)  # item id → versions
    for row in rows:
        session_id, item_id, slug = row[0], row[7], row[10]
        sessions.setdefault(session_id, row[1:7])
        if item_id is None:  # a session without exercises (LEFT JOIN)
            continue
        items[session_id].setdefault(item_id, row[8:16])
        number, prescription, reason, source = row[16:20]
        versions[item_id].append(
            PrescriptionVersion(
                number=number,
                prescription=_with_library_pace(json.loads(prescription), exercises.get(slug)),
                reason=Text.model_validate_json(reason),
                source=source,
            )
        )
    return Schedule(
        kind=SCHEDULE_KIND,
        sessions=tuple(
            ScheduleSession(
                key=key,
                day_offset=day_offset,
                order=order,
                title=_optional_text(title),
                seconds=seconds,
                items=tuple(
                    ScheduleItem(
                        key=item_key,
                        order=item_order,
                        slug=slug,
                        role=role,
                        reason=Text.model_validate_json(reason),
                        focus=focus or None,
                        replaces=replaces or None,
                        step=step,
                        versions=tuple(versions[item_id]),
                    )
                    for item_id, (
                        item_key,
                        item_order,
                        slug,
                        role,
                        reason,
                        focus,
                        replaces,
                        step,
                    ) in items[session_id].items()
                ),
                note=note or None,
            )
            for session_id, (key, day_offset, order, title, seconds, note) in sessions.items()
        ),
    )


def _optional_text(raw: object) -> Text | None:
    data = json.loads(raw) if isinstance(raw, str) else None
    return Text.model_validate(data) if data else None


def _with_library_pace(data: dict, exercise: Exercise | None) -> Prescription:
    prescription = Prescription.model_validate(data)
    if exercise is None or prescription.tempo or prescription.breathing:
        return prescription
    tempo, breathing = library_pace(exercise.dose)
    return prescription.model_copy(update={"tempo": tempo, "breathing": breathing})


def doses_given(
    stored: models.Plan, shown: Mapping[str, int | None], at: datetime
) -> dict[str, dict]:
    """Each item's prescription (JSON) as the member was given it: the version the player
    says it showed (item key → version number), or, where it does not say, the latest
    version made by ``at`` (the session's start). One query."""
    found: dict[str, dict] = {}
    by_time: dict[str, dict] = {}
    versions = (
        models.PrescriptionVersion.objects.filter(
            item__session__plan=stored, item__key__in=list(shown)
        )
        .values_list("item__key", "number", "created_at", "prescription")
        .order_by("item__key", "number")
    )
    for key, number, created_at, prescription in versions:
        if shown[key] == number:
            found[key] = prescription
        if created_at <= at or key not in by_time:
            by_time[key] = prescription  # the first version stands even if made after ``at``
    return {key: found.get(key, by_time[key]) for key in by_time}
