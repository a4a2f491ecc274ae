"""Reads for the safety check; every read is scoped to one member."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.compiled import CompiledQuery
from rugcoach.content import get_catalog
from rugcoach.core.kernel.keyset import Cursor
from rugcoach.core.triage.engine import Level
from rugcoach.triage.models import TriageResult

# Why a member must do the full check again (services.FullCheckOutdated carries one).
REDO_QUESTIONS = "questions"
REDO_CUT_SHORT = "cut_short"
REDO_EXPIRED = "expired"
REDO_BLOCKED = "blocked"


def member_results(member: User, *, viewer: User | None = None) -> QuerySet[TriageResult]:
    """Every read of a member's checks starts here (access: rugcoach.accounts.access), or,
    for the compiled reads below, with the id ``access.reads`` returned."""
    return TriageResult.objects.filter(member=access.reads(member, viewer))


# Checks on one page of the history; the page reads one more to know whether older exist.
HISTORY_PAGE_SIZE = 25


@dataclass(frozen=True)
class HistoryPage:
    """One page of a member's checks, newest first."""

    results: list[TriageResult]
    older: Cursor | None
    """Where the next (older) page starts; None on the last page."""


def history_query(
    member: User, after: Cursor | None = None, *, size: int = HISTORY_PAGE_SIZE
) -> QuerySet[TriageResult]:
    """The query of a history page: ``size`` + 1 checks below ``after``, newest first."""
    found = member_results(member)
    if after is not None:
        # created_at <= at bounds the index range; the exclude drops the cursor's own
        # row and the rows beside it at the same moment that were already shown.
        found = found.filter(created_at__lte=after.at).exclude(
            created_at=after.at, id__gte=after.row_id
        )
    return found[: size + 1]


def history_page(
    member: User, after: Cursor | None = None, *, size: int = HISTORY_PAGE_SIZE
) -> HistoryPage:
    """The member's checks below ``after`` (the newest when None), ``size`` at most, in
    one query. The (member, -created_at, -id) index hands them over in order from the
    cursor on: a deep page costs what the first does (no OFFSET, no sort)."""
    rows = list(history_query(member, after, size=size))
    shown = rows[:size]
    older = Cursor(at=shown[-1].created_at, row_id=shown[-1].pk) if len(rows) > size else None
    return HistoryPage(results=shown, older=older)


# Every member page reads these two (``training_status``): compiled once (rugcoach/compiled.py).
_LATEST_TRIAGE = CompiledQuery(
    lambda member_id: TriageResult.objects.filter(
        member_id=member_id, kind=TriageResult.Kind.TRIAGE
    )[:1]
)
_LATEST_RESULT = CompiledQuery(
    lambda member_id: TriageResult.objects.filter(member_id=member_id)[:1]
)


def latest_triage(member: User) -> TriageResult | None:
    """The member's latest full check."""
    return _LATEST_TRIAGE.first(access.reads(member).pk)


def checkins_since(member: User, since: datetime) -> QuerySet[TriageResult]:
    """The member's check-ins from ``since`` on, oldest first (their time and answers)."""
    return (
        member_results(member)
        .filter(kind=TriageResult.Kind.CHECKIN, created_at__gte=since)
        .only("created_at", "answers")
        .order_by("created_at", "id")
    )


def check_before(member: User, moment: datetime) -> TriageResult | None:
    """The member's last check (of either kind) made at or before ``moment``."""
    return member_results(member).filter(created_at__lte=moment).first()


def latest_result(member: User) -> TriageResult | None:
    """The most recent check of either kind."""
    return _LATEST_RESULT.first(access.reads(member).pk)


@dataclass(frozen=True)
class TrainingStatus:
    """Where a member stands: the one place that says whether they may train now.

    Only a full check clears a check-in's red flag: a check-in that forbids training
    keeps blocking until the next full check, however calm the check-ins after it.
    """

    triage: TriageResult | None
    """The latest full check: its verdict (conditions, level) shapes a plan."""
    latest: TriageResult | None
    """The latest check of either kind (for display; ``blocking`` decides)."""
    blocking_checkins: tuple[TriageResult, ...] = ()
    """Check-ins since the latest full check whose verdict forbids training."""
    questions_version: str = field(default="")
    """The fingerprint of today's questions."""

    @property
    def blocking(self) -> TriageResult | None:
        """The stored check whose verdict blocks training now, or None.

        The full check itself when it forbids training, or a check-in since it that
        did; of several, the most severe (then the latest), so the member reads the
        most urgent advice.
        """
        found = [*self.blocking_checkins]
        if self.triage is not None and not self.triage.may_train:
            found.append(self.triage)
        if not found:
            return None
        return max(found, key=lambda r: (Level(r.level).severity, r.created_at, r.pk))

    @property
    def blocked(self) -> bool:
        return self.blocking is not None

    @property
    def may_train(self) -> bool:
        return self.triage is not None and not self.blocked

    @property
    def outdated(self) -> bool:
        """The full check was made with other questions than today's."""
        return self.triage is not None and self.triage.questions_version != self.questions_version

    @property
    def needs_full_check(self) -> bool:
        """Only a new full check moves this member on (none yet, outdated, or a
        check-in's red flag to clear)."""
        blocking = self.blocking
        checkin_block = blocking is not None and blocking.kind == TriageResult.Kind.CHECKIN
        return self.triage is None or self.outdated or checkin_block

    @property
    def redo_reason(self) -> str | None:
        """One line that says why to do the full check again, or None."""
        if self.triage is None:
            return None
        if self.outdated:
            return redo_reason(REDO_QUESTIONS, self.triage)
        blocking = self.blocking
        if blocking is not None and blocking.kind == TriageResult.Kind.CHECKIN:
            return redo_reason(REDO_BLOCKED, blocking)
        return None


