"""The progression engine on a member's stored plan: read the history, decide, store.

``adapt`` is called by the services that add what the engine reads (a session, a
follow-up answer, a check-in), inside their transaction, so the next session the member
opens already has its new doses. The engine (``core.progression``) is pure and takes
about a millisecond; only the reads and writes around it are here.

The engine decides against what the plan *intends* for the next session. Its own earlier
decisions are versions of the items too (source ``progression``), so they are left out of
the schedule it reads: otherwise a "hold" would become the plan and the planned rise of
week 3 would be lost. A decision is stored only when it differs from the item's latest
version, so running the engine twice on the same history changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.kernel.text import Text
from rugcoach.core.progression.engine import evaluate
from rugcoach.core.progression.models import (
    CheckIn,
    Evaluation,
    ExerciseLog,
    ItemDecision,
    SessionLog,
)
from rugcoach.core.progression.models import (
    FollowUp as FollowUpLog,
)
from rugcoach.core.schedule import Prescription, Schedule
from rugcoach.core.triage.engine import Level
from rugcoach.plans import selectors as plan_selectors
from rugcoach.plans import services as plan_services
from rugcoach.plans.models import Plan
from rugcoach.training.models import Adaptation, FollowUp, TrainingSession
from rugcoach.triage import selectors as triage_selectors
from rugcoach.triage.selectors import training_status

# The check-in question that feeds R2 ("clearly worse 24–48 hours after your last session?").
WORSE_AFTER_TRAINING = "checkin_worse_after_training"


def adapt(member: User, *, trigger: str, today: date | None = None) -> Adaptation | None:
    """Run the engine on the member's current plan and store what it decided.

    Returns the new Adaptation, or None when there is no plan or nothing changed since
    the last run (same status, reasons and doses). The caller holds the transaction and
    has checked access (``member`` is the member whose rows these are)."""
    stored = Plan.objects.select_for_update().filter(member=member, is_current=True).first()
    if stored is None or stored.paused_at is not None:
        # A paused plan stays paused (R4): no later answer lifts "see a physio first";
        # a full check after the pause and a new plan do.
        return None
    today = today or timezone.localdate()
    schedule = plan_selectors.stored_schedule(stored)
    catalog = get_catalog()
    status = training_status(member)
    blocking = status.blocking
    latest = blocking or status.latest
    evaluation = evaluate(
        intended(schedule),
        starts_on=stored.starts_on,
        today=today,
        history=session_logs(member, stored),
        check_ins=check_ins(member, since=stored.starts_on),
        level=Level(latest.level) if latest is not None else Level.TRAIN,
        red_flags=("blocked",) if blocking is not None else (),
        exercises=catalog.exercises,
        rules=catalog.progression,
    )
    changes: list[dict[str, Any]] = []
    if evaluation.status in ("stopped", "paused-advise-physio"):
        # Nothing is trained: no dose moves (a red flag must not put a lowered dose back).
        if evaluation.status == "paused-advise-physio":
            why = evaluation.reasons[0].text.en if evaluation.reasons else "R4"
            plan_services.pause_plan(stored, why=why, by=member)
    else:
        changes = _store_decisions(stored, schedule, evaluation, member)
    previous = Adaptation.objects.filter(plan=stored).first()
    reasons = [{"rule": r.rule, **r.text.model_dump()} for r in evaluation.reasons]
    if (
        previous is not None
        and not changes
        and previous.status == evaluation.status
        and previous.reasons == reasons
        and previous.session_key == (evaluation.session_key or "")
    ):
        return None
    return Adaptation.objects.create(
        member=member,
        plan=stored,
        trigger=trigger,
        status=evaluation.status,
        reasons=reasons,
        session_key=evaluation.session_key or "",
        changes=changes,
        safety_signal=evaluation.safety_signal,
        recheck_on=evaluation.recheck_on,
    )


def intended(schedule: Schedule) -> Schedule:
    """The schedule as the plan intends it: the engine's own versions left out."""
    sessions = []
    for session in schedule.sessions:
        items = []
        for item in session.items:
            kept = [v for v in item.versions if v.source != "progression"] or [item.versions[0]]
            renumbered = tuple(
                v.model_copy(update={"number": n}) for n, v in enumerate(kept, start=1)
            )
            items.append(item.model_copy(update={"versions": renumbered}))
        sessions.append(session.model_copy(update={"items": tuple(items)}))
    return schedule.model_copy(update={"sessions": tuple(sessions)})


