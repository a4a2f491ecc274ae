"""Reads for programs: the member's enrollments and days, what fits them, and the gate.

Every read of a member's rows asks ``rugcoach.accounts.access`` first (``viewer``: who
reads; None is the member themselves). The day logic (which day is next, the streak, the
summary) is ``core.programs``; here only the rows it reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Equipment
from rugcoach.core.planner.pregnancy import pregnancy_stage
from rugcoach.core.programs.build import NO_INTAKE, ForMember, NotForYou, program_schedule
from rugcoach.core.programs.build import for_member as core_for_member
from rugcoach.core.programs.content import Program
from rugcoach.core.programs.days import (
    DayDone,
    NextDay,
    Standing,
    Summary,
    gentler_day,
    next_day,
    standing,
    summary,
)
from rugcoach.core.programs.days import physio_first as core_physio_first
from rugcoach.core.progression.models import CheckIn, Reason
from rugcoach.core.schedule import Schedule, ScheduleSession
from rugcoach.plans import selectors as plan_selectors
from rugcoach.programs.models import Enrollment, ProgramDay
from rugcoach.training import selectors as training_selectors
from rugcoach.training.models import Adaptation
from rugcoach.training.progression import check_ins, session_log
from rugcoach.triage.models import TriageResult
from rugcoach.triage.selectors import TrainingStatus, checked_today
from rugcoach.triage.selectors import training_status as training_status  # E's callers read it here


def programs() -> dict[str, Program]:
    return dict(get_catalog().programs.programs)


def program_or_404(slug: str) -> Program:
    found = get_catalog().programs.programs.get(slug)
    if found is None:
        raise Http404(slug)
    return found


def enrollments(member: User, *, viewer: User | None = None) -> QuerySet[Enrollment]:
    """Every read of a member's enrollments starts here, newest first."""
    return Enrollment.objects.filter(member=access.reads(member, viewer))


def latest_enrollments(member: User, *, viewer: User | None = None) -> dict[str, Enrollment]:
    """Per program the member's latest enrollment (active, left or finished), with each
    day's session and log (``with_logs``): the list gives the next day and the minutes
    trained (a constant number of queries, whatever the history's length)."""
    found: dict[str, Enrollment] = {}
    for enrollment in with_logs(enrollments(member, viewer=viewer)):
        found.setdefault(enrollment.program, enrollment)
    return found


