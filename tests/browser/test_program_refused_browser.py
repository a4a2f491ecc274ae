"""A program day the server does not count, in Chromium at 390x844: the player was opened
before a red flag was known (another tab, another phone). The session is stored all the
same, the outbox lets it go (a 409 means stored), and the program still says day 1 next.
And the one the player does not start: opened before midnight, started after it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from rugcoach.programs.models import Enrollment, ProgramDay
from rugcoach.training.models import TrainingSession
from rugcoach.triage.models import TriageResult
from tests.browser.helpers import ARTIFACTS_DIR
from tests.browser.test_player_browser import hold_the_clock, waiting_in_outbox
from tests.browser.test_programs_browser import play_through
from tests.browser.test_triage_browser import log_in
from tests.clock import today_at
from tests.programs.helpers import SLUG, ready_to_play
from tests.training.helpers import check_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# At noon: the check-in 10 minutes before the player opened is today's at any hour the
# suite runs (real today: the browser keeps the session cookie by the real clock).
@pytest.mark.parametrize("wall_clock", [today_at("12:00")], indirect=True)
def test_a_session_after_a_red_flag_is_kept_but_no_day(wall_clock, page: Page, live_server, member):
    calm = ready_to_play(member)
    TriageResult.objects.filter(pk=calm.pk).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )
    log_in(page, live_server, member)
    hold_the_clock(page, live_server.url + reverse("programs:play", args=[SLUG]))
    expect(page.locator(".player-title")).to_contain_text("dag 1 van")
    # Meanwhile, elsewhere: a check-in with nerve signs, before the session starts.
    red_flag = check_in(member, checkin_nerve_signs=True)
    TriageResult.objects.filter(pk=red_flag.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    page.get_by_role("button", name="Start", exact=True).click()
    play_through(page)
    for question, value in (("Hoeveel pijn heb je nu", "2"), ("Hoe zwaar was de training", "4")):
        page.locator("fieldset", has_text=question).locator(f"input[value='{value}']").check(
            force=True
        )
    page.get_by_role("button", name="Opslaan").click()
    # Stored, but the member is told it is no day of the program (not "well done").
    expect(page.locator(".player-not-counted")).to_contain_text("telt niet als dag")
    expect(page.locator(".player-saved")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS_DIR / "programs-refused-saved-nl.png"), full_page=True)
    assert waiting_in_outbox(page) == [], "stored on the server: nothing left to send"
    session = TrainingSession.objects.get(member=member)
    assert session.session_key == f"{SLUG}/d01", "the session is kept"
    assert not ProgramDay.objects.exists(), "but it is no day of the program"
    assert not Enrollment.objects.filter(member=member).exists(), "and joins nothing"


@pytest.mark.parametrize("wall_clock", [today_at("23:58")], indirect=True)
def test_a_player_opened_before_midnight_asks_for_the_new_days_check_in_at_start(
    wall_clock, page: Page, live_server, member
):
    """Checked in and opened at 23:58, Start tapped at 00:01: a session of the new day,
    which the server would not count on yesterday's check-in. The player asks for the
    new day's check-in instead of playing a session in vain."""
    ready_to_play(member)
    log_in(page, live_server, member)
    hold_the_clock(page, live_server.url + reverse("programs:play", args=[SLUG]))
    expect(page.locator(".player-title")).to_contain_text("dag 1 van")
    start = page.get_by_role("button", name="Start", exact=True)
    expect(start).to_be_visible()
    page.clock.run_for("03:00")
    start.click()
    checkin = page.locator(f"#player-screen a[href='{reverse('triage:checkin')}']")
    expect(checkin).to_be_visible()
    expect(checkin).to_be_focused()
    expect(start).to_have_count(0)
    page.clock.run_for(2_000)  # the player's ticks do not bring the start screen back
    expect(checkin).to_be_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / "programs-after-midnight-nl.png"), full_page=True)
    assert waiting_in_outbox(page) == []
    assert not TrainingSession.objects.filter(member=member).exists()
