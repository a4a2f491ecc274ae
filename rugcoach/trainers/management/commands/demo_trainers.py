"""The trainers' side of `make run` (issue 15 §1): two locations, two trainers with their
weekly availability and one exception, and members in the states a trainer's dashboard
is about, each sharing their data with the first trainer:

- Sanne (``lid@``, from ``demo_history``): on a plan, trained recently, nothing alarming;
  she also has an upcoming intake with a reason;
- Ruud (``rodevlag@``): a check-in yesterday with fever (a red flag: GP_TODAY);
- Petra (``pijn@``): pain after her last three sessions 4, 6 and 8;
- Ivo (``stil@``): trained until ten days ago, nothing since.

Checks, plans and sessions go through the app's own services (triage
``record_result``, ``plans.services.generate_plan``, ``training.services.record_session``),
so the progression engine reacts to them as it would have. Each member first had an
intake with the trainer (a booking marked attended): consent follows a booking.
Idempotent: what exists is left alone. Runs after ``demo_accounts``, ``demo_history``
and ``demo_programs``. Refused outside DEBUG, like the other demo data.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from rugcoach.accounts.management.commands.demo_accounts import DEMO_PASSWORD
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.planner import SelfTests
from rugcoach.core.triage.engine import evaluate
from rugcoach.intakes.models import (
    AvailabilityBlock,
    AvailabilityException,
    Booking,
    Location,
    Trainer,
)
from rugcoach.plans import services as plan_services
from rugcoach.plans.models import Plan, PlanSession
from rugcoach.progress.management.commands.demo_history import PROFILE, TRAINED_AT
from rugcoach.progress.management.commands.demo_history import _at as at
from rugcoach.progress.management.commands.demo_history import _dated as dated
from rugcoach.progress.management.commands.demo_history import _report as session_report
from rugcoach.trainers.models import Consent
from rugcoach.training import services as training
from rugcoach.triage.calm import calm_answers
from rugcoach.triage.services import record_result

LOCATIONS = {
    "YellowGym Centrum": ("Vredenburg 40, 3511 BD Utrecht", "ma–vr 7–22, za–zo 9–17"),
    "YellowGym Noord": ("Amsterdamsestraatweg 250, 3551 CX Utrecht", "ma–vr 6.30–23, za 8–18"),
}
TRAINERS = (
    # email, first name, intake minutes, locations
    ("trainer@rugcoach.test", "Tom", 30, ("YellowGym Centrum", "YellowGym Noord")),
    ("trainer2@rugcoach.test", "Fatima", 45, ("YellowGym Noord",)),
)
# Per trainer: (weekday 0 = Monday, from, to, location).
BLOCKS = {
    "trainer@rugcoach.test": [
        (0, time(9), time(12), "YellowGym Centrum"),
        (2, time(13), time(17), "YellowGym Noord"),
        (4, time(9), time(12), "YellowGym Centrum"),
    ],
    "trainer2@rugcoach.test": [
        (1, time(18), time(21), "YellowGym Noord"),
        (3, time(9), time(13), "YellowGym Noord"),
        (5, time(10), time(13), "YellowGym Noord"),
    ],
}
INTAKE_BLOCK = BLOCKS["trainer@rugcoach.test"][0]  # Mondays 9–12 at Centrum
UPCOMING_REASON = (
    "Mijn rug gaat vooruit. Ik wil weten of ik mijn plan zwaarder kan maken en hoe ik "
    "het beste til op mijn werk."
)


@dataclass(frozen=True)
class DemoMember:
    email: str
    first_name: str
    state: str  # what the dashboard shows: plan, red-flag, rising-pain, inactive
    intake_slot: int  # which half hour of the Monday block their past intake took


MEMBERS = (
    DemoMember("lid@rugcoach.test", "Sanne", "plan", 0),
    DemoMember("rodevlag@rugcoach.test", "Ruud", "red-flag", 1),
    DemoMember("pijn@rugcoach.test", "Petra", "rising-pain", 2),
    DemoMember("stil@rugcoach.test", "Ivo", "inactive", 3),
)
RISING_PAIN = (4, 6, 8)
INACTIVE_DAYS = 10


class Command(BaseCommand):
    help = "Create demo locations, trainers and members in every dashboard state (DEBUG only)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo data is for local use only (DJANGO_DEBUG=0 is set).")
        with transaction.atomic():
            locations = {
                name: Location.objects.get_or_create(
                    name=name, defaults={"address": address, "opening_hours": hours}
                )[0]
                for name, (address, hours) in LOCATIONS.items()
            }
            trainers = {
                email: _trainer(email, first_name, minutes, [locations[n] for n in names])
                for email, first_name, minutes, names in TRAINERS
            }
            for email, trainer in trainers.items():
                _availability(trainer, BLOCKS[email], locations)
        coach = trainers["trainer@rugcoach.test"]
        centrum = locations[INTAKE_BLOCK[3]]
        today = timezone.localdate()
        for demo in MEMBERS:
            member = _member(demo)
            with transaction.atomic():
                if not Consent.objects.filter(member=member, trainer=coach).exists():
                    _past_intake(member, coach, centrum, demo.intake_slot, today)
                    Consent.objects.create(member=member, trainer=coach, given_at=timezone.now())
            if demo.state != "plan" and not Plan.objects.filter(member=member).exists():
                with transaction.atomic():
                    HISTORIES[demo.state](member, today)
            self.stdout.write(f"  {demo.email:<24} {demo.state}, shares with {coach}")
        sanne = User.objects.get(email=MEMBERS[0].email)
        _upcoming_intake(sanne, coach, centrum, today)
        self.stdout.write("Trainers (password for each: " + DEMO_PASSWORD + "):")
        for email, _name, minutes, names in TRAINERS:
            self.stdout.write(f"  {email:<24} intakes of {minutes} min at {', '.join(names)}")


def _trainer(email: str, first_name: str, minutes: int, locations: list[Location]) -> Trainer:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "role": User.Role.TRAINER}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    trainer, created = Trainer.objects.get_or_create(
        user=user, defaults={"intake_minutes": minutes}
    )
    if created:
        trainer.locations.set(locations)
    return trainer


def _availability(
    trainer: Trainer, blocks: list[tuple[int, time, time, str]], locations: dict[str, Location]
) -> None:
    """Weekly blocks and one exception: a week of holiday two weeks from now (so the
    booking pages show a gap), only for a trainer who has none yet."""
    if not trainer.blocks.exists():
        AvailabilityBlock.objects.bulk_create(
            AvailabilityBlock(
                trainer=trainer, location=locations[name], weekday=day, starts=start, ends=end
            )
            for day, start, end, name in blocks
        )
    if not trainer.exceptions.exists():
        monday = plan_services.first_monday(timezone.localdate() + timedelta(days=8))
        AvailabilityException.objects.create(
            trainer=trainer,
            starts_at=at(monday, time(0)),
            ends_at=at(monday + timedelta(days=7), time(0)),
            kind=AvailabilityException.Kind.HOLIDAY,
        )


def _member(demo: DemoMember) -> User:
    member, created = User.objects.get_or_create(
        email=demo.email, defaults={"first_name": demo.first_name, "preferred_language": "nl"}
    )
    if created:
        member.set_password(DEMO_PASSWORD)
        member.save(update_fields=["password"])
    return member


def _past_intake(member: User, coach: Trainer, where: Location, slot: int, today: date) -> None:
    """The intake that came before the consent: on the Monday four weeks back, each member
    in their own half hour of the block (a trainer is never booked twice)."""
    monday = today - timedelta(days=28 + today.weekday())
    starts = at(monday, INTAKE_BLOCK[1]) + timedelta(minutes=coach.intake_minutes * slot)
    Booking.objects.create(
        member=member,
        trainer=coach,
        location=where,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=coach.intake_minutes),
        reason="Rugpijn na lang zitten; ik wil veilig leren trainen.",
        verdict_level="TRAIN",
        status=Booking.Status.ATTENDED,
        created_at=starts - timedelta(days=3),
    )


def _upcoming_intake(member: User, coach: Trainer, where: Location, today: date) -> None:
    """Sanne's next intake: the first Monday block from tomorrow on, with her reason."""
    now = timezone.now()
    if Booking.objects.filter(member=member, trainer=coach, starts_at__gt=now).exists():
        return
    monday = plan_services.first_monday(today + timedelta(days=1))
    starts = at(monday, time(10))
    latest = member.triage_results.first()
    Booking.objects.create(
        member=member,
        trainer=coach,
        location=where,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=coach.intake_minutes),
        reason=UPCOMING_REASON,
        verdict_level=latest.level if latest else "",
        status=Booking.Status.BOOKED,
        created_at=now,
    )


