"""Writes for the safety check."""

from collections.abc import Mapping

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.triage import Answer, TriageInputError, Verdict, evaluate
from rugcoach.triage import selectors
from rugcoach.triage.models import TriageResult


class NoFullCheck(Exception):
    """A check-in needs one full check first (its answers carry the known red flags)."""


class FullCheckOutdated(Exception):
    """The questions changed since the member's full check: it must be done again."""


def record_result(member: User, answers: Mapping[str, Answer], verdict: Verdict) -> TriageResult:
    """Store a completed triage or check-in exactly as the member saw it."""
    return TriageResult.objects.create(
        member=member,
        kind=TriageResult.Kind.CHECKIN if verdict.checkin else TriageResult.Kind.TRIAGE,
        answers=dict(answers),
        level=verdict.level.value,
        may_train=verdict.may_train,
        verdict=verdict.model_dump(mode="json"),
    )


def record_checkin(member: User, answers: Mapping[str, object]) -> TriageResult:
    """Evaluate today's check-in on top of the last full check's answers and store it.

    Today's answers replace the stored ones, so a combination (a small fall today plus
    known osteoporosis) is still recognised. Raises TriageInputError for today's answers
    (naming each question), NoFullCheck or FullCheckOutdated for the stored ones.
    """
    content = get_catalog().triage
    latest = selectors.latest_triage(member)
    if latest is None:
        raise NoFullCheck
    not_checkin = {
        key: "not a check-in question"
        for key in answers
        if key in content.questions and not content.questions[key].checkin
    }
    if not_checkin:
        raise TriageInputError(not_checkin)
    evaluate(answers, content, checkin=True)  # today's own answers, checked on their own
    known = {k: v for k, v in latest.answers.items() if k in content.questions}
    try:
        verdict = evaluate({**known, **answers}, content, checkin=True)
    except TriageInputError as error:
        raise FullCheckOutdated from error
    return record_result(member, dict(answers), verdict)  # type: ignore[arg-type]
