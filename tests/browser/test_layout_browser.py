"""Issue 11 §4 in Chromium: a one-row header on a phone, a visible marker on every folded
section, and a plan day that keeps the spaces in "30 november · 15 min"."""

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = {
    "": ("Trainen", "Oefeningen", "Mag ik trainen?"),
    "/en": ("Training", "Exercises", "May I train?"),
}
ACCOUNT = {"": ("Mijn account", "Inloggen"), "/en": ("My account", "Log in")}
MIN_TARGET = 44


def log_in(page: Page, live_server, member) -> None:
    client = Client()
    client.force_login(member)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def height(locator) -> float:
    box = locator.bounding_box()
    assert box is not None, "not rendered"
    return box["height"]


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "member"])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["nl", "en"])
def test_header_on_a_phone_shows_the_sections_as_tabs_under_the_brand(
    page: Page, live_server, member, prefix, logged_in
):
    """Issue 14 §3 replaced issue 11's folded menu: the sections are one tap away on every
    page, as a row of tabs under the brand row (brand, account link, the other language)."""
    if logged_in:
        member.preferred_language = prefix.strip("/") or "nl"  # a member sees their language
        member.save(update_fields=["preferred_language"])
        log_in(page, live_server, member)
    page.goto(f"{live_server.url}{prefix}/")
    header = page.locator(".site-header")
    assert height(header) < 120
    # Only the other language, as a small toggle: a member's posts (a button), a visitor's
    # is a link.
    switch = page.locator(f".language-switch {'button' if logged_in else 'a'}:visible")
    expect(switch).to_have_count(1)
    assert height(switch) >= MIN_TARGET
    for name in SECTIONS[prefix]:
        link = header.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert height(link) >= MIN_TARGET
    account, login = ACCOUNT[prefix]
    account_link = header.get_by_role("link", name=account if logged_in else login, exact=True)
    expect(account_link).to_be_visible()
    assert height(account_link) >= MIN_TARGET
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(ARTIFACTS_DIR / f"header-{prefix.strip('/') or 'nl'}-{logged_in}.png"))
    assert serious_accessibility_violations(page) == []

    # By keyboard: past the skip link and the brand, the account link, the language, the tabs.
    page.locator(".brand").focus()
    page.keyboard.press("Tab")
    expect(account_link).to_be_focused()


def test_header_shows_the_links_on_a_wide_screen(page: Page, live_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Oefeningen")).to_be_visible()
    expect(nav.get_by_role("link", name="Mag ik trainen?")).to_be_visible()
    assert height(page.locator(".site-header")) < 80


MARKER = """(summary) => {
  const before = getComputedStyle(summary, '::before');
  return {content: before.content, display: before.display, transform: before.transform};
}"""


def test_every_folded_section_shows_a_marker_that_turns_when_open(page: Page, live_server):
    page.goto(f"{live_server.url}/oefeningen/")
    summaries = page.locator("main summary")
    assert summaries.count() >= 4
    for index in range(summaries.count()):
        marker = summaries.nth(index).evaluate(MARKER)
        assert "▸" in marker["content"] and marker["display"] != "none"
    group = page.locator("summary", has_text="Situatie")
    closed = group.evaluate(MARKER)["transform"]
    group.click()
    expect(page.get_by_label("Thuis zonder materiaal")).to_be_visible()
    page.wait_for_timeout(300)  # the turn is a short transition
    assert group.evaluate(MARKER)["transform"] != closed


def test_plan_days_have_a_marker_and_keep_their_spaces(page: Page, live_server, member_with_plan):
    log_in(page, live_server, member_with_plan)
    page.goto(f"{live_server.url}/plan/")
    day = page.locator("details.session > summary").first
    assert "▸" in day.evaluate(MARKER)["content"]
    assert re.search(r"\d+ \w+ · \d+ min", day.inner_text()), day.inner_text()
    page.screenshot(path=str(ARTIFACTS_DIR / "plan-days-phone.png"))


@pytest.mark.parametrize("path", ["/bestaat-niet/", "/en/does-not-exist/"])
def test_the_404_page_is_accessible_and_leads_on(page: Page, live_server, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main a.button")).to_have_count(3)
    page.screenshot(path=str(ARTIFACTS_DIR / f"404-{path.strip('/').split('/')[0]}.png"))
    assert serious_accessibility_violations(page) == []
