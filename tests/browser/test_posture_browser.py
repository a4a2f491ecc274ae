"""Posture reminders in the page (issue 14 §2) in Chromium, with the page's clock held:
permission is asked only when the member taps the button, and then a notification is
created at the next reminder time within work hours; its click opens the office break."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Records every notification and permission request. The permission starts as "default"
# (never asked) and the stand-in for the browser's prompt answers "granted"; the real
# permission is granted to the context so the real Notification can be made too.
RECORD = """
(() => {
  const Real = window.Notification;
  const log = (key, value) => {
    const list = JSON.parse(localStorage.getItem(key) || "[]");
    list.push(value);
    localStorage.setItem(key, JSON.stringify(list));
  };
  function Recorded(title, options) {
    log("__notes", { title, body: options && options.body, at: new Date().toString() });
    const made = new Real(title, options);
    window.__lastNotification = made;
    return made;
  }
  Object.defineProperty(Recorded, "permission", {
    get: () => (localStorage.getItem("__granted") ? "granted" : "default"),
  });
  Recorded.requestPermission = async () => {
    log("__asked", new Date().toString());
    localStorage.setItem("__granted", "1");
    return "granted";
  };
  window.Notification = Recorded;
})();
"""


def log_in(page: Page, live_server, member) -> None:
    client = Client()
    client.force_login(member)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def recorded(page: Page, key: str) -> list:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{key}') || '[]')")


def test_turning_reminders_on_asks_once_and_a_reminder_comes_in_work_hours(
    page: Page, live_server, member
):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(RECORD)
    log_in(page, live_server, member)
    # Monday 30 November 2026, 09:10 in Amsterdam; the reminders run 09:00-17:00 every 30 min.
    page.clock.install(time=datetime(2026, 11, 30, 9, 10, tzinfo=AMSTERDAM))
    page.goto(f"{live_server.url}/plan/agenda/")
    expect(page.get_by_text("zolang RugCoach open is in een tabblad")).to_be_visible()
    assert recorded(page, "__asked") == [], "no permission prompt on page load"
    page.screenshot(path=str(ARTIFACTS_DIR / "posture-off.png"), full_page=True)

    page.get_by_role("button", name="Meldingen aanzetten").click()
    expect(page.get_by_text("Meldingen staan aan.")).to_be_visible()
    assert len(recorded(page, "__asked")) == 1
    page.wait_for_selector("html[data-posture-armed]", state="attached")
    assert recorded(page, "__notes") == []

    page.clock.run_for("19:00")  # 09:29: not yet
    assert recorded(page, "__notes") == []
    page.clock.run_for("01:30")  # 09:30:30
    [note] = recorded(page, "__notes")
    assert note["title"] == "Zit recht, adem diep"
    assert "kantoorpauze" in note["body"]
    assert "09:30" in note["at"]
    page.screenshot(path=str(ARTIFACTS_DIR / "posture-on.png"), full_page=True)
    assert serious_accessibility_violations(page) == []

    # The next one half an hour later, not before.
    page.clock.run_for("29:00")
    assert len(recorded(page, "__notes")) == 1
    page.clock.run_for("01:00")
    assert len(recorded(page, "__notes")) == 2

    # A tap on the notification opens the office break.
    page.evaluate("window.__lastNotification.dispatchEvent(new Event('click'))")
    page.wait_for_url("**/office-break/**")


def test_no_reminders_outside_work_hours_and_none_when_turned_off(page: Page, live_server, member):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(RECORD)
    log_in(page, live_server, member)
    page.clock.install(time=datetime(2026, 12, 4, 16, 50, tzinfo=AMSTERDAM))  # a Friday
    page.goto(f"{live_server.url}/plan/agenda/")
    page.get_by_role("button", name="Meldingen aanzetten").click()
    page.wait_for_selector("html[data-posture-armed]", state="attached")
    page.clock.run_for(2 * 3600 * 1000)  # past 17:00 into the weekend evening
    assert recorded(page, "__notes") == []

    page.get_by_role("button", name="Meldingen uitzetten").click()
    expect(page.get_by_role("button", name="Meldingen aanzetten")).to_be_visible()
    page.clock.run_for(72 * 3600 * 1000)  # Monday 09:00 has passed
    assert recorded(page, "__notes") == []
