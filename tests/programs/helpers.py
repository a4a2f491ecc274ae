"""A member with a calm full check (yesterday) who may do today's check-in, and a
program day as the player reports it."""

import uuid
from datetime import timedelta

from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.programs import selectors
from rugcoach.training.services import ExerciseReport, SessionReport
from rugcoach.triage.models import TriageResult
from tests.plan_helpers import record_triage
from tests.training.helpers import check_in, checks_made_yesterday

# The program every test plays: a short daily routine (the challenge when it is there).
SLUG = (
    "challenge-30-days"
    if "challenge-30-days" in get_catalog().programs.programs
    else ("morning-evening")
)


def checked_yesterday(member: User, **answers: object) -> TriageResult:
    found = record_triage(member, **answers)
    checks_made_yesterday(member)
    return found


def ready_to_play(member: User) -> TriageResult:
    """A calm full check yesterday and a calm check-in now."""
    checked_yesterday(member)
    return check_in(member)


def day_report(
    member: User,
    key: str = "d01",
    *,
    slug: str = SLUG,
    hurt: int | None = None,
    started_at=None,  # type: ignore[no-untyped-def]
    client_key: uuid.UUID | None = None,
) -> SessionReport:
    """The player's report of a day played as the player showed it: every item done
    ("right"), or the first one hurt with that pain."""
    program = get_catalog().programs.programs[slug]
    status = selectors.training_status(member)
    fit = selectors.fits(member, program, status)
    assert fit is not None and not isinstance(fit.result, selectors.NotForYou)
    session = fit.result.session(key)
    assert session is not None
    results = []
    for number, item in enumerate(session.items):
        first_hurt = hurt is not None and number == 0
        results.append(
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
    started = started_at or timezone.now() - timedelta(minutes=6)
    return SessionReport(
        client_key=client_key or uuid.uuid4(),
        started_at=started,
        finished_at=started + timedelta(minutes=5),
        completed=True,
        pain_after=2,
        effort=4,
        session_key=f"{slug}/{key}",
        results=tuple(results),
    )
