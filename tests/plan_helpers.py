"""Members with a safety check, an intake and a plan, for the plan and API tests."""

from datetime import date

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.planner import Profile
from rugcoach.core.triage.engine import evaluate
from rugcoach.triage.services import record_result
from tests.triage_answers import benign_answers

PASSWORD = "a-calm-Strong-back-42"
# A Wednesday: the plan starts on the next Monday, 2026-11-30.
TODAY = date(2026, 11, 25)


def triage_answers(**changes: object) -> dict[str, object]:
    content = get_catalog().triage
    answers = {k: v for k, v in benign_answers(content).items() if content.questions[k].triage}
    return {**answers, **changes}


def record_triage(member: User, **changes: object):  # type: ignore[no-untyped-def]
    answers = triage_answers(**changes)
    return record_result(member, answers, evaluate(answers, get_catalog().triage))


HOME_PROFILE = Profile(
    situation="home",
    minutes_per_session=15,
    weekdays=("mon", "wed", "fri"),
    complaint_weeks=8,
    triggers=frozenset({"long-sitting"}),
)
