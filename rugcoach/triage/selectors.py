"""Reads for the safety check; every read is scoped to one member."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.triage.models import TriageResult


def member_results(member: User) -> QuerySet[TriageResult]:
    return TriageResult.objects.filter(member=member)


def latest_triage(member: User) -> TriageResult | None:
    return member_results(member).filter(kind=TriageResult.Kind.TRIAGE).first()


def latest_result(member: User) -> TriageResult | None:
    """The most recent check of either kind: a red flag in today's check-in counts."""
    return member_results(member).first()


@dataclass(frozen=True)
class TrainingStatus:
    """Where a member stands: the one place that says whether they may train now."""

    triage: TriageResult | None
    """The latest full check: its verdict (conditions, level) shapes a plan."""
    latest: TriageResult | None
    """The latest check of either kind: when it forbids training, nothing trains."""

    @property
    def blocked(self) -> bool:
        return self.latest is not None and not self.latest.may_train

    @property
    def blocking(self) -> TriageResult | None:
        """The stored check whose verdict blocks training now (placeholder for issue 8)."""
        return self.latest if self.blocked else None

    @property
    def may_train(self) -> bool:
        return self.triage is not None and not self.blocked


def training_status(member: User) -> TrainingStatus:
    latest = latest_result(member)
    if latest is not None and latest.kind == TriageResult.Kind.TRIAGE:
        return TrainingStatus(triage=latest, latest=latest)
    return TrainingStatus(triage=latest_triage(member), latest=latest)


def result_of_member(member: User, result_id: int) -> TriageResult:
    """The member's own result; another member's id is a 404, never a peek."""
    return get_object_or_404(member_results(member), pk=result_id)


def recheck_due(result: TriageResult) -> bool:
    """Whether the verdict's own 'check again after N days' has passed."""
    days = result.verdict.get("recheck_after_days")
    return bool(days) and timezone.now() - result.created_at > timedelta(days=days)
