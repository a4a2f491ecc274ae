"""Issue 14 §3 in Chromium at 390x844: from the home page a member reaches the plan, the
programs, progress, the exercises, the knowledge pages, the FAQ and the safety check in at
most two taps, in Dutch and English; the four sections fit the phone's header."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = {
    "nl": ("Trainen", "Oefeningen", "Weten", "Mag ik trainen?"),
    "en": ("Training", "Exercises", "Knowledge", "May I train?"),
}
# (what the member wants, the link on the home page, the URL name it must reach)
TARGETS = {
    "nl": [
        ("plan", "Mijn plan", "plans:plan"),
        ("programs", "Programma's", "programs:list"),
        ("progress", "Voortgang", "progress:page"),
        ("exercises", "Alle oefeningen", "library:list"),
        ("knowledge", "Kennis over je rug", "knowledge:index"),
        ("faq", "Veelgestelde vragen", "knowledge:faq"),
        ("check", "Doe de check", "triage:start"),
    ],
    "en": [
        ("plan", "My plan", "plans:plan"),
        ("programs", "Programs", "programs:list"),
        ("progress", "Progress", "progress:page"),
        ("exercises", "All exercises", "library:list"),
        ("knowledge", "Knowing your back", "knowledge:index"),
        ("faq", "Frequently asked questions", "knowledge:faq"),
        ("check", "Take the check", "triage:start"),
    ],
}
# Through the header instead: a section, then a link on the Trainen hub.
HUB_TARGETS = {
    "nl": [
        ("Mijn plan", "plans:plan"),
        ("Programma's", "programs:list"),
        ("Voortgang", "progress:page"),
    ],
    "en": [("My plan", "plans:plan"), ("Programs", "programs:list"), ("Progress", "progress:page")],
}
MIN_TARGET = 44


def log_in(page: Page, live_server, member, language: str) -> str:
    member.preferred_language = language
    member.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(member)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return "" if language == "nl" else "/en"


def path_of(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def no_horizontal_overflow(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_part_is_one_tap_from_the_home_page(page: Page, live_server, member, language):
    prefix = log_in(page, live_server, member, language)
    for _what, link, name in TARGETS[language]:
        page.goto(f"{live_server.url}{prefix}/")
        page.locator("main .sections").get_by_role("link", name=link, exact=True).click()
        page.wait_for_url(f"**{path_of(name, language)}")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_header_shows_the_four_sections_and_the_hub_is_the_second_tap(
    page: Page, live_server, member, language
):
    prefix = log_in(page, live_server, member, language)
    page.goto(f"{live_server.url}{prefix}/")
    nav = page.get_by_role("navigation", name="Hoofdmenu" if language == "nl" else "Main menu")
    for name in SECTIONS[language]:
        link = nav.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None and box["height"] >= MIN_TARGET and box["x"] + box["width"] <= 390
    assert no_horizontal_overflow(page)
    expect(
        page.locator(".site-header").get_by_role(
            "link", name="Mijn account" if language == "nl" else "My account"
        )
    ).to_be_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / f"navigation-home-{language}.png"), full_page=True)

    for link, name in HUB_TARGETS[language]:
        page.goto(f"{live_server.url}{prefix}/")
        nav.get_by_role("link", name=SECTIONS[language][0], exact=True).click()
        page.wait_for_url(f"**{path_of('train_hub', language)}")
        expect(nav.get_by_role("link", name=SECTIONS[language][0], exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        page.get_by_role("main").get_by_role("link", name=link, exact=True).click()
        page.wait_for_url(f"**{path_of(name, language)}")
        # Inside the section, its tab stays marked (as part of it, not as this page).
        expect(nav.get_by_role("link", name=SECTIONS[language][0], exact=True)).to_have_attribute(
            "aria-current", "true"
        )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_hub_is_accessible_on_a_phone(page: Page, live_server, member, language):
    prefix = log_in(page, live_server, member, language)
    page.goto(f"{live_server.url}{path_of('train_hub', language)}")
    expect(page.get_by_role("heading", level=1)).to_have_text(SECTIONS[language][0])
    expect(page.get_by_role("link", name="Start training")).to_be_visible()
    assert no_horizontal_overflow(page)
    page.screenshot(path=str(ARTIFACTS_DIR / f"navigation-hub-{language}.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
    assert prefix in ("", "/en")


def test_a_visitor_sees_the_sections_and_a_way_to_log_in(page: Page, live_server):
    page.goto(f"{live_server.url}/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    for name in SECTIONS["nl"]:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    page.locator(".site-header").get_by_role("link", name="Inloggen").click()
    page.wait_for_url("**/account/**")
    assert no_horizontal_overflow(page)