def _store_decisions(
    stored: Plan, schedule: Schedule, evaluation: Evaluation, member: User
) -> list[dict[str, Any]]:
    """Each decision that differs from the item's latest version becomes a new version
    (or, for a swap, another exercise with the same purpose); returns the changes."""
    session = schedule.session(evaluation.session_key) if evaluation.session_key else None
    if session is None:
        return []
    # A decision without its own reason takes the plan-wide rule that fired first.
    plan_wide = evaluation.reasons[0] if evaluation.reasons else None
    versions: dict[str, tuple[Prescription, Text]] = {}
    changes: list[dict[str, Any]] = []
    for decision in evaluation.items:
        item = session.item(decision.item_key)
        if item is None:
            continue
        current = item.prescription
        why = decision.reason or plan_wide
        reason = why.text if why else None
        rule = why.rule if why else ""
        if decision.action == "swap":
            replacement = plan_services.swap_for_progression(
                stored, session_key=session.key, slug=item.slug, why=reason, by=member
            )
            if replacement is not None:
                changes.append(_change(decision, rule, reason, current, None, to=replacement))
                continue
            # Nothing else may replace it here: its lowest step, below, with the reason.
        if reason is None:
            continue
        if decision.prescription == current:
            latest = item.versions[-1]
            if (
                decision.reason is not None
                and latest.source == "progression"
                and (latest.reason != reason)
            ):
                # The same dose for another reason now (a hold "until the morning's
                # answer" that the answer turned into "one step a week"): the member
                # reads today's reason, not a stale one. Not a dose change.
                versions[item.key] = (decision.prescription, reason)
            continue
        versions[item.key] = (decision.prescription, reason)
        changes.append(_change(decision, rule, reason, current, decision.prescription))
    if versions:
        plan_services.add_progression_versions(stored, versions=versions, by=member)
    return changes


def _change(
    decision: ItemDecision,
    rule: str,
    reason: Text | None,
    before: Prescription,
    after: Prescription | None,
    *,
    to: str | None = None,
) -> dict[str, Any]:
    change: dict[str, Any] = {
        "item_key": decision.item_key,
        "slug": decision.slug,
        "action": decision.action,
        "rule": rule,
        **(reason.model_dump() if reason else {"nl": "", "en": ""}),
        "before": before.model_dump(mode="json"),
        "after": after.model_dump(mode="json") if after is not None else None,
    }
    if to is not None:
        change["to"] = to
    return change


# --- the engine's inputs from the rows ---------------------------------------------


def session_logs(member: User, stored: Plan) -> list[SessionLog]:
    """The member's sessions of this plan as the engine reads them (one query each for
    sessions, results and follow-ups, whatever the history's length)."""
    sessions = (
        TrainingSession.objects.filter(member=member, plan_session__plan=stored)
        .prefetch_related("results", "followups")
        .order_by("started_at", "id")
    )
    return [session_log(s) for s in sessions]


def session_log(session: TrainingSession) -> SessionLog:
    results = list(session.results.all())
    exercises = tuple(
        ExerciseLog(
            item_key=r.item_key,
            slug=r.slug,
            prescription=Prescription.model_validate(r.prescription),
            outcome=r.outcome,
            pain=r.pain,
            where=",".join(r.hurt_where) or None,
        )
        for r in results
        if r.outcome and r.prescription is not None
    )
    baseline = baseline_of(session)
    pains = [p for p in [session.pain_after, *(r.pain for r in results)] if p is not None]
    followups = {f.kind: f for f in session.followups.all() if f.answered_at is not None}
    return SessionLog(
        session_key=session.session_key,
        on=timezone.localdate(session.started_at),
        baseline=baseline,
        peak=max(pains, default=baseline),
        after=session.pain_after,
        effort=session.effort,
        exercises=exercises,
        next_morning=_followup(followups.get(FollowUp.Kind.NEXT_MORNING)),
        later=_followup(followups.get(FollowUp.Kind.LATER)),
    )


def baseline_of(session: TrainingSession) -> int:
    """The pain before the session. Without a score, 0: any pain after it then reads as a
    rise, which holds or lowers the dose (the safe side) and asks again at 48 h."""
    return session.pain_before if session.pain_before is not None else 0


def _followup(row: FollowUp | None) -> FollowUpLog | None:
    if row is None or row.pain is None:
        return None
    return FollowUpLog(feeling=row.feeling, pain=row.pain, stiffness=row.stiffness)


def check_ins(member: User, *, since: date, until: datetime | None = None) -> list[CheckIn]:
    """The member's check-ins from the start of ``since`` on (and at or before ``until``),
    as the progression rules read them."""
    start = timezone.make_aware(datetime.combine(since, time()))
    found = triage_selectors.checkins_since(member, start)
    if until is not None:
        found = found.filter(created_at__lte=until)
    return [
        CheckIn(on=timezone.localdate(r.created_at), clearly_worse=clearly_worse(r.answers))
        for r in found
    ]


def clearly_worse(answers: dict[str, Any]) -> bool:
    return answers.get(WORSE_AFTER_TRAINING) is True


def pain_before(member: User, started_at: datetime) -> int | None:
    """The pain of the member's last check before the session started (the check-in
    that opened it): the session's baseline."""
    check = triage_selectors.check_before(member, started_at)
    if check is None:
        return None
    value = check.answers.get("pain_now")
    return value if isinstance(value, int) and 0 <= value <= 10 else None
