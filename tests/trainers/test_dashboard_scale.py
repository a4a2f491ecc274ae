"""The trainer's dashboard at two sizes of generated data (issue 15 §5, in CI): the same
exact query count for 200 and 1,000 consented members, and exactly the alerts the
generator made (``manage.py generate_scale_data``; the 100,000-member run is
``bench/bench_dashboard.py``, docs/scale.md)."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.trainers import selectors
from rugcoach.training.models import TrainingSession
from rugcoach.triage.models import TriageResult

pytestmark = pytest.mark.django_db

# Per size: consented members (all of that run's members), and the alerts among them.
SIZES = {"small": (200, 10), "large": (1000, 50)}
# The generator's alerts come in turn: red flag, heavy session, inactive.
EXPECTED_KINDS = {
    "small": {"red-flag": 4, "session": 3, "inactive": 3},
    "large": {"red-flag": 17, "session": 17, "inactive": 16},
}
# The selector's queries: today's intakes, the members' page (paged in SQL), checks,
# sessions, mornings, signals, handled marks, the access log's one insert. The access
# policy's reachable ids are a subquery of each, not a query; no intakes today, so the
# intakes' access-log insert does not happen.
SELECTOR_QUERIES = 9
# The page: the session and the user, then the selector's.
PAGE_QUERIES = 2 + SELECTOR_QUERIES


@pytest.fixture
def trainers() -> dict[str, User]:
    """Two trainers, each with their own generated members (1,200 members in all)."""
    with override_settings(DEBUG=True):
        for size, (members, alerts) in SIZES.items():
            call_command(
                "generate_scale_data",
                members=members,
                consented=members,
                alerts=alerts,
                sessions_per_member=3,
                checks_per_member=2,
                prefix=size,
                trainer_email=f"{size}@yellowgym.test",
                stdout=StringIO(),
            )
    return {size: User.objects.get(email=f"{size}@yellowgym.test") for size in SIZES}


def test_the_selector_counts_the_same_queries_at_both_sizes(trainers, django_assert_num_queries):
    # What the generator wrote: 1,000 members who consented, their sessions and checks.
    assert trainers["large"].trainer.consents.filter(revoked_at__isnull=True).count() == 1000
    large = User.objects.filter(email__startswith="large-", email__endswith="@scale.rugcoach.test")
    assert TrainingSession.objects.filter(member__in=large).count() == 3000
    # Two checks each, and the red-flag alerts' extra check-in with fever.
    assert TriageResult.objects.filter(member__in=large).count() == 2000 + 17
    now = timezone.now()
    for size, (members, alerts) in SIZES.items():
        with django_assert_num_queries(SELECTOR_QUERIES):
            found = selectors.dashboard(trainers[size], now=now)
        assert found.member_count == members
        assert len(found.open_alerts) == alerts, size
        kinds = Counter(str(view.alert.kind) for view in found.open_alerts)
        assert kinds == EXPECTED_KINDS[size]
        assert {view.alert.member_id for view in found.open_alerts} <= set(
            trainers[size].trainer.consents.values_list("member_id", flat=True)
        ), "only the trainer's own members' alerts"


def test_the_page_counts_the_same_queries_at_both_sizes_and_shows_every_alert(trainers):
    counts = {}
    for size in SIZES:
        client = Client()
        client.force_login(trainers[size])
        client.get(reverse("trainers:dashboard"))  # the session and user rows are warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("trainers:dashboard"))
        assert response.status_code == 200
        counts[size] = len(queries)
        html = response.content.decode()
        for kind, expected in EXPECTED_KINDS[size].items():
            assert html.count(f'class="alert alert-{kind}"') == expected, (size, kind)
    assert counts == {"small": PAGE_QUERIES, "large": PAGE_QUERIES}
