"""Before a program session plays: the same steps as a plan's session, then "not for you
now". No path starts a session for a member whose check blocks training."""

from urllib.parse import quote

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
    # The check-in comes back to this program's session (tests/triage/test_checkin_next.py).
    back = quote(reverse("programs:play", args=["challenge-30-days"]), safe="")
    assert f'{reverse("triage:checkin")}?next={back}"' in page


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


# --- review fixes (issue 14): both verdicts, held days, a physio ----------------------


@pytest.mark.parametrize(
    "full_check",
    [
        {"osteoporosis_or_steroids": True},
        {"stress_tension": True},
        {"pain_after_sitting": True},
        {},
    ],
)
def test_a_check_in_with_pain_7_lets_every_program_play_only_the_gentle_list(
    member, client, catalog, full_check
):
    """Clinical reference §9: above 5/10 only breathing and gentle mobility, whatever the
    full check said (it used to keep the full check's exercise list and avoid rules)."""
    checked_yesterday(member, **full_check)
    today = check_in(member, pain_now=7)
    gentle = set(today.stored_verdict.exercises)
    assert gentle, "REST_THEN_REBUILD has its gentle list"
    for slug in catalog.programs.programs:
        gate = selectors.gate(member, selectors.program_or_404(slug))
        assert gate.step in ("train", "not_for_you"), slug
        if gate.step == "train":
            assert gate.fit is not None and gate.fit.member.allowed <= gentle
            schedule = gate.fit.result
            played = {item.slug for s in schedule.sessions for item in s.items}  # type: ignore[union-attr]
            assert played <= gentle, f"{slug}: {played - gentle}"
            page = play(client, member, slug)
            for other in catalog.exercises:
                if other not in gentle:
                    assert f'"slug": "{other}"' not in page, (slug, other)


def _held_day(member, key: str, minutes_ago: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from rugcoach.programs import services
    from tests.programs.helpers import day_report

    started = timezone.now() - timedelta(minutes=minutes_ago)
    services.record_day(
        member, program=SLUG, report=day_report(member, key, hurt=7, started_at=started)
    )


def test_two_days_held_for_pain_stop_the_program_until_a_new_full_check(member, client, catalog):
    ready_to_play(member)
    _held_day(member, "d01", 60)
    check_in(member)
    assert step(member) == "train", "one held day: the day again, lighter"
    _held_day(member, "d01", 30)
    check_in(member)
    assert step(member) == "physio"
    page = play(client, member)
    assert 'id="session-data"' not in page
    assert catalog.progression.rules["R4"].text.nl in page
    assert reverse("triage:start") in page
    detail = client.get(reverse("programs:detail", args=[SLUG])).content.decode()
    assert 'data-testid="physio"' in detail
    assert reverse("programs:play", args=[SLUG]) not in detail, "no start button"
    # A restart does not lift it; a new full check does.
    from rugcoach.programs import services

    services.restart(member, program=SLUG)
    assert step(member) == "physio"
    record_triage(member)
    assert step(member) != "physio"


def test_a_check_in_clearly_worse_after_the_last_day_plays_it_again_lighter(
    wall_clock, member, client
):
    """In the morning (yesterday's day starts a minute after its check-in: just after
    midnight that check-in would be the day before)."""
    from rugcoach.programs import services
    from rugcoach.triage.models import TriageResult
    from tests.clock import days_ago
    from tests.programs.helpers import day_report

    record_triage(member)
    TriageResult.objects.filter(member=member).update(created_at=days_ago(2))
    yesterday = days_ago(1)
    services.record_day(member, program=SLUG, report=day_report(member, started_at=yesterday))
    check_in(member, checkin_worse_after_training=True)
    page = play(client, member)
    assert f'"session_key": "{SLUG}/d01"' in page, "day 1 again"
    assert "Je doet deze dag nog een keer." in page
    assert "slechter dan ervoor" in page  # R2's text
    assert "Deze oefening deed pijn" not in page, "nothing hurt: the reason is R2's"


def test_the_physio_step_in_english(member, client, catalog):
    from django.utils import translation

    ready_to_play(member)
    _held_day(member, "d01", 60)
    check_in(member)
    _held_day(member, "d01", 30)
    member.preferred_language = "en"
    member.save()
    client.force_login(member)
    with translation.override("en"):
        url = reverse("programs:play", args=[SLUG])
    page = client.get(url, follow=True).content.decode()
    assert "See a physiotherapist first" in page and 'id="session-data"' not in page
    assert catalog.progression.rules["R4"].text.en in page
