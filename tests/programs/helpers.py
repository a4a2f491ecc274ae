"""A member with a calm full check (a week ago) who may do today's check-in, and a
program day as the player reports it."""

import uuid
from datetime import timedelta

from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.programs import selectors
from rugcoach.training.services import ExerciseReport, SessionReport
from rugcoach.triage.models import TriageResult
from tests.clock import days_ago as calendar_days_ago
from tests.plan_helpers import record_triage
from tests.training.helpers import check_in

# The program every test plays: a short daily routine (the challenge when it is there).
SLUG = (
    "challenge-30-days"
    if "challenge-30-days" in get_catalog().programs.programs
    else ("morning-evening")
)


# The full check a test member made, this many days ago: before the days a test plays
# in the past (the server counts a day only after a full check).
FULL_CHECK_DAYS_AGO = 7


def checked_yesterday(
    member: User, *, days_ago: int = FULL_CHECK_DAYS_AGO, **answers: object
) -> TriageResult:
    """A full check made before today (``days_ago``): today's check-in is still due."""
    found = record_triage(member, **answers)
    TriageResult.objects.filter(member=member).update(created_at=calendar_days_ago(days_ago))
    return found


def ready_to_play(member: User, *, days_ago: int = FULL_CHECK_DAYS_AGO) -> TriageResult:
    """A calm full check ``days_ago`` and a calm check-in now."""
    checked_yesterday(member, days_ago=days_ago)
    return check_in(member)


def checked_in_at(member: User, moment) -> TriageResult:  # type: ignore[no-untyped-def]
    """A calm check-in, made at ``moment``."""
    found = check_in(member)
    TriageResult.objects.filter(pk=found.pk).update(created_at=moment)
    found.refresh_from_db()
    return found


def item_reports(items, *, hurt: int | None = None) -> tuple[ExerciseReport, ...]:  # type: ignore[no-untyped-def]
    """Each item done as shown ("right", its latest dose's sets), or the first one hurt
    with that pain."""
    reports = []
    for number, item in enumerate(items):
        first_hurt = hurt is not None and number == 0
        reports.append(
            ExerciseReport(
                slug=item.slug,
                item_key=item.key,
                version=item.versions[-1].number,
                sets_done=item.prescription.sets,
                outcome="hurt" if first_hurt else "right",
                hurt_where=("lower_back",) if first_hurt else (),
                pain=hurt if first_hurt else None,
            )
        )
    return tuple(reports)


def day_report(
    member: User,
    key: str = "d01",
    *,
    slug: str = SLUG,
    hurt: int | None = None,
    started_at=None,  # type: ignore[no-untyped-def]
    client_key: uuid.UUID | None = None,
    checked: bool = True,
) -> SessionReport:
    """The player's report of a day played as the player showed it: every item done
    ("right"), or the first one hurt with that pain. It starts now (after the check-in
    ``ready_to_play`` made), or at ``started_at``: then, ``checked``, after a calm check-in
    made just before it (the server counts a day only after that day's check-in)."""
    program = get_catalog().programs.programs[slug]
    status = selectors.training_status(member)
    fit = selectors.fits(member, program, status)
    assert fit is not None and not isinstance(fit.result, selectors.NotForYou)
    session = fit.result.session(key)
    assert session is not None
    started = started_at or timezone.now()
    if started_at is not None and checked:
        checked_in_at(member, started - timedelta(minutes=1))
    return SessionReport(
        client_key=client_key or uuid.uuid4(),
        started_at=started,
        finished_at=started + timedelta(minutes=5),
        completed=True,
        pain_after=2,
        effort=4,
        session_key=f"{slug}/{key}",
        results=item_reports(session.items, hurt=hurt),
    )
