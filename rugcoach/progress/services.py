"""Writes of outcome measures: a PSFS assessment, validated against content/outcomes.yaml."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.kernel.text import normalize_for_search
from rugcoach.progress.models import PsfsAssessment

NAME_MAX = 80


class InvalidPsfs(Exception):
    """The activities break a rule; ``problems`` says which, for the form or the API."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def activity_problems(activities: Any) -> list[str]:
    """What is wrong with ``[{name, score}]`` (empty when it is a valid PSFS)."""
    rule = get_catalog().outcomes.psfs
    if not isinstance(activities, list):
        return ["give a list of activities"]
    problems: list[str] = []
    if not rule.activities_min <= len(activities) <= rule.activities_max:
        problems.append(f"give {rule.activities_min} to {rule.activities_max} activities")
    seen: set[str] = set()
    for index, item in enumerate(activities):
        if not isinstance(item, dict) or set(item) != {"name", "score"}:
            problems.append(f"activity {index + 1}: give a name and a score")
            continue
        name, score = item["name"], item["score"]
        if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX:
            problems.append(f"activity {index + 1}: a name of 1 to {NAME_MAX} characters")
        elif normalize_for_search(name) in seen:
            problems.append(f"activity {index + 1}: named twice")
        else:
            seen.add(normalize_for_search(name))
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
            problems.append(f"activity {index + 1}: a score from 0 to 10")
    return problems


def record_psfs(
    member: User, *, activities: Sequence[tuple[str, int]], by: User | None = None
) -> PsfsAssessment:
    """Store one PSFS assessment; raises InvalidPsfs and stores nothing when it is not one."""
    member = access.changes(member, by)
    data = [{"name": name.strip(), "score": score} for name, score in activities]
    problems = activity_problems(data)
    if problems:
        raise InvalidPsfs(problems)
    with transaction.atomic():
        return PsfsAssessment.objects.create(
            member=member, created_at=timezone.now(), activities=data
        )
