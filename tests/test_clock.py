"""The tests' own clock (tests/clock.py): what the tests that depend on the day rely on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.clock import amsterdam, days_ago


@pytest.mark.parametrize("wall_clock", ["2026-10-25 23:30"], indirect=True)
def test_the_pinned_clock_is_what_the_app_and_its_rows_read(wall_clock, member):
    from rugcoach.triage.models import TriageResult
    from tests.plan_helpers import record_triage

    pinned = amsterdam("2026-10-25 23:30")
    assert timedelta(0) <= timezone.now() - pinned < timedelta(minutes=1), "it ticks on"
    stored = record_triage(member)  # created_at: the model's default=timezone.now
    assert timezone.localdate(TriageResult.objects.get(pk=stored.pk).created_at) == pinned.date()
    wall_clock.move_to("2026-10-26 00:05")
    assert timezone.localdate() == pinned.date() + timedelta(days=1)


@pytest.mark.parametrize("wall_clock", ["2026-10-25 23:30"], indirect=True)
def test_days_ago_counts_calendar_days_where_24_hours_do_not(wall_clock):
    """The last hour of the 25-hour day that ends summer time."""
    assert timezone.localdate(timezone.now() - timedelta(days=1)) == timezone.localdate()
    yesterday = days_ago(1)
    assert timezone.localdate(yesterday).isoformat() == "2026-10-24"
    assert (yesterday.hour, yesterday.minute) == (23, 30)
