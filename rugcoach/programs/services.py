"""Writes for programs: join, leave, restart, and a day played in the session player.

Each is keyword-only and one transaction. ``record_day`` stores the player's report
through ``training.services.record_session`` (the one home of storing a session, once per
client key), then the ``ProgramDay``; the plan's progression engine does not run on it
(a program's next day is ``core.programs.days.next_day``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.programs.build import NotForYou
from rugcoach.core.programs.content import Program
from rugcoach.core.programs.days import DayDone, next_day
from rugcoach.programs import admission, selectors
from rugcoach.programs.models import Enrollment, ProgramDay
from rugcoach.training import services as training
from rugcoach.training.models import TrainingSession


class UnknownProgram(Exception):
    """No program with that slug."""


class UnknownDay(ValueError):
    """The session key names no day of the program; ``field`` names what to fix."""

    field = "session_key"


class InvalidReport(ValueError):
    """A report the server cannot believe (a start in the future); ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class KeyInUse(ValueError):
    """The client key is another session's (a plan session, another day): nothing stored."""

    field = "client_key"


class NotCounted(Exception):
    """The session is stored but is no day of the program; ``reason``: one of
    ``admission``'s codes (``admission.MESSAGES`` says it in words)."""

    def __init__(self, reason: str, session: TrainingSession, *, created: bool) -> None:
        self.reason = reason
        self.session = session
        self.created = created
        super().__init__(reason)


# A phone's clock may run a little ahead; a start further in the future is refused.
FUTURE_SLACK = timedelta(minutes=5)


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
    """Start again at day 1: the running enrollment leaves, a new one starts. Two restarts
    at once (a double tap) are one: the constraint lets one new enrollment in, the other
    request reads it back (as ``join`` does)."""
    member = access.authorize(by or member, member, action=access.Action.CHANGE)
    _program(program)
    try:
        with transaction.atomic():
            leave(member, program=program)
            return Enrollment.objects.create(
                member=member, program=program, started_on=today or timezone.localdate()
            )
    except IntegrityError:
        return Enrollment.objects.get(member=member, program=program, status="active")


@dataclass(frozen=True)
class Played:
    """A program session stored: its ``session``, whether this call stored it
    (``created``), and its ``day`` of the program: None for a session stopped part-way
    (not a day done: the same day is played again next time; its session is kept)."""

    session: TrainingSession
    created: bool
    day: ProgramDay | None


def record_day(
    member: User,
    *,
    program: str,
    report: training.SessionReport,
    by: User | None = None,
) -> Played:
    """Store a session played in the player; ``report.session_key`` is ``<program>/<day
    key>``. Only a completed session is a day done (a ``ProgramDay``).

    The session is judged by the member's state when it started (``admission.refusal``),
    by the enrollment (a member never in the program joins; one who left or finished does
    not) and by its day (the day to play next, or a day done again). When any of them
    says no, the session is still stored (data is never lost) but counts as no day:
    ``NotCounted`` names the reason. A client key another session has: ``KeyInUse``,
    nothing stored. The same key again returns what was stored first and changes
    nothing; copies arriving at once wait on the member's row lock (``_lock_member``).
    """
    member = access.authorize(by or member, member, action=access.Action.CHANGE)
    found = _program(program)
    prefix, _, day_key = report.session_key.partition("/")
    scheduled = {session.key for session in found.sessions}
    if prefix != found.slug or day_key not in scheduled:
        raise UnknownDay(report.session_key)
    if report.started_at > timezone.now() + FUTURE_SLACK:
        raise InvalidReport("started_at", "lies in the future (check the phone's clock)")
    with transaction.atomic():
        _lock_member(member)
        enrollment = _active(member, program)
        earlier = TrainingSession.objects.filter(
            member=member, client_key=report.client_key
        ).first()
        if earlier is not None:
            replayed = _replayed(earlier, report)
            if replayed is not None:
                return replayed
            kept, created, refused = earlier, False, admission.NOT_COUNTED_BEFORE
        else:
            done = _done(enrollment)
            refused = (
                admission.refusal(member, found, report.started_at)
                or (_not_rejoined(member, program) if enrollment is None else None)
                or (None if _may_play(found, done, day_key) else admission.OUT_OF_ORDER)
            )
            if refused is None:
                return _store_day(member, found, enrollment, done, day_key, report)
            # Stored all the same (data is never lost), with its follow-up question.
            kept, created = training.record_session(
                member, replace(report, asks_followup=True, doses=None)
            )
    # Raised after the transaction: the session it kept is committed.
    raise NotCounted(refused, kept, created=created)


