"""Writes for the safety check."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.triage.engine import Answer, TriageInputError, Verdict, aged_answers, evaluate
from rugcoach.triage import selectors, signals
from rugcoach.triage.models import TriageResult


class NoFullCheck(Exception):
    """A check-in needs one full check first (its answers carry the known red flags)."""


class FullCheckOutdated(Exception):
    """The last full check cannot be reused: it must be done again.

    ``reason`` is one of the ``selectors.REDO_*`` codes; ``selectors.redo_reason`` turns
    it into the one line the member reads.
    """

    def __init__(
        self, reason: str = selectors.REDO_QUESTIONS, full_check: TriageResult | None = None
    ) -> None:
        self.reason = reason
        self.full_check = full_check
        super().__init__(reason)


def record_result(
    member: User,
    answers: Mapping[str, Answer],
    verdict: Verdict,
    *,
    created_at: datetime | None = None,
) -> TriageResult:
    """Store a completed triage or check-in exactly as the member saw it, with the
    fingerprint of the questions it answered (a frozen snapshot). ``created_at``: when
    it was done, if not now (a check kept from before sign-up)."""
    with transaction.atomic():
        result = TriageResult.objects.create(
            created_at=created_at or timezone.now(),
            member=access.changes(member),
            kind=TriageResult.Kind.CHECKIN if verdict.checkin else TriageResult.Kind.TRIAGE,
            answers=dict(answers),
            level=verdict.level.value,
            may_train=verdict.may_train,
            verdict=verdict.model_dump(mode="json"),
            questions_version=get_catalog().triage.questions_version,
        )
        signals.check_recorded.send(sender=TriageResult, result=result)
    return result


def keep_visitor_check(
    member: User, answers: Mapping[str, Answer], done_at: datetime
) -> TriageResult:
    """Store the check a visitor did just before signing up as the new member's own full
    check, with the time it was done: answers that age (weeks of complaints, a
    pregnancy week) then count from that day, as for any stored check.

    The verdict is evaluated again here rather than taken from the browser: the cookie
    holds only answers, and a verdict always follows from today's rules.
    Raises TriageInputError when the answers do not make a complete check.
    """
    content = get_catalog().triage
    verdict = evaluate(dict(answers), content)
    return record_result(member, answers, verdict, created_at=min(done_at, timezone.now()))


@dataclass(frozen=True)
class CheckinBasis:
    """What a check-in stands on: the member's last full check and its reusable answers."""

    full_check: TriageResult
    known: dict[str, Answer]


def checkin_basis(member: User) -> CheckinBasis:
    """The one home of the check-in prerequisite: a full check that can be reused today.

    ``known`` holds its answers as a check-in reuses them: time-bound answers aged to
    today, check-in questions left for today's answers.

    Raises NoFullCheck, or FullCheckOutdated when the full check was made with other
    questions, ended early, or holds an answer that has expired (a pregnancy week past
    42): such a check says too little about today. Also when a check-in since that full
    check forbade training: only a new full check lifts that, so no check-in is taken
    until then (a calm one would read "you may train" while training stays blocked).
    """
    content = get_catalog().triage
    latest = selectors.latest_triage(member)
    if latest is None:
        raise NoFullCheck
    status = selectors.training_status(member)
    if status.blocking_checkins:
        raise FullCheckOutdated(selectors.REDO_BLOCKED)
    if latest.questions_version != content.questions_version:
        raise FullCheckOutdated(selectors.REDO_QUESTIONS, latest)
    if latest.stored_verdict.cut_short:
        raise FullCheckOutdated(selectors.REDO_CUT_SHORT, latest)
    days = (timezone.localdate() - timezone.localdate(latest.created_at)).days
    aged, expired = aged_answers(latest.answers, content, days)
    if expired:
        raise FullCheckOutdated(selectors.REDO_EXPIRED, latest)
    known = {
        key: value
        for key, value in aged.items()
        if key in content.questions and not content.questions[key].checkin
    }
    return CheckinBasis(full_check=latest, known=known)


def record_checkin(member: User, answers: Mapping[str, object]) -> TriageResult:
    """Evaluate today's check-in on top of the last full check's answers and store it.

    The stored answers count as they stand today (a lumbago of one week at the full
    check is three weeks old two weeks later), and today's answers replace them, so a
    combination (a small fall today plus known osteoporosis) is still recognised.
    Today's answers may stop at the first emergency sign, like the full check.
    Raises TriageInputError for today's answers (naming each question), NoFullCheck or
    FullCheckOutdated for the stored ones.
    """
    access.changes(member)
    content = get_catalog().triage
    basis = checkin_basis(member)
    known = basis.known
    not_checkin = {
        key: "not a check-in question"
        for key in answers
        if key in content.questions and not content.questions[key].checkin
    }
    if not_checkin:
        raise TriageInputError(not_checkin)
    try:
        verdict = evaluate({**known, **answers}, content, checkin=True)
    except TriageInputError as error:
        if not any(key in known and key not in answers for key in error.errors):
            raise
        # A stored answer no longer fits its question, though the fingerprint matched
        # (a hand-edited row, a migration gone wrong): never guess, ask for a new check.
        raise FullCheckOutdated(selectors.REDO_QUESTIONS, basis.full_check) from error
    return record_result(member, dict(answers), verdict)  # type: ignore[arg-type]
