"""The session player in Chromium, phone-sized, with the page's clock in the test's hands
(``page.clock``): nothing really waits. A short session (a hold per side with a rest, paced
breathing, repetitions at a tempo) is trained from the Start tap to the stored result,
with a reload in the middle, the API failing at the end, and axe-core on every state.
Screenshots of each state go to test-artifacts/player-<language>-<state>.png.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import BrowserContext, Page, expect

from rugcoach.training.models import ExerciseResult, TrainingSession
from tests.browser.helpers import ARTIFACTS_DIR, AXE_PATH, AXE_TAGS
from tests.training.helpers import (
    check_in,
    checks_made_yesterday,
    plan_starting_today,
    short_session,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

T = {
    "nl": {
        "start": "Start",
        "ready": "Maak je klaar",
        "hold": "Vasthouden",
        "left": "Nu de linkerkant",
        "rest": "Rust",
        "in": "Adem in",
        "out": "Adem uit",
        "rep": "Herhaling 1 van 3",
        "pause": "Pauze",
        "continue": "Verder",
        "plus": "+10 seconden",
        "skip": "Overslaan",
        "hurt": "Het deed pijn",
        "leg": "Been",
        "right": "Precies goed",
        "too_hard": "Te zwaar",
        "resumed": "Je sessie is hervat waar je was.",
        "save": "Opslaan",
        "pending": "Bewaard op je telefoon",
        "saved": "Opgeslagen. Goed gedaan!",
        "pain_now": "Hoeveel pijn heb je nu",
        "effort": "Hoe zwaar was de training",
        "pain_scale": "Hoeveel pijn (0 is geen",
        "high_pain": "Meer dan 5 pijn is te veel.",
    },
    "en": {
        "start": "Start",
        "ready": "Get ready",
        "hold": "Hold",
        "left": "Now the left side",
        "rest": "Rest",
        "in": "Breathe in",
        "out": "Breathe out",
        "rep": "Repetition 1 of 3",
        "pause": "Pause",
        "continue": "Continue",
        "plus": "+10 seconds",
        "skip": "Skip",
        "hurt": "It hurt",
        "leg": "Leg",
        "right": "Just right",
        "too_hard": "Too hard",
        "resumed": "Your session picked up where you left off.",
        "save": "Save",
        "pending": "Kept on your phone",
        "saved": "Saved. Well done!",
        "pain_now": "How much pain do you have now",
        "effort": "How hard was the session",
        "pain_scale": "How much pain (0 is none",
        "high_pain": "Pain above 5 is too much.",
    },
}


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def hold_the_clock(page: Page, url: str, start: datetime | None = None) -> None:
    """Open ``url`` with the page's clock stopped: only ``run_for`` moves time on.

    The clock starts at the real time (the player compares its day with the day of the
    check-in that opened the session; the browser runs in Europe/Amsterdam, as the server),
    so a session starts after the fixture's check-in, as on a phone.

    The clock is paused before the page loads: ``pause_at`` cannot go back in time, and
    the installed clock runs in real time until then, so pausing after a slow page load
    (a busy machine) failed with "Cannot fast-forward to the past". Back to back, the two
    calls are milliseconds apart; the page then loads with the clock already held."""
    start = start or now()
    page.clock.install(time=start)
    page.clock.pause_at(start + timedelta(seconds=1))
    page.goto(url)


class Timeline:
    """Moves the held clock to a point in time counted from now (the last tap). The
    player looks at the clock every 250 ms, so each point is reached plus 300 ms: the
    screen shows whole seconds rounded up, so "0:05" still reads 0:05."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.start = page.evaluate("Date.now()")

    def at(self, ms: int) -> None:
        now = self.page.evaluate("Date.now()")
        self.page.clock.run_for(max(0, self.start + ms + 300 - now))