# --- the members' histories ------------------------------------------------------------


def _plan_from(member: User, monday: date) -> Plan:
    """A calm full check and the demo intake on ``monday``, and the plan from that day."""
    answers = calm_answers(get_catalog().triage)
    answers["pain_now"] = 4
    record_result(
        member, answers, evaluate(answers, get_catalog().triage), created_at=at(monday, time(9))
    )
    plan_services.save_intake(member, PROFILE, SelfTests(bridge_felt_in="lower-back"))
    stored = plan_services.generate_plan(member, monday).plan
    assert stored is not None, "a calm check and a home intake always give a plan"
    return stored


def _sessions_before(stored: Plan, day: date) -> list[PlanSession]:
    return list(
        PlanSession.objects.filter(
            plan=stored, day_offset__lt=(day - stored.starts_on).days
        ).order_by("day_offset", "order")
    )


def _train(member: User, row: PlanSession, *, pain_before: int, pain_after: int) -> None:
    """A check-in just before the session, then the session, both on the plan's day."""
    triage = get_catalog().triage
    day = row.plan.starts_on + timedelta(days=row.day_offset)
    full = calm_answers(triage)
    checkin = {key: value for key, value in full.items() if triage.questions[key].checkin}
    checkin["pain_now"] = pain_before
    checked_at = at(day, TRAINED_AT) - timedelta(minutes=5)
    with dated(member, checked_at):
        record_result(
            member,
            checkin,
            evaluate({**full, **checkin}, triage, checkin=True),
            created_at=checked_at,
        )
    with dated(member, at(day, TRAINED_AT) + timedelta(minutes=20)):
        training.record_session(
            member,
            session_report(row, day, pain_after, None, member.preferred_language),
            today=day,
        )


