"""Pressing "make my plan" again with nothing changed returns the plan just made; a
changed intake, another verdict or time passing makes a new one. A feed form bound
before another request created the feed updates that feed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rugcoach.plans import services
from rugcoach.plans.forms import SessionsFeedForm
from rugcoach.plans.models import CalendarFeed, Plan
from tests.plan_helpers import HOME_PROFILE, TODAY, record_triage

pytestmark = pytest.mark.django_db


def test_an_identical_regeneration_returns_the_plan_just_made(member_with_plan):
    first = Plan.objects.get()
    again = services.generate_plan(member_with_plan, TODAY)
    assert again.plan.pk == first.pk
    assert Plan.objects.count() == 1


def test_a_changed_intake_makes_a_new_plan(member_with_plan):
    first = Plan.objects.get()
    services.save_intake(
        member_with_plan, HOME_PROFILE.model_copy(update={"minutes_per_session": 20})
    )
    again = services.generate_plan(member_with_plan, TODAY)
    assert again.plan.pk != first.pk
    assert Plan.objects.count() == 2
    assert Plan.objects.get(is_current=True).pk == again.plan.pk


def test_a_new_verdict_makes_a_new_plan(member_with_plan):
    first = Plan.objects.get()
    record_triage(member_with_plan, pregnant=True, pregnancy_week=20)
    again = services.generate_plan(member_with_plan, TODAY)
    assert again.plan is not None and again.plan.pk != first.pk
    assert again.plan.verdict != first.verdict


def test_after_the_window_a_new_plan_is_made(member_with_plan):
    Plan.objects.update(
        created_at=timezone.now() - services.REGENERATE_WINDOW - timedelta(seconds=1)
    )
    services.generate_plan(member_with_plan, TODAY)
    assert Plan.objects.count() == 2


def test_a_feed_form_bound_before_another_request_saved_updates_that_feed(member_with_plan):
    stale = SessionsFeedForm(
        {"session_time": "07:30"},
        instance=CalendarFeed(member=member_with_plan, kind="sessions"),
    )
    assert stale.is_valid()
    other = CalendarFeed.objects.create(member=member_with_plan, kind="sessions")
    saved = services.save_feed(member_with_plan, stale)
    assert saved.pk == other.pk
    assert CalendarFeed.objects.count() == 1
    other.refresh_from_db()
    assert other.session_time.strftime("%H:%M") == "07:30"