def waiting_in_outbox(page: Page) -> list[str]:
    """The outbox's keys, once the page has had a moment to empty it."""
    found: list[str] = []
    for _ in range(50):
        found = page.evaluate(
            """() => new Promise((done) => {
                const open = indexedDB.open('rugcoach', 1);
                open.onsuccess = () => {
                    const keys = open.result.transaction('kv').objectStore('kv').getAllKeys();
                    keys.onsuccess = () => done(keys.result.filter((k) => k.startsWith('outbox:')));
                };
            })"""
        )
        if not found:
            break
    return found


def log_in(context: BrowserContext, live_server, member) -> None:
    client = Client()
    client.force_login(member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def session_today(member_with_plan):
    """Sanne: today's session is the short one, and today's check-in is done."""
    today = short_session(plan_starting_today(member_with_plan))
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan)
    return member_with_plan, today


def axe_violations_with_the_clock_held(page: Page) -> list[dict]:
    """axe-core waits on setTimeout, which the held clock never fires on its own: start it,
    then move the clock on a millisecond at a time until it answers. The player's timers
    show whole seconds rounded up, so these few milliseconds change nothing on screen."""
    page.add_script_tag(path=str(AXE_PATH))
    page.evaluate(
        """(tags) => {
            window.__axe = null;
            axe.run(document, {runOnly: {type: 'tag', values: tags}})
               .then((r) => { window.__axe = r; }, (e) => { window.__axe = {error: String(e)}; });
        }""",
        AXE_TAGS,
    )
    for _ in range(500):
        if page.evaluate("() => window.__axe !== null"):
            break
        page.clock.run_for(1)
    result = page.evaluate("() => window.__axe")
    assert result is not None and "error" not in result, result
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def shot_and_axe(page: Page, language: str, state: str) -> None:
    page.screenshot(path=str(ARTIFACTS_DIR / f"player-{language}-{state}.png"), full_page=True)
    assert axe_violations_with_the_clock_held(page) == [], state


def clock_text(page: Page) -> str:
    return page.locator(".player-clock").inner_text()


