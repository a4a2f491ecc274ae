"""The programs in Chromium at 390x844: log in, join, the check-in, day 1 in the player
(the page's clock held, so nothing really waits), then the streak and day 2 next.
axe-core on the list and the detail; screenshots in test-artifacts/programs-*.png."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from rugcoach.programs.models import ProgramDay
from rugcoach.training.models import TrainingSession
from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations
from tests.browser.test_player_browser import hold_the_clock
from tests.browser.test_triage_browser import answer_checkin, log_in
from tests.programs.helpers import SLUG, checked_yesterday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def play_through(page: Page) -> None:
    """Every step of the session: timers run out on the held clock, each exercise is
    "Precies goed", a set of repetitions without a tempo is ended by hand."""
    for _ in range(200):
        if page.get_by_role("button", name="Opslaan").is_visible():
            return
        right = page.get_by_role("button", name="Precies goed")
        done_set = page.get_by_role("button", name="Klaar met deze set")
        if right.is_visible():
            right.click()
        elif done_set.is_visible():
            done_set.click()
        else:
            page.clock.run_for(15_000)
    raise AssertionError("the session never reached its end")


def test_join_check_in_play_day_one_then_the_streak(
    page: Page, live_server, member, external_requests
):
    checked_yesterday(member)
    log_in(page, live_server, member)

    page.goto(live_server.url + reverse("programs:list"))
    page.screenshot(path=str(ARTIFACTS_DIR / "programs-list-nl.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
    page.locator(f"a[href='{reverse('programs:detail', args=[SLUG])}']").first.click()

    page.get_by_role("button", name="Doe mee").click()
    expect(page.get_by_test_id("streak")).to_have_text("0")
    page.screenshot(path=str(ARTIFACTS_DIR / "programs-detail-nl.png"), full_page=True)
    assert serious_accessibility_violations(page) == []

    # Start: the check-in comes first; then back to the program's player.
    page.get_by_role("link", name="Start dag 1").click()
    expect(page.get_by_role("heading", name="Eerst je check-in")).to_be_visible()
    page.get_by_role("link", name="Doe de check-in").click()
    answer_checkin(page, {})
    hold_the_clock(page, live_server.url + reverse("programs:play", args=[SLUG]))
    expect(page.locator(".player-title")).to_contain_text("dag 1 van")
    page.screenshot(path=str(ARTIFACTS_DIR / "programs-player-nl.png"), full_page=True)
    page.get_by_role("button", name="Start", exact=True).click()
    play_through(page)
    page.locator("fieldset", has_text="Hoeveel pijn heb je nu").locator("input[value='2']").check(
        force=True
    )
    page.locator("fieldset", has_text="Hoe zwaar was de training").locator(
        "input[value='4']"
    ).check(force=True)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".player-saved")).to_be_visible()
    day = ProgramDay.objects.get()
    assert day.day_key == "d01" and day.training.session_key == f"{SLUG}/d01"
    assert TrainingSession.objects.count() == 1

    page.get_by_role("link", name=page.locator(".player-saved + p a").inner_text()).click()
    expect(page.get_by_test_id("streak")).to_have_text("1")
    expect(page.get_by_test_id("day-of")).to_contain_text("2")
    page.screenshot(path=str(ARTIFACTS_DIR / "programs-detail-after-day-1-nl.png"), full_page=True)
    assert external_requests == []


def test_the_list_and_a_program_in_english_on_a_phone(page: Page, live_server, member):
    from django.utils import translation

    from rugcoach.programs import services
    from tests.programs.helpers import day_report, ready_to_play

    member.preferred_language = "en"
    member.save(update_fields=["preferred_language"])
    ready_to_play(member)
    services.record_day(member, program=SLUG, report=day_report(member))
    log_in(page, live_server, member)
    with translation.override("en"):
        urls = {
            "list": reverse("programs:list"),
            "detail": reverse("programs:detail", args=[SLUG]),
            "circuit": reverse("programs:detail", args=["core-circuit"]),
        }
    for name, url in urls.items():
        page.goto(live_server.url + url)
        page.screenshot(path=str(ARTIFACTS_DIR / f"programs-{name}-en.png"), full_page=True)
        assert serious_accessibility_violations(page) == [], name
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{name}: nothing wider than the phone"
    page.goto(live_server.url + urls["detail"])
    expect(page.get_by_test_id("streak")).to_have_text("1")
    expect(page.get_by_role("link", name="Start day 2")).to_be_visible()


def test_not_for_you_now_on_a_phone(page: Page, live_server, member):
    from tests.plan_helpers import record_triage

    record_triage(member, pregnant=True, pregnancy_week=30)
    log_in(page, live_server, member)
    page.goto(live_server.url + reverse("programs:detail", args=["core-circuit"]))
    expect(page.get_by_role("heading", name="Nu niet voor jou")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / "programs-not-for-you-nl.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
    expect(page.get_by_role("button", name="Doe mee")).to_have_count(0)
