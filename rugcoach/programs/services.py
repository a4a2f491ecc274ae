"""Writes for programs: join, leave, restart, and a day played in the session player.

Each is keyword-only and one transaction. ``record_day`` stores the player's report
through ``training.services.record_session`` (the one home of storing a session, once per
client key), then the ``ProgramDay``; the plan's progression engine does not run on it
(a program's next day is ``core.programs.days.next_day``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.programs.build import NotForYou
from rugcoach.core.programs.content import Program
from rugcoach.core.programs.days import DayDone
from rugcoach.programs import selectors
from rugcoach.programs.models import Enrollment, ProgramDay
from rugcoach.training import services as training
from rugcoach.triage.selectors import training_status


class UnknownProgram(Exception):
    """No program with that slug."""


class UnknownDay(ValueError):
    """The session key names no day of the program; ``field`` names what to fix."""

    field = "session_key"


def _program(slug: str) -> Program:
    found = get_catalog().programs.programs.get(slug)
    if found is None:
        raise UnknownProgram(slug)
    return found


def _active(member: User, slug: str) -> Enrollment | None:
    return (
        Enrollment.objects.select_for_update()
        .filter(member=member, program=slug, status=Enrollment.Status.ACTIVE)
        .first()
    )


def join(
    member: User, *, program: str, by: User | None = None, today: date | None = None
) -> Enrollment:
    """Join a program; already in it: the running enrollment (joining twice is once)."""
    member = access.authorize(by or member, member, action=access.Action.CHANGE)
    _program(program)
    try:
        with transaction.atomic():
            found = _active(member, program)
            if found is not None:
                return found
            return Enrollment.objects.create(
                member=member, program=program, started_on=today or timezone.localdate()
            )
    except IntegrityError:
        # Two taps at once: the constraint let one in; that one is the enrollment.
        return Enrollment.objects.get(member=member, program=program, status="active")


def leave(member: User, *, program: str, by: User | None = None) -> Enrollment | None:
    """Leave a program (its days stay in the history); not in it: None."""
    member = access.authorize(by or member, member, action=access.Action.CHANGE)
    with transaction.atomic():
        found = _active(member, program)
        if found is None:
            return None
        found.status = Enrollment.Status.LEFT
        found.left_at = timezone.now()
        found.save(update_fields=["status", "left_at"])
        return found


def restart(
    member: User, *, program: str, by: User | None = None, today: date | None = None
) -> Enrollment:
    """Start again at day 1: the running enrollment leaves, a new one starts."""
    member = access.authorize(by or member, member, action=access.Action.CHANGE)
    _program(program)
    with transaction.atomic():
        leave(member, program=program)
        return Enrollment.objects.create(
            member=member, program=program, started_on=today or timezone.localdate()
        )


def record_day(
    member: User,
    *,
    program: str,
    report: training.SessionReport,
    by: User | None = None,
) -> tuple[ProgramDay, bool]:
    """Store a day played in the player; ``(day, created)``. ``report.session_key`` is
    ``<program>/<day key>``. Playing a day of a program the member is not in joins it
    (a session finished offline after leaving still counts, in a new enrollment).

    The same client key again returns the day stored first and changes nothing; copies
    arriving at once wait on the enrollment's row lock, then read the first one back.
    """
    member = access.authorize(by or member, member, action=access.Action.CHANGE)
    found = _program(program)
    prefix, _, day_key = report.session_key.partition("/")
    scheduled = {session.key for session in found.sessions}
    if prefix != found.slug or day_key not in scheduled:
        raise UnknownDay(report.session_key)
    with transaction.atomic():
        enrollment = _active(member, program)
        earlier = ProgramDay.objects.filter(
            training__member=member, training__client_key=report.client_key
        ).first()
        if earlier is not None:
            return earlier, False
        if enrollment is None:
            enrollment = join(member, program=program, today=timezone.localdate(report.started_at))
            enrollment = _active(member, program)
            assert enrollment is not None
        done = selectors.days_done(
            selectors.with_logs(Enrollment.objects.filter(pk=enrollment.pk)).get()
        )
        to_play = _played(member, found, done, day_key)
        doses = (
            {item.key: item.prescription.model_dump(mode="json") for item in to_play.session.items}
            if to_play is not None
            else None
        )
        stored, created = training.record_session(
            member, replace(report, asks_followup=True, doses=doses)
        )
        existing = ProgramDay.objects.filter(training=stored).first()
        if existing is not None:
            return existing, False
        following = to_play.next if to_play is not None else None
        repeat = day_key in {day.key for day in done}
        day = ProgramDay.objects.create(
            enrollment=enrollment,
            day_key=day_key,
            training=stored,
            done_on=timezone.localdate(stored.started_at),
            repeat=following.repeat if following is not None else repeat,
            gentler=following.gentler if following is not None else False,
            reasons=[{"rule": r.rule, **r.text.model_dump()} for r in following.reasons]
            if following is not None
            else [],
        )
        if not found.ongoing and scheduled <= {day.key for day in done} | {day_key}:
            # Every day done: the program is finished (the badge and the summary).
            enrollment.status = Enrollment.Status.FINISHED
            enrollment.finished_at = timezone.now()
            enrollment.save(update_fields=["status", "finished_at"])
        return day, created


def _played(
    member: User, program: Program, done: Sequence[DayDone], day_key: str
) -> selectors.DayToPlay | None:
    """The day as the player showed it, when it is the next day (its doses, lighter when
    the last one hurt); another day (a copy kept offline): None, its doses unknown."""
    fit = selectors.fits(member, program, training_status(member))
    if fit is None or isinstance(fit.result, NotForYou):
        return None
    to_play = selectors.day_to_play(program, fit.result, done, fit.member.allowed)
    if to_play is None or to_play.next.key != day_key:
        return None
    return to_play
