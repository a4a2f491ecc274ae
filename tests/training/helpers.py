"""A member whose plan has a session today, and the check-in before it."""

import uuid
from datetime import timedelta

from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.schedule import BreathingCount, Prescription
from rugcoach.plans.models import Plan, PlanItem, PlanSession, PrescriptionVersion
from rugcoach.training import services
from rugcoach.training.models import FollowUp, TrainingSession
from rugcoach.training.services import ExerciseReport, SessionReport
from rugcoach.triage.models import TriageResult
from rugcoach.triage.services import record_checkin
from tests.api.test_triage_api import checkin_answers
from tests.clock import days_ago


def plan_starting_today(member: User) -> PlanSession:
    """Move the member's current plan so its first session is today; that session."""
    plan = Plan.objects.get(member=member, is_current=True)
    first = plan.sessions.order_by("day_offset", "order").first()
    assert first is not None
    plan.starts_on = timezone.localdate() - timedelta(days=first.day_offset)
    plan.save(update_fields=["starts_on"])
    return first


def checks_made_yesterday(member: User) -> None:
    """The full check (and any check-in) was yesterday: today's check-in is still due."""
    TriageResult.objects.filter(member=member).update(created_at=days_ago(1))


def check_in(member: User, **changes: object) -> TriageResult:
    return record_checkin(member, checkin_answers(get_catalog().triage, **changes))


def with_exercises(session: PlanSession, doses: list[tuple[str, Prescription]]) -> list[PlanItem]:
    """Replace the session's exercises by these (main exercises, in order, each with its
    dose as the planner's version 1); their items."""
    session.items.all().delete()
    reason = {"nl": "Voor je rug.", "en": "For your back."}
    items = []
    for order, (slug, dose) in enumerate(doses):
        item = PlanItem.objects.create(
            session=session,
            key=f"{session.key}.{order}",
            order=order,
            slug=slug,
            role="main",
            reason=reason,
            step="base",
        )
        PrescriptionVersion.objects.create(
            item=item,
            number=1,
            prescription=dose.model_dump(mode="json"),
            reason=reason,
            source="planner",
        )
        items.append(item)
    return items


def short_session(session: PlanSession) -> PlanSession:
    """Replace the session's exercises with a short one that has everything the player
    shows: a hold per side with a rest between two sets, paced breathing, and
    repetitions at a tempo (the library's)."""
    with_exercises(
        session,
        [
            (
                "side-plank-knee",
                Prescription(sets=2, hold_seconds=5, per_side=True, rest_seconds=10),
            ),
            (
                "belly-breathing-supine",
                Prescription(sets=1, reps=2, breathing=BreathingCount(inhale=4, exhale=6)),
            ),
            ("glute-bridge", Prescription(sets=1, reps=3)),
        ],
    )
    return session


def main_items(session: PlanSession) -> list[PlanItem]:
    return list(session.items.filter(role="main").order_by("order"))


def in_next_session(first: PlanSession) -> PlanItem:
    """A main exercise of the first session that the next session has too."""
    following = (
        PlanSession.objects.filter(plan=first.plan, day_offset__gt=first.day_offset)
        .order_by("day_offset", "order")
        .first()
    )
    slugs = set(following.items.filter(role="main").values_list("slug", flat=True))
    return next(item for item in main_items(first) if item.slug in slugs)


def later_item(first: PlanSession, slug: str) -> PlanItem:
    """The same exercise in the plan's next session that has it."""
    return (
        PlanItem.objects.filter(
            session__plan=first.plan, slug=slug, session__day_offset__gt=first.day_offset
        )
        .order_by("session__day_offset")
        .first()
    )


def train(member, session: PlanSession, outcomes: dict[str, tuple[str, int | None]], **kw):
    started = timezone.now()  # just after the check-in
    results = tuple(
        ExerciseReport(
            slug=item.slug,
            item_key=item.key,
            sets_done=1,
            outcome=outcomes.get(item.slug, ("right", None))[0],
            pain=outcomes.get(item.slug, ("right", None))[1],
            hurt_where=("lower_back",) if outcomes.get(item.slug, ("",))[0] == "hurt" else (),
        )
        for item in session.items.order_by("order")
    )
    stored, created = services.record_session(
        member,
        SessionReport(
            client_key=uuid.uuid4(),
            plan_session=session.pk,
            started_at=started,
            finished_at=started + timedelta(minutes=15),
            completed=True,
            pain_after=kw.get("pain_after", 2),
            results=results,
        ),
    )
    assert created
    return stored


# Glute bridge as weeks 1–2 give it in a 15-minute session: its base (3 × 12) less a set.
BRIDGE_WEEK_1 = Prescription(sets=2, reps=12, rest_seconds=45)


def only_glute_bridge(session: PlanSession) -> PlanItem:
    """Make the session one glute bridge at its week-1 dose; its item."""
    [item] = with_exercises(session, [("glute-bridge", BRIDGE_WEEK_1)])
    return item


def next_session(first: PlanSession) -> PlanSession:
    return (
        PlanSession.objects.filter(plan=first.plan, day_offset__gt=first.day_offset)
        .order_by("day_offset", "order")
        .first()
    )


def the_next_morning(session: TrainingSession) -> FollowUp:
    """It is the morning after the session: its question is due (asked from 08:00)."""
    FollowUp.objects.filter(session=session).update(due_at=timezone.now() - timedelta(minutes=1))
    return FollowUp.objects.get(session=session, kind=FollowUp.Kind.NEXT_MORNING)