def _red_flag(member: User, today: date) -> None:
    """Two weeks on a plan, trained on its days, then a check-in yesterday with fever."""
    stored = _plan_from(member, today - timedelta(days=14 + today.weekday()))
    yesterday = today - timedelta(days=1)
    for row in _sessions_before(stored, yesterday)[-3:]:
        _train(member, row, pain_before=3, pain_after=3)
    triage = get_catalog().triage
    full = calm_answers(triage)
    checkin = {key: value for key, value in full.items() if triage.questions[key].checkin}
    checkin["fever"] = True
    checked_at = at(yesterday, time(18))
    with dated(member, checked_at):
        record_result(
            member,
            checkin,
            evaluate({**full, **checkin}, triage, checkin=True),
            created_at=checked_at,
        )


def _rising_pain(member: User, today: date) -> None:
    """The plan's last three sessions before today, with the pain after them rising."""
    stored = _plan_from(member, today - timedelta(days=14 + today.weekday()))
    for row, pain in zip(_sessions_before(stored, today)[-3:], RISING_PAIN, strict=False):
        _train(member, row, pain_before=3, pain_after=pain)


def _inactive(member: User, today: date) -> None:
    """A plan from four weeks back, trained on its days until ten days ago, then nothing."""
    stored = _plan_from(member, today - timedelta(days=28 + today.weekday()))
    last_day = today - timedelta(days=INACTIVE_DAYS - 1)  # the last session: 10 days ago
    for row in _sessions_before(stored, last_day)[-4:]:
        _train(member, row, pain_before=3, pain_after=2)


HISTORIES = {"red-flag": _red_flag, "rising-pain": _rising_pain, "inactive": _inactive}