def choose(page: Page, legend: str, value: int) -> None:
    group = page.locator("fieldset", has_text=legend)
    group.locator(f"input[value='{value}']").check(force=True)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_short_session_from_start_to_stored_result(
    page: Page, live_server, session_today, language
):
    t = T[language]
    member, today = session_today
    member.preferred_language = language
    member.save(update_fields=["preferred_language"])
    log_in(page.context, live_server, member)
    with translation.override(language):
        player = live_server.url + reverse("training:session", args=[today.pk])
    hold_the_clock(page, player)

    start = page.get_by_role("button", name=t["start"], exact=True)
    expect(start).to_be_visible()
    box = start.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    shot_and_axe(page, language, "1-intro")

    # The hold: 3 s to get ready, then 5 s, right side, then "now the left side".
    start.click()
    clock = Timeline(page)
    expect(page.locator(".player-phase")).to_have_text(t["ready"])
    shot_and_axe(page, language, "2-get-ready")
    clock.at(3000)
    expect(page.locator(".player-phase")).to_have_text(t["hold"])
    expect(page.locator(".player-clock")).to_have_text("0:05")
    shot_and_axe(page, language, "3-hold")
    clock.at(5000)
    expect(page.locator(".player-clock")).to_have_text("0:03")
    clock.at(8000)
    expect(page.locator(".player-side")).to_have_text(t["left"])
    clock.at(16_000)
    expect(page.locator(".player-phase")).to_have_text(t["rest"])
    expect(page.locator(".player-clock")).to_have_text("0:10")
    shot_and_axe(page, language, "4-rest")

    # A reload in the middle of the rest: the session resumes where it was.
    clock.at(20_000)
    page.reload()
    expect(page.locator("#resume-note")).to_have_text(t["resumed"])
    expect(page.locator(".player-phase")).to_have_text(t["rest"])
    expect(page.locator(".player-clock")).to_have_text("0:06")
    clock.at(42_000)  # rest, then the second set on both sides
    expect(page.get_by_role("button", name=t["hurt"])).to_be_visible()

    # It hurt: where, and how much, on a tappable scale. Above 5 is too much: the next
    # exercise says so.
    page.get_by_role("button", name=t["hurt"]).click()
    page.get_by_label(t["leg"]).check()
    choose(page, t["pain_scale"], 7)
    # The screen is redrawn on each choice; the keyboard stays on the chosen value.
    assert page.evaluate(
        "[document.activeElement.dataset.scale, document.activeElement.value]"
    ) == [
        "pain",
        "7",
    ]
    shot_and_axe(page, language, "5-feedback-hurt")
    page.get_by_role("button", name=t["continue"], exact=True).click()

    # The breathing pacer: in 4 s, out 6 s; paused, it stands still.
    clock = Timeline(page)
    clock.at(3000)
    expect(page.locator(".player-phase")).to_have_text(t["in"])
    expect(page.locator(".player-pain-note")).to_contain_text(t["high_pain"])
    shot_and_axe(page, language, "6-breathing")
    clock.at(7000)
    expect(page.locator(".player-phase")).to_have_text(t["out"])
    page.get_by_role("button", name=t["pause"]).click()
    before = page.locator(".player-clock").inner_text()
    page.clock.run_for(60_000)
    assert page.locator(".player-clock").inner_text() == before
    page.get_by_role("button", name=t["continue"], exact=True).click()
    page.get_by_role("button", name=t["plus"]).click()
    clock = Timeline(page)
    clock.at(16_000 + 10_000)  # what was left, plus the 10 s added
    page.get_by_role("button", name=t["right"]).click()

    clock = Timeline(page)
    # Repetitions at the library's tempo (2-2-3 s), counted for the member.
    clock.at(3000)
    expect(page.locator(".player-phase")).to_contain_text(t["rep"])
    shot_and_axe(page, language, "7-tempo")
    page.get_by_role("button", name=t["skip"]).click()
    page.get_by_role("button", name=t["too_hard"]).click()

    # The end: pain now and effort. The API fails: kept on the phone, not lost.
    page.context.route("**/api/sessions", lambda route: route.abort("internetdisconnected"))
    choose(page, t["pain_now"], 2)
    choose(page, t["effort"], 6)
    shot_and_axe(page, language, "8-end")
    page.get_by_role("button", name=t["save"]).click()
    expect(page.locator(".player-pending")).to_contain_text(t["pending"])
    shot_and_axe(page, language, "9-pending")
    assert not TrainingSession.objects.exists()

    # The server is back and the `online` event fires: stored once.
    page.context.unroute("**/api/sessions")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator(".player-saved")).to_have_text(t["saved"])
    shot_and_axe(page, language, "10-saved")
    stored = TrainingSession.objects.get(member=member)
    assert (stored.completed, stored.pain_after, stored.effort) == (True, 2, 6)
    assert stored.plan_session_id == today.pk
    results = {r.slug: r for r in ExerciseResult.objects.filter(session=stored)}
    plank = results["side-plank-knee"]
    assert (plank.sets_done, plank.outcome, plank.hurt_where, plank.pain) == (2, "hurt", ["leg"], 7)
    assert results["belly-breathing-supine"].outcome == "right"
    assert (results["glute-bridge"].sets_done, results["glute-bridge"].outcome) == (0, "too_hard")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_session_kept_from_an_earlier_day_does_not_start_without_a_check_in(
    page: Page, live_server, session_today, language
):
    """The phone kept the player page (offline copy) after yesterday's check-in. Opened
    the next day, it must not start: it asks for today's check-in first."""
    member, today = session_today
    member.preferred_language = language
    member.save(update_fields=["preferred_language"])
    log_in(page.context, live_server, member)
    errors: list[str] = []  # uncaught errors and unhandled rejections of the page's script
    page.on("pageerror", lambda error: errors.append(str(error)))
    with translation.override(language):
        player = live_server.url + reverse("training:session", args=[today.pk])
        checkin = reverse("triage:checkin")
    hold_the_clock(page, player, start=now() + timedelta(days=1))
    link = page.locator(f"#player-screen a[href='{checkin}']")
    expect(link).to_be_visible()
    expect(page.get_by_role("button", name=T[language]["start"], exact=True)).to_have_count(0)
    # Going back online replays the outbox; with no session on the page, nothing fails.
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(300)
    assert errors == []
    shot_and_axe(page, language, "0-checkin-first")


