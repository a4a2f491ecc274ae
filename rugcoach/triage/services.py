"""Writes for the safety check."""

from collections.abc import Mapping

from rugcoach.accounts.models import User
from rugcoach.core.triage import Answer, Verdict
from rugcoach.triage.models import TriageResult


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
