"""Before a program session plays: the same steps as a plan's session, then "not for you
now". No path starts a session for a member whose check blocks training."""

import pytest
from django.urls import reverse

from rugcoach.plans.models import Plan
from rugcoach.programs import selectors
from tests.plan_helpers import record_triage
from tests.programs.helpers import SLUG, checked_yesterday, ready_to_play
from tests.training.helpers import check_in

pytestmark = pytest.mark.django_db


def play(client, member, slug: str = SLUG) -> str:
    client.force_login(member)
    page = client.get(reverse("programs:play", args=[slug]))
    assert page.status_code == 200
    return page.content.decode()


def step(member, slug: str = SLUG) -> str:
    return selectors.gate(member, selectors.program_or_404(slug)).step


def test_no_check_yet_asks_for_the_full_check(member, client):
    assert step(member) == "full_check"
    page = play(client, member)
    assert reverse("triage:start") in page and 'id="session-data"' not in page


def test_a_check_that_blocks_shows_its_advice_and_never_the_player(member, client):
    record_triage(member, fever=True)
    assert step(member) == "blocked"
    page = play(client, member)
    assert "Vandaag niet trainen" in page and 'id="session-data"' not in page


def test_a_check_in_red_flag_blocks_every_program(member, client, catalog):
    checked_yesterday(member)
    check_in(member, checkin_nerve_signs=True)
    for slug in catalog.programs.programs:
        assert step(member, slug) == "blocked"
        assert 'id="session-data"' not in play(client, member, slug)


def test_todays_check_in_comes_first(member, client):
    checked_yesterday(member)
    assert step(member) == "checkin"
    page = play(client, member)
    assert reverse("triage:checkin") in page and 'id="session-data"' not in page


def test_a_plan_paused_for_a_physio_pauses_programs_too(member_with_plan, client):
    ready_to_play(member_with_plan)
    Plan.objects.filter(member=member_with_plan).update(paused_at="2026-11-30T10:00:00Z")
    assert step(member_with_plan) == "paused"
    page = play(client, member_with_plan)
    assert "fysiotherapeut" in page and 'id="session-data"' not in page


def test_after_the_check_in_the_player_opens_on_day_one(member, client):
    ready_to_play(member)
    assert step(member) == "train"
    page = play(client, member)
    assert 'id="session-data"' in page
    assert f'"session_key": "{SLUG}/d01"' in page


def test_a_pregnancy_from_the_check_alone_counts_as_late_pregnancy(member, client, catalog):
    """No intake: the check's pregnancy counts as the latest trimester (the safe side); a
    program that is not for pregnancy says so and names another."""
    record_triage(member, pregnant=True, pregnancy_week=30)
    from tests.training.helpers import checks_made_yesterday

    checks_made_yesterday(member)
    check_in(member)
    status = selectors.training_status(member)
    facts = selectors.for_member(member, status)
    assert facts is not None
    assert "pregnancy-after-first-trimester" in facts.conditions
    not_for = [
        slug
        for slug, program in catalog.programs.programs.items()
        if any(n.condition in facts.conditions for n in program.not_for)
    ]
    assert "core-circuit" in not_for
    for slug in not_for:
        assert step(member, slug) == "not_for_you"
        page = play(client, member, slug)
        assert "Nu niet voor jou" in page and 'id="session-data"' not in page


def test_a_pregnant_member_plays_the_challenge_with_only_what_is_safe_for_her(member, client):
    record_triage(member, pregnant=True, pregnancy_week=30)
    from tests.training.helpers import checks_made_yesterday

    checks_made_yesterday(member)
    check_in(member)
    program = selectors.program_or_404("challenge-30-days")
    gate = selectors.gate(member, program)
    assert gate.step == "train" and gate.fit is not None
    schedule = gate.fit.result
    assert not isinstance(schedule, selectors.NotForYou)
    played = {item.slug for session in schedule.sessions for item in session.items}
    assert played <= gate.fit.member.allowed
    written = {item.slug for session in program.sessions for item in session.items}
    assert played != written, "some exercises were swapped for pregnancy-safe ones"