def test_a_kept_copy_does_not_start_a_second_session_on_the_same_check_in(
    page: Page, live_server, session_today
):
    """One check-in opens one session. The phone kept the player page (as the service
    worker does); after a session under that check-in is finished, the kept copy does not
    start another: it asks for a new check-in, even with no server to ask."""
    member, today = session_today
    log_in(page.context, live_server, member)
    player = live_server.url + reverse("training:session", args=[today.pk])
    kept = page.context.request.get(player).text()
    assert 'id="session-data"' in kept
    hold_the_clock(page, player)
    page.get_by_role("button", name="Start", exact=True).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Stoppen").click()
    choose(page, "Hoeveel pijn heb je nu", 1)
    choose(page, "Hoe zwaar was de training", 2)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".player-saved")).to_be_visible()

    # The kept copy answers, as the worker's cache would offline.
    page.context.route(player, lambda route: route.fulfill(body=kept, content_type="text/html"))
    page.reload()
    expect(page.locator(f"#player-screen a[href='{reverse('triage:checkin')}']")).to_be_visible()
    expect(page.get_by_role("button", name="Start", exact=True)).to_have_count(0)


def test_an_answer_lost_on_the_way_back_is_sent_again_and_stored_once(
    page: Page, live_server, session_today
):
    """The server stored the session but the phone never heard: the outbox sends it
    again when the player opens, and the server answers with the stored one."""
    member, today = session_today
    log_in(page.context, live_server, member)
    hold_the_clock(page, live_server.url + reverse("training:session", args=[today.pk]))
    page.get_by_role("button", name="Start", exact=True).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Stoppen").click()

    def store_then_lose(route):
        route.fetch()  # reaches the server…
        route.abort("connectionreset")  # …but the answer is lost

    page.context.route("**/api/sessions", store_then_lose)
    choose(page, "Hoeveel pijn heb je nu", 1)
    choose(page, "Hoe zwaar was de training", 2)
    with page.expect_event("requestfailed"):
        page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".player-pending")).to_be_visible()
    assert TrainingSession.objects.filter(member=member).count() == 1, "the server has it"

    page.context.unroute("**/api/sessions")
    # Opening the player again: the server has a session since the check-in, so the gate
    # asks for the next check-in, and the page sends what waits in the outbox.
    with page.expect_response(re.compile(r"/api/sessions$")) as replay:
        page.reload()
    assert replay.value.status == 200, "the replay gets the stored session back"
    expect(page.get_by_role("link", name="Doe de check-in")).to_be_visible()
    stored = TrainingSession.objects.get(member=member)
    assert stored.completed is False and stored.effort == 2
    assert waiting_in_outbox(page) == [], "the outbox is empty once the server answered"


def test_five_minutes_away_the_screen_is_right_on_return(page: Page, live_server, session_today):
    """The phone locked mid-hold for 5 minutes: no tick ran. On return the session is
    where the timestamps say: both sets of the plank done, waiting for the feedback."""
    member, today = session_today
    log_in(page.context, live_server, member)
    hold_the_clock(page, live_server.url + reverse("training:session", args=[today.pk]))
    page.get_by_role("button", name="Start", exact=True).click()
    clock = Timeline(page)
    clock.at(4000)
    expect(page.locator(".player-phase")).to_have_text("Vasthouden")
    page.evaluate(
        "() => { Object.defineProperty(document, 'visibilityState', {value: 'hidden', "
        "configurable: true}); document.dispatchEvent(new Event('visibilitychange')); }"
    )
    page.clock.fast_forward("05:00")  # jumps: the timers that were due fire once, late
    page.evaluate(
        "() => { Object.defineProperty(document, 'visibilityState', {value: 'visible', "
        "configurable: true}); document.dispatchEvent(new Event('visibilitychange')); }"
    )
    expect(page.get_by_role("heading", name="Hoe ging Zijplank op je knie?")).to_be_visible()
    expect(page.get_by_text("2 van 2 sets gedaan")).to_be_visible()
