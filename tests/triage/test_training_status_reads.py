"""``training_status`` reads two rows' worth of queries, not the member's whole record
(issue 16); whatever the order, ties and kinds of the member's checks, it must say what
the definition over every row says: the latest full check, the latest check, and the
check-ins after the full check that forbid training (the one that blocks is the most
severe, then the latest)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugcoach.accounts.models import User
from rugcoach.core.triage.engine import Level
from rugcoach.triage.models import TriageResult
from rugcoach.triage.selectors import training_status

pytestmark = pytest.mark.django_db

CHECK = TriageResult.Kind.CHECKIN
FULL = TriageResult.Kind.TRIAGE

# (kind, level, minutes before now): a level that allows training makes a check that
# lets the member train; equal minutes give ties, which the row's id breaks.
checks = st.lists(
    st.tuples(st.sampled_from([CHECK, FULL]), st.sampled_from(list(Level)), st.integers(0, 6)),
    max_size=9,
)


def by_definition(rows: list[TriageResult]) -> tuple[int | None, int | None, set[int], int | None]:
    newest_first = sorted(rows, key=lambda r: (r.created_at, r.pk), reverse=True)
    fulls = [r for r in newest_first if r.kind == FULL]
    full = fulls[0] if fulls else None
    after = newest_first[: newest_first.index(full)] if full is not None else []
    blocking = [r for r in after if r.kind == CHECK and not r.may_train]
    candidates = blocking + ([full] if full is not None and not full.may_train else [])
    worst = max(
        candidates, key=lambda r: (Level(r.level).severity, r.created_at, r.pk), default=None
    )
    return (
        full.pk if full else None,
        newest_first[0].pk if rows else None,
        {r.pk for r in blocking},
        worst.pk if worst else None,
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(made=checks)
def test_the_status_is_what_every_row_says(made) -> None:
    member, _ = User.objects.get_or_create(email="status@example.com")
    TriageResult.objects.filter(member=member).delete()
    now = timezone.now()
    rows = [
        TriageResult.objects.create(
            member=member,
            kind=kind,
            level=level.value,
            may_train=level.allows_training,
            created_at=now - timedelta(minutes=minutes),
            answers={},
            verdict={},
            questions_version="v",
        )
        for kind, level, minutes in made
    ]
    status = training_status(member)
    full, latest, blocking, worst = by_definition(rows)
    assert (status.triage.pk if status.triage else None) == full
    assert (status.latest.pk if status.latest else None) == latest
    assert {r.pk for r in status.blocking_checkins} == blocking
    assert (status.blocking.pk if status.blocking else None) == worst


def test_the_status_takes_two_queries_however_many_checks(
    member, django_assert_num_queries
) -> None:
    now = timezone.now()
    for number in range(30):
        TriageResult.objects.create(
            member=member,
            kind=FULL if number == 0 else CHECK,
            level=Level.TRAIN.value,
            may_train=True,
            created_at=now - timedelta(hours=30 - number),
            answers={},
            verdict={},
            questions_version="v",
        )
    with django_assert_num_queries(2):
        status = training_status(member)
    assert status.latest is not None and status.latest.created_at == now - timedelta(hours=1)
    assert status.blocking_checkins == ()