def with_logs(queryset: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Enrollments with their days, each day's session, results and follow-ups."""
    days = ProgramDay.objects.select_related("training").prefetch_related(
        "training__results", "training__followups"
    )
    return queryset.prefetch_related(Prefetch("days", queryset=days))


def days_done(enrollment: Enrollment, *, logs: bool = True) -> list[DayDone]:
    """The enrollment's days in order, as the day logic reads them; ``logs``: with the
    session's log (results and follow-ups, as the progression engine reads them; the
    enrollment comes from ``with_logs``)."""
    return [
        DayDone(key=day.day_key, on=day.done_on, log=session_log(day.training) if logs else None)
        for day in enrollment.days.all()
    ]


def minutes_by_key(program: Program) -> dict[str, int]:
    """The minutes a day counts for: the program's stated minutes per session."""
    return {session.key: program.minutes for session in program.sessions}


@dataclass(frozen=True)
class MemberProgram:
    """A program as one member stands in it (the detail page and the API)."""

    program: Program
    enrollment: Enrollment | None
    done: tuple[DayDone, ...]
    standing: Standing | None
    next: NextDay | None
    summary: Summary | None

    @property
    def active(self) -> bool:
        return self.enrollment is not None and self.enrollment.status == "active"

    @property
    def done_keys(self) -> frozenset[str]:
        return frozenset(day.key for day in self.done)


def member_program(
    member: User, program: Program, *, viewer: User | None = None, today: date | None = None
) -> MemberProgram:
    """The member's latest enrollment in ``program`` with its days, standing, next day and
    summary (a constant number of queries)."""
    today = today or timezone.localdate()
    enrollment = with_logs(enrollments(member, viewer=viewer).filter(program=program.slug)).first()
    if enrollment is None:
        return MemberProgram(program, None, (), None, None, None)
    done = tuple(days_done(enrollment))
    # Minutes trained by the clock (``trained_minutes``), not the program's stated minutes.
    trained = trained_minutes(program, enrollment)
    minutes = minutes_by_key(program)
    return MemberProgram(
        program=program,
        enrollment=enrollment,
        done=done,
        standing=replace(standing(program, done, today, minutes), minutes=trained),
        next=next_day(program, done, get_catalog().progression, program_check_ins(enrollment)),
        summary=replace(summary(done, minutes), minutes=trained),
    )


def program_check_ins(enrollment: Enrollment, *, until: datetime | None = None) -> list[CheckIn]:
    """The member's check-ins since the enrollment began (and at or before ``until``), as
    the day logic reads them ("clearly worse 24-48 h after my last session" holds the next
    day: R2)."""
    return check_ins(enrollment.member, since=enrollment.started_on, until=until)


def list_standing(program: Program, enrollment: Enrollment | None, today: date) -> Standing | None:
    if enrollment is None:
        return None
    done = days_done(enrollment, logs=False)
    found = standing(program, done, today, minutes_by_key(program))
    return replace(found, minutes=trained_minutes(program, enrollment))


# --- what fits the member ----------------------------------------------------------


def for_member(member: User, status: TrainingStatus, today: date | None = None) -> ForMember | None:
    """What the program builder needs to know of the member, or None before a full check.

    The member may do only what both the full check's verdict and today's check-in's (or
    a blocking check's) allow: ``core.programs.build.for_member`` intersects the
    planner's allowed sets and joins their conditions. The intake's profile, or the
    programs' one default (``NO_INTAKE``) without one; a pregnancy known only from the
    check counts as the latest trimester (``planner.constraints.member_conditions``).
    """
    triage = status.triage
    if triage is None:
        return None
    today = today or timezone.localdate()
    also = [
        extra.stored_verdict
        for extra in (checked_today(status, today), status.blocking)
        if extra is not None and extra.pk != triage.pk
    ]
    intake = plan_selectors.intake_of(member)
    profile = plan_selectors.parsed_intake(intake)[0] if intake is not None else NO_INTAKE
    week = pregnancy_stage(profile.due_date, today).week if profile.due_date else None
    catalog = get_catalog()
    # The program page lists the kit to have at hand: every piece counts as there.
    at_hand = profile.model_copy(update={"equipment": frozenset(Equipment)})
    return core_for_member(
        triage.stored_verdict, catalog, catalog.planner, at_hand, week, also=also
    )


def schedule_for(program: Program, member: ForMember) -> Schedule | NotForYou:
    catalog = get_catalog()
    return program_schedule(program, member, catalog.exercises, rules=catalog.progression.programs)


@dataclass(frozen=True)
class DayToPlay:
    """The day the player plays next: its session (lighter when the last one hurt), and
    what a lighter day left out, each with its reason."""

    session: ScheduleSession
    next: NextDay
    dropped: tuple[Text, ...] = ()


def day_to_play(
    program: Program,
    schedule: Schedule,
    done: Sequence[DayDone],
    allowed: frozenset[str],
    check_ins_read: Sequence[CheckIn] = (),
) -> DayToPlay | None:
    """The next day's session, or None when the program is finished. ``allowed``: the
    member's (``ForMember.allowed``), for a gentler exercise in place of one that hurt;
    ``check_ins_read``: ``program_check_ins`` (a "clearly worse" check-in holds the day)."""
    catalog = get_catalog()
    following = next_day(program, done, catalog.progression, check_ins_read)
    if following.key is None:
        return None
    session = schedule.session(following.key)
    if session is None:
        return None
    last = next((day.log for day in reversed(_in_order(done)) if day.log is not None), None)
    dropped: tuple[Text, ...] = ()
    if following.gentler and last is not None:
        lighter_day = gentler_day(
            session,
            last,
            program,
            catalog.exercises,
            rules=catalog.progression,
            allowed=allowed,
            reasons=following.reasons,
        )
        session, dropped = lighter_day.session, lighter_day.dropped
    return DayToPlay(session=session, next=following, dropped=dropped)


def next_to_play(member: User, program: Program, fit: Fit) -> DayToPlay | None:
    """The member's next day of ``program`` as the player shows it (the one home for the
    player page and the offline list): their active enrollment's days and check-ins."""
    if isinstance(fit.result, NotForYou):
        return None
    mine = member_program(member, program)
    active = mine.enrollment if mine.active else None
    done = mine.done if active is not None else ()
    read = program_check_ins(active) if active is not None else []
    return day_to_play(program, fit.result, done, fit.member.allowed, read)


def _in_order(done: Sequence[DayDone]) -> list[DayDone]:
    return [day for _, day in sorted(enumerate(done), key=lambda pair: (pair[1].on, pair[0]))]


# --- the gate --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramGate:
    """Whether the member may start a program session now, and if not, what comes first.

    ``step``: "train", then the steps every session shares (``training.selectors.
    safety_gate``): "blocked" (a check forbids training), "full_check", "paused" (the
    usable plan is paused by R4: a physio first); then "physio" (this program held the
    member's days in a row for pain: R4, see a physio until a new full check), "checkin"
    (today's check-in first), "not_for_you" (the program does not fit the member now).
    """

    step: str
    status: TrainingStatus
    check: TriageResult | None = None
    paused: Adaptation | None = None
    not_for_you: NotForYou | None = None
    fit: Fit | None = None
    physio: Reason | None = None


def gate(member: User, program: Program, today: date | None = None) -> ProgramGate:
    """The training gate's shared steps, then the program's own: a physio after days held
    in a row, today's check-in, whether the program fits."""
    first, _, status = training_selectors.safety_gate(member)
    if first is not None:
        return ProgramGate(first.step, status, paused=first.paused)
    physio = physio_first(member, program, status)
    if physio is not None:
        return ProgramGate("physio", status, physio=physio)
    check = training_selectors.fresh_check(member, status)
    if check is None:
        return ProgramGate("checkin", status)
    fit = fits(member, program, status, today)
    assert fit is not None  # the full check is there (else "full_check" above)
    if isinstance(fit.result, NotForYou):
        return ProgramGate("not_for_you", status, check, not_for_you=fit.result)
    return ProgramGate("train", status, check, fit=fit)


def physio_first(member: User, program: Program, status: TrainingStatus) -> Reason | None:
    """R4 when the member's days of this program since their latest full check (in any
    enrollment: a restart does not lift it) were held by pain or a worse back
    ``physio_after_held_days`` times in a row (``core.programs.days.physio_first``)."""
    triage = status.triage
    if triage is None:
        return None
    rows = (
        ProgramDay.objects.filter(
            enrollment__member=member,
            enrollment__program=program.slug,
            training__started_at__gt=triage.created_at,
        )
        .select_related("training")
        .prefetch_related("training__results", "training__followups")
        .order_by("done_on", "id")
    )
    done = [DayDone(key=row.day_key, on=row.done_on, log=session_log(row.training)) for row in rows]
    if not done:
        return None
    since = timezone.localdate(triage.created_at)
    return core_physio_first(
        program, done, get_catalog().progression, check_ins(member, since=since)
    )


@dataclass(frozen=True)
class Fit:
    """What the program is for this member now: their facts, and the program's schedule
    for them or why it is not for them (the level, ``not_for``, too few exercises left:
    ``core.programs.build.program_schedule``)."""

    member: ForMember
    result: Schedule | NotForYou


def fits(
    member: User, program: Program, status: TrainingStatus, today: date | None = None
) -> Fit | None:
    """None before a full check (nothing known yet)."""
    found = for_member(member, status, today)
    if found is None:
        return None
    return Fit(found, schedule_for(program, found))


# --- minutes by the clock (appended for services.record_day and the API) -----------------

# A stopped or lost clock must not turn one day into hours: a day counts at most this many
# times the program's stated minutes.
MINUTES_CAP_FACTOR = 2


def day_minutes(program: Program, day: ProgramDay) -> float:
    """The minutes one day was trained: its session's clock (``finished_at`` -
    ``started_at``), at most ``MINUTES_CAP_FACTOR`` x the program's stated minutes;
    without a finishing time, the stated minutes (the phone said it was done)."""
    session = day.training
    if session.finished_at is None:
        return float(program.minutes)
    seconds = max((session.finished_at - session.started_at).total_seconds(), 0.0)
    return min(seconds / 60, float(program.minutes * MINUTES_CAP_FACTOR))


def trained_minutes(program: Program, enrollment: Enrollment) -> int:
    """The minutes trained in an enrollment, by the clock (``day_minutes``), for the
    standing and the summary in place of ``minutes_by_key``'s stated minutes. The
    enrollment comes from ``with_logs`` (each day's session is prefetched)."""
    return round(sum(day_minutes(program, day) for day in enrollment.days.all()))
