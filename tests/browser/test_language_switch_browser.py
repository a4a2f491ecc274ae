"""The language switch in Chromium: a visitor's is a link (by keyboard, with a focus ring
that shows on the dark header), a member's posts and keeps them in their language on
the next pages; axe-core clean both ways."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_RING = """(element) => {
  const style = getComputedStyle(element);
  return {
    style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor,
  };
}"""
YELLOW = "rgb(255, 210, 0)"  # --accent, on the dark header


def test_a_visitor_switches_by_keyboard_and_stays_in_english(page: Page, live_server):
    page.goto(f"{live_server.url}/oefeningen/bird-dog/")
    english = page.locator(".language-switch").get_by_role("link", name="EN English")
    expect(english).to_have_attribute("hreflang", "en")
    expect(english).to_have_attribute("lang", "en")
    # By keyboard: from the account link, the next stop is the other language.
    page.locator(".account-link").focus()
    page.keyboard.press("Tab")
    expect(english).to_be_focused()
    ring = english.evaluate(FOCUS_RING)
    assert ring["style"] == "solid" and ring["width"] >= 2 and ring["color"] == YELLOW, ring
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/en/exercises/bird-dog/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="How to do it")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    # The next page is English too: every link on an English page stays English.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Exercises").click()
    expect(page).to_have_url(f"{live_server.url}/en/exercises/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exercises for your lower back")
    page.screenshot(path=str(ARTIFACTS_DIR / "language-switch-visitor-en.png"))
    # No form, so nothing to protect: a visitor gets no CSRF cookie at all.
    assert [cookie["name"] for cookie in page.context.cookies()] == []

    page.locator(".language-switch").get_by_role("link", name="NL Nederlands").click()
    expect(page).to_have_url(f"{live_server.url}/oefeningen/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_on_a_wide_screen_the_current_language_is_shown_and_marked(page: Page, live_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/en/exercises/")
    current = page.locator(".language-switch [aria-current='true']")
    expect(current).to_be_visible()
    expect(current).to_have_attribute("lang", "en")
    expect(current).to_have_text("EN English")
    page.screenshot(path=str(ARTIFACTS_DIR / "language-switch-wide-en.png"))
    assert serious_accessibility_violations(page) == []


def test_a_member_switches_with_the_button_and_stays_switched(page: Page, live_server, member):
    client = Client()
    client.force_login(member)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/oefeningen/bird-dog/")
    page.locator(".language-switch").get_by_role("button", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/exercises/bird-dog/")
    assert serious_accessibility_violations(page) == []
    member.refresh_from_db()
    assert member.preferred_language == "en"
    # A Dutch link (an old bookmark, a shared URL) opens in their language.
    page.goto(f"{live_server.url}/oefeningen/")
    expect(page).to_have_url(f"{live_server.url}/en/exercises/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exercises for your lower back")
