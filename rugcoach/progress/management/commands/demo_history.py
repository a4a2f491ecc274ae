"""Two weeks of training for the demo members, so `make run` shows progress at once.

For each demo member without a plan: a calm safety check and an intake two weeks ago, the
plan from that Monday, and every session since trained through the same services the app
uses (the check-in before it, the player's results, the next morning's answer), so the
progression engine adapts the plan as it would have. The last session's question is left
open: the home and plan pages ask it. Refused outside DEBUG, like the demo accounts.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from uuid import uuid4

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.planner import Profile, SelfTests
from rugcoach.core.triage.engine import evaluate
from rugcoach.plans import services as plan_services
from rugcoach.plans.models import Plan, PlanSession
from rugcoach.progress.models import PsfsAssessment
from rugcoach.progress.services import record_psfs
from rugcoach.training import services as training
from rugcoach.training.models import Adaptation, FollowUp
from rugcoach.triage.calm import calm_answers
from rugcoach.triage.services import record_result

MEMBERS = ("lid@rugcoach.test", "member@rugcoach.test")
PROFILE = Profile(
    situation="home",
    minutes_per_session=15,
    weekdays=("mon", "wed", "fri"),
    complaint_weeks=10,
    triggers=frozenset({"long-sitting"}),
)
TRAINED_AT = time(18, 30)
# Per session: the pain at the check-in, the pain after, the next morning (feeling, pain),
# and which main exercise hurt (its order among the mains) with how much. Pain eases over
# two weeks, with one exercise that hurt and one morning that was worse for a while.
SESSIONS = [
    (4, 3, ("same", 4), None),
    (4, 3, ("better", 3), None),
    (3, 4, ("same", 3), (0, 6)),
    (3, 3, ("worse", 4), None),
    (3, 2, ("better", 2), None),
    (2, 2, None, None),  # the question of the last session is still open
]
ACTIVITIES = {
    "nl": [("Lang zitten op kantoor", 4), ("Boodschappen tillen", 5), ("Hardlopen", 3)],
    "en": [("Sitting at the office", 4), ("Lifting shopping bags", 5), ("Running", 3)],
}


class Command(BaseCommand):
    help = "Give the demo members two weeks of training history (refused when DEBUG is off)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo data is for local use only (DJANGO_DEBUG=0 is set).")
        for email in MEMBERS:
            member = User.objects.filter(email=email).first()
            if member is None or Plan.objects.filter(member=member).exists():
                continue
            with transaction.atomic():
                sessions = self._history(member)
            self.stdout.write(f"  {email}: a plan with {sessions} sessions trained")

    def _history(self, member: User) -> int:
        today = timezone.localdate()
        start = today - timedelta(days=14 + today.weekday())  # the Monday two weeks back
        triage = get_catalog().triage
        answers = calm_answers(triage)
        answers["pain_now"] = 4
        record_result(member, answers, evaluate(answers, triage), created_at=_at(start, time(9)))
        plan_services.save_intake(member, PROFILE, SelfTests(bridge_felt_in="lower-back"))
        stored = plan_services.generate_plan(member, start).plan
        assert stored is not None, "a calm check and a home intake always give a plan"
        psfs = record_psfs(member, activities=ACTIVITIES[member.preferred_language])
        PsfsAssessment.objects.filter(pk=psfs.pk).update(created_at=_at(start, time(9, 5)))
        past = PlanSession.objects.filter(
            plan=stored, day_offset__lt=(today - start).days
        ).order_by("day_offset", "order")
        trained = 0
        for row, (before, after, morning, hurt) in zip(past, SESSIONS, strict=False):
            day = start + timedelta(days=row.day_offset)
            checkin = calm_answers(triage)
            checkin["pain_now"] = before
            check = {key: value for key, value in checkin.items() if triage.questions[key].checkin}
            checked_at = _at(day, TRAINED_AT) - timedelta(minutes=5)
            with _dated(member, checked_at):
                record_result(
                    member,
                    check,
                    evaluate({**answers, **check}, triage, checkin=True),
                    created_at=checked_at,
                )
            # Each day as it came: the engine decides the session after this one, and its
            # runs are dated when they would have happened.
            with _dated(member, _at(day, TRAINED_AT) + timedelta(minutes=20)):
                stored_session, _ = training.record_session(
                    member, _report(row, day, after, hurt, member.preferred_language), today=day
                )
            trained += 1
            if morning is None:
                continue
            followup = FollowUp.objects.get(session=stored_session, kind="next_morning")
            feeling, pain = morning
            morning_after = day + timedelta(days=1)
            with _dated(member, _at(morning_after, time(8, 30))):
                training.answer_followup(
                    member, followup_id=followup.pk, feeling=feeling, pain=pain, today=morning_after
                )
            later = FollowUp.objects.filter(session=stored_session, kind="later").first()
            if later is not None:  # a worse morning that passed by 48 hours (R5)
                two_days = day + timedelta(days=2)
                with _dated(member, _at(two_days, time(19))):
                    training.answer_followup(
                        member, followup_id=later.pk, feeling="same", pain=before, today=two_days
                    )
        return trained


@contextmanager
def _dated(member: User, moment: datetime) -> Iterator[None]:
    """The engine's runs made inside are dated ``moment``, and so are their answers."""
    since = timezone.now()
    yield
    Adaptation.objects.filter(member=member, created_at__gte=since).update(created_at=moment)
    FollowUp.objects.filter(session__member=member, answered_at__gte=since).update(
        answered_at=moment
    )


def _at(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _report(
    row: PlanSession, day: date, after: int, hurt: tuple[int, int] | None, language: str
) -> training.SessionReport:
    started = _at(day, TRAINED_AT)
    mains = [item for item in row.items.order_by("order") if item.role == "main"]
    results = []
    for item in row.items.order_by("order"):
        latest = item.versions.order_by("-number").first()
        sets = latest.prescription["sets"] if latest else 1
        if hurt is not None and mains and item == mains[min(hurt[0], len(mains) - 1)]:
            results.append(
                training.ExerciseReport(
                    slug=item.slug,
                    item_key=item.key,
                    sets_done=sets,
                    outcome="hurt",
                    hurt_where=("lower_back",),
                    pain=hurt[1],
                )
            )
        else:
            results.append(
                training.ExerciseReport(
                    slug=item.slug, item_key=item.key, sets_done=sets, outcome="right"
                )
            )
    return training.SessionReport(
        client_key=uuid4(),
        plan_session=row.pk,
        started_at=started,
        finished_at=started + timedelta(seconds=row.seconds),
        completed=True,
        pain_after=after,
        effort=5,
        language=language,
        results=tuple(results),
    )