def checked_today(status: TrainingStatus, today: date | None = None) -> TriageResult | None:
    """Today's check that lets the member train, or None: the latest check of either
    kind, done today (a full check asks everything a check-in does). None while
    anything blocks training or the full check must be redone. ``today``: the day to
    judge (a session sent later is judged by the status and the day it started)."""
    latest = status.latest
    if latest is None or not latest.may_train or not status.may_train or status.outdated:
        return None
    if timezone.localdate(latest.created_at) != (today or timezone.localdate()):
        return None
    return latest


def redo_reason(code: str, result: TriageResult | None = None) -> str:
    """The one line a member reads when the full check must be done again."""
    when = date_format(timezone.localtime(result.created_at), "j F Y") if result else ""
    if code == REDO_BLOCKED:
        return _(
            "Je check-in van %(when)s gaf een waarschuwingssignaal. Alleen een nieuwe "
            "volledige check kan dat opheffen."
        ) % {"when": when}
    if code == REDO_CUT_SHORT:
        return _("Je vorige check stopte bij een spoedsignaal. Doe eerst de volledige check.")
    if code == REDO_EXPIRED:
        return _("Je vorige volledige check is te oud om op voort te bouwen. Doe hem opnieuw.")
    return _(
        "De vragen van de check zijn veranderd sinds je volledige check van %(when)s. "
        "Doe hem opnieuw voor je volgende plan."
    ) % {"when": when}


def _that_matter_since(member_id: int, triage_id: int) -> QuerySet[TriageResult]:
    """The member's checks after the full check ``triage_id`` that ``training_status``
    needs: the check-ins that forbid training, and the latest check, newest first."""
    mine = TriageResult.objects.filter(member_id=member_id)
    made_at = Subquery(TriageResult.objects.filter(pk=triage_id).values("created_at"))
    # The plain bound lets the (member, -created_at, -id) index start at the full check
    # instead of reading all the member's checks; the OR after it breaks a tie in time.
    since = Q(created_at__gte=made_at) & (
        Q(created_at__gt=made_at) | Q(created_at=made_at, pk__gt=triage_id)
    )
    blocking = Q(kind=TriageResult.Kind.CHECKIN, may_train=False)
    newest = Q(pk=Subquery(mine.values("pk")[:1]))
    return mine.filter(since).filter(blocking | newest)


# Every member page asks: compiled once (rugcoach/compiled.py).
_THAT_MATTER_SINCE = CompiledQuery(_that_matter_since, keys=2)


def training_status(member: User) -> TrainingStatus:
    """Where ``member`` stands, in two queries: their latest full check, then the checks
    after it that matter: the check-ins that forbid training, and the latest check (when
    it is not the full check itself), newest first."""
    version = get_catalog().triage.questions_version
    triage = latest_triage(member)
    if triage is None:
        return TrainingStatus(triage=None, latest=latest_result(member), questions_version=version)
    after = _THAT_MATTER_SINCE.all(triage.member_id, triage.pk)
    # The latest check comes after the full check, so it is the first row; with no row,
    # nothing came after the full check, which is then the latest.
    return TrainingStatus(
        triage=triage,
        latest=after[0] if after else triage,
        blocking_checkins=tuple(
            row for row in after if row.kind == TriageResult.Kind.CHECKIN and not row.may_train
        ),
        questions_version=version,
    )


def record_facts(member: User) -> dict[str, bool]:
    """The answers a member's full check takes from their stored checks, not from them.

    ``doctor_visit_due``: the check that blocks training now said to check again only
    after a doctor has seen them, so the new full check asks whether that happened.
    """
    if not member.is_authenticated:
        return {}
    blocking = training_status(member).blocking
    verdicts = get_catalog().triage.verdicts
    due = blocking is not None and verdicts[Level(blocking.level)].recheck_after_examination
    return {"doctor_visit_due": due}


def result_of_member(member: User, result_id: int) -> TriageResult:
    """The member's own result; another member's id is a 404, never a peek."""
    return get_object_or_404(member_results(member), pk=result_id)


def recheck_due(result: TriageResult) -> bool:
    """Whether the verdict's own 'check again after N days' has passed."""
    days = result.verdict.get("recheck_after_days")
    return bool(days) and timezone.now() - result.created_at > timedelta(days=days)