def _lock_member(member: User) -> None:
    """Take the member's row lock for the rest of the transaction: one program session of
    a member is judged at a time. The enrollment's lock is not enough: a member never in
    the program has no enrollment to lock, so ten copies of a first day all read "no
    enrollment", one joins, and the others then read its enrollment as one they LEFT (a
    409 for a day that was stored and counted). Waiting here, each copy reads what the
    one before it committed: the stored key, answered as a replay (200).

    ``no_key``: FOR NO KEY UPDATE, so rows that point at the member (a check-in, the
    access log) can still be written meanwhile; only another such lock waits."""
    User.objects.select_for_update(no_key=True).filter(pk=member.pk).first()


def _store_day(
    member: User,
    program: Program,
    enrollment: Enrollment | None,
    done: list[DayDone],
    day_key: str,
    report: training.SessionReport,
) -> Played:
    """The session and, when completed, its day (joining a program never joined)."""
    if enrollment is None:
        join(member, program=program.slug, today=timezone.localdate(report.started_at))
        enrollment = _active(member, program.slug)
        assert enrollment is not None
    to_play = _played(member, program, enrollment, done, day_key, report.started_at)
    doses = (
        {item.key: item.prescription.model_dump(mode="json") for item in to_play.session.items}
        if to_play is not None
        else None
    )
    stored, created = training.record_session(
        member, replace(report, asks_followup=True, doses=doses)
    )
    if not created:
        # Not a copy of this day (those wait on the member's lock and are replays): a
        # session stored at this moment without that lock, e.g. a plan session's key.
        return _replayed(stored, report) or Played(stored, False, None)
    if not stored.completed:
        return Played(stored, created, None)
    following = to_play.next if to_play is not None else None
    done_keys = {earlier_day.key for earlier_day in done}
    played = ProgramDay.objects.create(
        enrollment=enrollment,
        day_key=day_key,
        training=stored,
        done_on=timezone.localdate(stored.started_at),
        repeat=following.repeat if following is not None else day_key in done_keys,
        gentler=following.gentler if following is not None else False,
        reasons=[{"rule": r.rule, **r.text.model_dump()} for r in following.reasons]
        if following is not None
        else [],
    )
    if not program.ongoing and set(program_keys(program)) <= done_keys | {day_key}:
        # Every day done: the program is finished (the badge and the summary).
        enrollment.status = Enrollment.Status.FINISHED
        enrollment.finished_at = timezone.now()
        enrollment.save(update_fields=["status", "finished_at"])
    return Played(stored, created, played)


def program_keys(program: Program) -> list[str]:
    return [session.key for session in program.sessions]


def _replayed(earlier: TrainingSession, report: training.SessionReport) -> Played | None:
    """The same client key again: what was stored first, or None when that session was
    stored without counting (the caller says so again). A key that another session has
    (a plan session, another day): ``KeyInUse``."""
    if earlier.plan_session_id is not None or earlier.session_key != report.session_key:
        raise KeyInUse(report.client_key)
    day = ProgramDay.objects.filter(training=earlier).first()
    if day is not None or not earlier.completed:
        return Played(earlier, False, day)
    return None


def _not_rejoined(member: User, program: str) -> str | None:
    """Not in the program now: a member who was never in it joins (None); one who left
    it, or finished it, is not put back by a session (a copy kept offline, say)."""
    latest = Enrollment.objects.filter(member=member, program=program).first()
    if latest is None:
        return None
    return admission.FINISHED if latest.status == Enrollment.Status.FINISHED else admission.LEFT


def _done(enrollment: Enrollment | None) -> list[DayDone]:
    if enrollment is None:
        return []
    return selectors.days_done(
        selectors.with_logs(Enrollment.objects.filter(pk=enrollment.pk)).get()
    )


def _may_play(program: Program, done: Sequence[DayDone], day_key: str) -> bool:
    """The day to play next, or a day done before (played again): never a day further on,
    so playing day 30 on day 1 cannot skip the days or the hold after a day that hurt."""
    following = next_day(program, done, get_catalog().progression)
    return day_key == following.key or day_key in {day.key for day in done}


def _played(
    member: User,
    program: Program,
    enrollment: Enrollment,
    done: Sequence[DayDone],
    day_key: str,
    started_at: datetime,
) -> selectors.DayToPlay | None:
    """The day as the player showed it, when it is the next day (its doses, lighter when
    the last one hurt); another day (a day done, played again): None, its doses unknown.

    Built from the member's state when the session STARTED, on the day it started, as
    ``admission.refusal`` judged it: a session played before midnight and sent after the
    next day's check-in (or any check made after its start) is not built with that check.
    """
    status = admission.status_at(member, started_at)
    fit = selectors.fits(member, program, status, timezone.localdate(started_at))
    if fit is None or isinstance(fit.result, NotForYou):
        return None
    # The day as the player built it: with the check-ins that could hold it (R2) by then.
    check_ins = selectors.program_check_ins(enrollment, until=started_at)
    to_play = selectors.day_to_play(program, fit.result, done, fit.member.allowed, check_ins)
    if to_play is None or to_play.next.key != day_key:
        return None
    return to_play
