"""The demo members in the 30-day challenge, five days done, so `make run` shows a streak.

Runs after ``demo_history`` (which gives them their calm full check). Each day is played
through the same service the player's endpoint uses, on the five days before today (each
after a calm check-in), every exercise "right" and the pain easing. Idempotent: a member
already in the challenge is left alone. Refused outside DEBUG, like the other demo data.
"""

from datetime import date, datetime, time, timedelta
from uuid import uuid4

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.programs.build import NotForYou
from rugcoach.core.triage.engine import evaluate
from rugcoach.programs import selectors, services
from rugcoach.programs.models import Enrollment
from rugcoach.training.services import ExerciseReport, SessionReport
from rugcoach.triage.calm import calm_answers
from rugcoach.triage.selectors import training_status
from rugcoach.triage.services import record_result

MEMBERS = ("lid@rugcoach.test", "member@rugcoach.test")
PROGRAM = "challenge-30-days"
PLAYED_AT = time(7, 30)
# The pain after each day, easing.
PAIN_AFTER = (3, 3, 2, 2, 1)


class Command(BaseCommand):
    help = "Put the demo members in the 30-day challenge with five days done (DEBUG only)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo data is for local use only (DJANGO_DEBUG=0 is set).")
        program = get_catalog().programs.programs.get(PROGRAM)
        if program is None:
            self.stdout.write(f"  no {PROGRAM} in content/programs: nothing to do")
            return
        for email in MEMBERS:
            member = User.objects.filter(email=email).first()
            if member is None or Enrollment.objects.filter(member=member, program=PROGRAM).exists():
                continue
            fit = selectors.fits(member, program, training_status(member))
            if fit is None or isinstance(fit.result, NotForYou):
                self.stdout.write(f"  {email}: no full check that allows the challenge; skipped")
                continue
            today = timezone.localdate()
            first = today - timedelta(days=len(PAIN_AFTER))
            services.join(member, program=PROGRAM, today=first)
            for number, pain_after in enumerate(PAIN_AFTER):
                session = fit.result.sessions[number]
                day = first + timedelta(days=number)
                _check_in(member, day)
                services.record_day(
                    member,
                    program=PROGRAM,
                    report=_report(session, day, pain_after, member.preferred_language),
                )
            self.stdout.write(f"  {email}: {len(PAIN_AFTER)} days of the challenge done")


def _check_in(member: User, day: date) -> None:
    """A calm check-in just before the day's session: the server counts a program day
    only after a check-in that day that allows training (programs.admission)."""
    triage = get_catalog().triage
    answers = calm_answers(triage)
    check = {key: value for key, value in answers.items() if triage.questions[key].checkin}
    record_result(
        member,
        check,
        evaluate(answers, triage, checkin=True),
        created_at=timezone.make_aware(datetime.combine(day, PLAYED_AT)) - timedelta(minutes=5),
    )


def _report(session, day: date, pain_after: int, language: str) -> SessionReport:  # type: ignore[no-untyped-def]
    started = timezone.make_aware(datetime.combine(day, PLAYED_AT))
    return SessionReport(
        client_key=uuid4(),
        started_at=started,
        finished_at=started + timedelta(minutes=6),
        completed=True,
        pain_after=pain_after,
        effort=4,
        language=language,
        session_key=f"{PROGRAM}/{session.key}",
        results=tuple(
            ExerciseReport(
                slug=item.slug,
                item_key=item.key,
                version=item.versions[-1].number,
                sets_done=item.prescription.sets,
                outcome="right",
            )
            for item in session.items
        ),
    )
