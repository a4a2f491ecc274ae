"""Issue 11 §3: a clear next step on every page (verdict → plan, check-in → today's
session, the plan after today's check-in, the intake prefilled from the check)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from rugcoach.content import get_catalog
from rugcoach.core.planner import SelfTests
from rugcoach.plans import services
from rugcoach.plans.models import Plan
from rugcoach.triage.models import TriageResult
from tests.clock import days_ago
from tests.plan_helpers import HOME_PROFILE, record_triage
from tests.triage.test_triage_pages import checkin_data
from tests.triage.wizard_walker import walk

pytestmark = pytest.mark.django_db
GENERIC_LIST = "Oefeningen die nu bij je passen"


@pytest.fixture
def content():
    return get_catalog().triage


@pytest.fixture
def planned(member):
    """A member whose plan has its first session today (the plan's start moved to today),
    with a full check from yesterday (a full check done today counts as today's check)."""
    stored = record_triage(member)
    TriageResult.objects.filter(pk=stored.pk).update(created_at=days_ago(1))
    services.save_intake(member, HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"))
    services.generate_plan(member, timezone.localdate())
    Plan.objects.filter(member=member).update(starts_on=timezone.localdate())
    return member


def first_session_names(member) -> list[str]:
    from rugcoach.plans.selectors import current_plan, stored_schedule

    schedule = stored_schedule(current_plan(member))
    first = min(schedule.sessions, key=lambda s: s.day_offset)
    assert first.day_offset == 0
    catalog = get_catalog()
    return [catalog.exercises[item.slug].name.get("nl") for item in first.items]


# --- a verdict that allows training links to the plan -----------------------------------


def test_a_visitors_verdict_that_allows_training_invites_to_sign_up_for_a_plan(client, content):
    html = walk(client, content, {}).content.decode()
    assert "Maak een account voor je plan" in html
    section = re.search(r'<section class="card next-step".*?</section>', html, re.S)
    assert section and 'href="/account/aanmelden/"' in section.group(0)


def test_a_members_verdict_that_allows_training_links_to_the_plan(client, content, member):
    client.force_login(member)
    html = walk(client, content, {}).content.decode()
    assert 'href="/plan/verder/">Naar je plan' in html
    # no intake yet: the next step is the intake
    assert client.get("/plan/verder/")["Location"] == "/plan/intake/"


def test_a_verdict_that_forbids_training_has_no_plan_link(client, content, member):
    client.force_login(member)
    html = walk(client, content, {"fever": True}).content.decode()
    assert "/plan/verder/" not in html and "next-step-title" not in html


def test_an_old_result_opened_while_a_newer_check_blocks_has_no_plan_link(client, content, member):
    """From the history: the old "you may train" result must not send the member to the
    plan while a newer check-in forbids training."""
    client.force_login(member)
    good = record_triage(member)
    assert "/plan/verder/" in client.get(f"/mag-ik-trainen/uitslag/{good.pk}/").content.decode()
    client.post("/mag-ik-trainen/check-in/", checkin_data(content, checkin_nerve_signs=True))
    html = client.get(f"/mag-ik-trainen/uitslag/{good.pk}/").content.decode()
    assert "/plan/verder/" not in html and "next-step-title" not in html


def test_the_next_step_is_the_check_then_the_plan(client, member, planned):
    other = type(member).objects.create_user("niets@example.com", "a-calm-Strong-back-42")
    client.force_login(other)
    assert client.get("/plan/verder/")["Location"] == "/mag-ik-trainen/"
    client.force_login(planned)
    assert client.get("/plan/verder/")["Location"] == "/plan/"


# --- a check-in that allows training shows today's session --------------------------------


def test_a_checkin_that_allows_training_shows_todays_session_with_doses(client, content, planned):
    client.force_login(planned)
    response = client.post("/mag-ik-trainen/check-in/", checkin_data(content))
    assert response["Location"] == "/plan/vandaag/"
    html = client.get("/plan/vandaag/").content.decode()
    assert "Je training van vandaag" in html
    names = first_session_names(planned)
    for name in names:
        assert escape(name) in html
    assert html.count('class="dose"') == len(names)
    assert GENERIC_LIST not in html, "today's session replaces the generic list"
    assert "Waarom" in html, "the check-in's verdict and reasons stay on the page"


def test_a_checkin_without_a_plan_links_to_making_one(client, content, member):
    client.force_login(member)
    stored = record_triage(member)
    TriageResult.objects.filter(pk=stored.pk).update(created_at=days_ago(1))
    client.post("/mag-ik-trainen/check-in/", checkin_data(content))
    html = client.get("/plan/vandaag/").content.decode()
    assert 'href="/plan/verder/">Maak je plan' in html


def test_a_checkin_with_more_pain_than_the_plan_was_made_for_gets_no_plan_session(
    client, content, planned
):
    client.force_login(planned)
    client.post("/mag-ik-trainen/check-in/", checkin_data(content, pain_now=6))
    html = client.get("/plan/vandaag/").content.decode()
    assert "rustiger aan te doen dan je plan" in html
    assert 'class="dose"' not in html.split('id="today-title"')[1]


def test_a_checkin_that_forbids_training_still_shows_its_advice(client, content, planned):
    client.force_login(planned)
    response = client.post("/mag-ik-trainen/check-in/", checkin_data(content, checkin_walking=True))
    stored = TriageResult.objects.filter(kind="checkin").get()
    assert response["Location"] == f"/mag-ik-trainen/uitslag/{stored.pk}/"
    assert client.get("/plan/vandaag/")["Location"] == f"/mag-ik-trainen/uitslag/{stored.pk}/"


def test_today_without_a_checkin_asks_for_one(client, planned):
    client.force_login(planned)
    assert client.get("/plan/vandaag/")["Location"] == "/mag-ik-trainen/check-in/"


# --- the plan page after today's check-in -------------------------------------------------


def test_the_plan_no_longer_asks_for_the_checkin_once_done_today(client, content, planned):
    client.force_login(planned)
    assert "Doe eerst de check-in" in client.get("/plan/").content.decode()
    client.post("/mag-ik-trainen/check-in/", checkin_data(content))
    html = client.get("/plan/").content.decode()
    assert "Doe eerst de check-in" not in html
    assert 'href="/plan/vandaag/"' in html
    # It says what is true after a session too (the player asks for the next check-in).
    assert "Je check-in van vandaag is gedaan" in html and "je mag vandaag trainen" not in html


def test_yesterdays_checkin_does_not_count_for_today(client, content, planned):
    client.force_login(planned)
    client.post("/mag-ik-trainen/check-in/", checkin_data(content))
    TriageResult.objects.filter(kind="checkin").update(created_at=days_ago(1))
    assert "Doe eerst de check-in" in client.get("/plan/").content.decode()


# --- the intake never asks again what the check knows --------------------------------------


def checked(html: str, name: str, value: str) -> bool:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*value="{re.escape(value)}"[^>]*>', html)
    return tag is not None and "checked" in tag.group(0)


def test_the_intake_is_prefilled_from_the_check_and_aged_to_today(client, member):
    client.force_login(member)
    stored = record_triage(member, duration_weeks=5, stress_tension=True, training_load=True)
    TriageResult.objects.filter(pk=stored.pk).update(created_at=days_ago(14))
    html = client.get("/plan/intake/").content.decode()
    assert re.search(r'name="complaint_weeks"[^>]*value="7"', html), "5 weeks, 2 weeks ago"
    assert checked(html, "triggers", "stress")
    assert checked(html, "triggers", "heavy-load")
    assert "staat hieronder al ingevuld" in html


def test_a_pregnancy_from_the_check_fills_in_situation_and_due_date(client, member):
    client.force_login(member)
    record_triage(member, pregnant=True, pregnancy_week=20)
    html = client.get("/plan/intake/").content.decode()
    assert checked(html, "situation", "pregnancy")
    due = timezone.localdate() + timedelta(days=280 - 20 * 7 - 3)  # week 20 + 3 days
    assert f'value="{due.isoformat()}"' in html


def test_a_calm_check_leaves_the_triggers_open(client, member):
    client.force_login(member)
    record_triage(member)
    html = client.get("/plan/intake/").content.decode()
    assert not checked(html, "triggers", "stress")
    assert re.search(r'name="complaint_weeks"[^>]*value="2"', html)


def test_the_self_tests_are_prefilled_with_stress_and_training_load(client, member):
    client.force_login(member)
    record_triage(member, stress_tension=True, training_load=True)
    services.save_intake(member, HOME_PROFILE)
    html = client.get("/plan/zelftests/").content.decode()
    assert checked(html, "stress", "medium")
    assert checked(html, "training_load", "high")
