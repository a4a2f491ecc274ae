"""Hot reads compiled once (rugcoach/compiled.py, issue 16): each gives what the ORM's own
query gives, on SQLite and on PostgreSQL (CI runs both), and a query that cannot be
compiled once is refused rather than run with the wrong values."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.compiled import CompiledQuery
from rugcoach.plans import selectors as plan_selectors
from rugcoach.plans import services as plan_services
from rugcoach.trainers import panels
from rugcoach.trainers.models import MemberNote
from rugcoach.training import selectors as training_selectors
from rugcoach.training.models import Adaptation
from rugcoach.triage import selectors as triage_selectors
from rugcoach.triage.models import TriageResult
from tests.plan_helpers import TODAY, record_triage

pytestmark = pytest.mark.django_db

COMPILED = {
    "latest full check": triage_selectors._LATEST_TRIAGE,
    "latest check": triage_selectors._LATEST_RESULT,
    "intake": plan_selectors._INTAKE,
    "current plan": plan_selectors._CURRENT_PLAN,
    "earlier plans": plan_selectors._EARLIER_PLANS,
    "current plan's state": training_selectors._CURRENT_PLAN_STATE,
    "trainers' notes": panels._LATEST_NOTES,
}


def as_rows(found: list) -> list[tuple]:  # type: ignore[type-arg]
    """Every column's value of each instance, as a member would be shown them."""
    return [
        tuple(getattr(row, field.attname) for field in row._meta.concrete_fields) for row in found
    ]


@pytest.fixture
def member_with_everything(member_with_plan):  # type: ignore[no-untyped-def]
    """Two plans, two full checks and a check-in, two plan states, three notes."""
    member = member_with_plan
    plan_services.generate_plan(member, TODAY + timedelta(days=7))
    record_triage(member)
    TriageResult.objects.filter(member=member).update(created_at=timezone.now())  # a tie
    latest = TriageResult.objects.filter(member=member).first()
    TriageResult.objects.create(
        member=member,
        kind=TriageResult.Kind.CHECKIN,
        created_at=latest.created_at + timedelta(minutes=5),
        answers={"pain_now": 3},
        level=latest.level,
        may_train=latest.may_train,
        verdict=latest.verdict,
        questions_version=latest.questions_version,
    )
    stored = plan_selectors.current_plan(member)
    for status in ("held", "reduced"):
        Adaptation.objects.create(member=member, plan=stored, trigger="session", status=status)
    for text in ("Een", "Twee", "Drie"):
        MemberNote.objects.create(member=member, author_name="Tom", text=text)
    return member


@pytest.mark.parametrize("name", COMPILED)
def test_a_compiled_read_gives_what_the_orm_gives(name, member_with_everything):
    query = COMPILED[name]
    member = member_with_everything
    from_orm = list(query.queryset(member.pk))
    assert from_orm, "the member has rows for this read"
    assert as_rows(query.all(member.pk)) == as_rows(from_orm)
    other = User.objects.create_user("other@example.com", "x-Strong-back-42")
    assert query.all(other.pk) == [] and query.first(other.pk) is None


def test_the_checks_since_a_full_check_are_the_orms(member_with_everything):
    """Two keys: the member's id and their full check's."""
    member = member_with_everything
    query = triage_selectors._THAT_MATTER_SINCE
    for full in TriageResult.objects.filter(member=member, kind=TriageResult.Kind.TRIAGE):
        from_orm = list(query.queryset(member.pk, full.pk))
        assert as_rows(query.all(member.pk, full.pk)) == as_rows(from_orm)
    assert from_orm, "the oldest full check has a check after it"
    with pytest.raises(TypeError):
        query.all(member.pk)


def test_the_schedules_rows_are_the_orms_rows(member_with_plan):
    stored = plan_selectors.current_plan(member_with_plan)
    rows = plan_selectors.schedule_rows(stored)
    assert len(rows) > 40
    assert rows == tuple(plan_selectors.schedule_query(stored.pk))


def test_the_key_may_appear_more_than_once_beside_constant_values(member_with_plan):
    """The member's id twice (a subquery), a kind and a flag: only the id is the key."""
    member = member_with_plan
    newest = TriageResult.objects.filter(member_id=member.pk).values("pk")[:1]
    query = CompiledQuery(
        lambda member_id: TriageResult.objects.filter(
            Q(member_id=member_id, kind=TriageResult.Kind.TRIAGE, may_train=True)
            & Q(pk__in=TriageResult.objects.filter(member_id=member_id).values("pk")[:1])
        )
    )
    assert [r.pk for r in query.all(member.pk)] == list(newest.values_list("pk", flat=True))
    other = User.objects.create_user("other@example.com", "x-Strong-back-42")
    record_triage(other)
    assert [r.member_id for r in query.all(other.pk)] == [other.pk]


def test_a_query_that_changes_with_its_key_is_refused(member):
    by_parity = CompiledQuery(
        lambda member_id: (
            TriageResult.objects.filter(member_id=member_id)
            if member_id % 2
            else TriageResult.objects.filter(member_id=member_id, kind=TriageResult.Kind.TRIAGE)
        )
    )
    with pytest.raises(ValueError, match="SQL changes with its keys"):
        by_parity.first(member.pk)
    derived = CompiledQuery(lambda member_id: TriageResult.objects.filter(member_id=member_id + 1))
    with pytest.raises(ValueError, match="not a key"):
        derived.first(member.pk)
    without_key = CompiledQuery(lambda member_id: TriageResult.objects.filter(kind="triage"))
    with pytest.raises(ValueError, match="does not take each of its keys"):
        without_key.first(member.pk)
