"""The FAQ and the heat-or-cold helper in Chromium on a phone (390x844), Dutch and English."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer(page: Page, question: str, option: str) -> None:
    page.locator(f"#q-{question}").get_by_label(option, exact=True).check()


def test_search_the_faq_as_you_type(page: Page, live_server, external_requests):
    page.goto(f"{live_server.url}/weten/vragen/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Veelgestelde vragen over je onderrug"
    )
    items = page.locator("details.faq-item")
    total = items.count()
    assert total >= 11
    assert serious_accessibility_violations(page) == []

    # htmx: typing filters the list in place and puts the search in the address.
    page.get_by_label("Zoek in de vragen").press_sequentially("zwemmen", delay=20)
    expect(page).to_have_url(re.compile(r"\?q=zwemmen"))
    expect(items).to_have_count(1)
    expect(page.locator(".result-count")).to_contain_text("1 vraag gevonden")
    item = items.first
    expect(item).to_have_attribute("open", "")
    expect(item.get_by_text("Zwemmen ontlast je rug")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / "faq-search-nl.png"), full_page=True)

    page.get_by_label("Zoek in de vragen").fill("xylofoon")
    expect(page.get_by_text("Geen vraag gevonden voor ‘xylofoon’.")).to_be_visible()
    expect(items).to_have_count(0)
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Of bekijk alle vragen.").click()
    expect(items).to_have_count(total)
    # An answer links to what it mentions.
    page.locator("summary", has_text="Helpt warmte of kou bij rugpijn?").click()
    page.get_by_role("link", name="Warmte of kou?").click()
    expect(page).to_have_url(f"{live_server.url}/weten/warmte-of-kou/")
    assert external_requests == []


def test_search_in_english_and_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/knowledge/questions/")
    page.get_by_label("Search the questions").fill("pregnant")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/knowledge/questions/\?q=pregnant"))
    expect(page.locator("details.faq-item")).to_have_count(1)
    expect(page.get_by_text("Can I train my lower back when I am pregnant?")).to_be_visible()
    context.close()


def test_english_faq_is_accessible(page: Page, live_server):
    page.goto(f"{live_server.url}/en/knowledge/questions/?q=doctor")
    expect(page.locator("details.faq-item").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / "faq-doctor-en.png"), full_page=True)
    assert serious_accessibility_violations(page) == []


def test_walk_the_heat_helper_to_heat_and_to_the_safety_check(
    page: Page, live_server, external_requests
):
    page.goto(f"{live_server.url}/weten/warmte-of-kou/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Warmte of kou?")
    assert serious_accessibility_violations(page) == []

    # Sending an incomplete form names what to fix.
    stiff = "Stijf of gespannen, bijvoorbeeld 's ochtends, na lang zitten of bij stress"
    answer(page, "state", stiff)
    page.get_by_role("button", name="Toon mijn advies").click()
    expect(page.get_by_role("alert")).to_contain_text("Nog niet alles is ingevuld")
    expect(page.get_by_role("alert")).to_contain_text("Hoe lang heb je deze klachten al?")

    answer(page, "inflammation", "Nee")
    answer(page, "duration", "Minder dan een week")
    answer(page, "skin", "Nee, ik voel daar alles gewoon")
    answer(page, "preference", "Warmte, of ik weet het niet")
    page.get_by_role("button", name="Toon mijn advies").click()
    advice = page.locator("#advice")
    expect(advice.get_by_role("heading", name="Warmte", exact=True)).to_be_visible()
    expect(advice).to_contain_text("15 tot 20 minuten per keer")
    expect(advice).to_contain_text("Geen warmte op een plek die je minder goed voelt.")
    page.screenshot(path=str(ARTIFACTS_DIR / "heat-advice-nl.png"), full_page=True)
    assert serious_accessibility_violations(page) == []

    # Redness or swelling: no heat, the safety check first.
    answer(page, "inflammation", "Ja")
    page.get_by_role("button", name="Pas mijn advies aan").click()
    card = page.locator("#advice")
    expect(card.get_by_role("heading", name="Doe nu eerst de check")).to_be_visible()
    expect(card).not_to_contain_text("15 tot 20 minuten")
    page.screenshot(path=str(ARTIFACTS_DIR / "heat-safety-nl.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
    card.get_by_role("link", name="Start de check ‘Mag ik trainen?’").click()
    expect(page).to_have_url(f"{live_server.url}/mag-ik-trainen/")
    assert external_requests == []


def test_heat_helper_in_english(page: Page, live_server):
    page.goto(f"{live_server.url}/en/knowledge/heat-or-cold/")
    answer(page, "state", "A flare: the pain came on suddenly or suddenly got worse")
    answer(page, "inflammation", "No")
    answer(page, "duration", "More than six weeks")
    answer(page, "skin", "No, I feel everything there as usual")
    answer(page, "preference", "Cold")
    page.get_by_role("button", name="Show my advice").click()
    advice = page.locator("#advice")
    expect(advice.get_by_role("heading", name="Cold", exact=True)).to_be_visible()
    expect(advice).to_contain_text("10 to 15 minutes at a time, no longer.")
    expect(advice).to_contain_text("more than six weeks")
    page.screenshot(path=str(ARTIFACTS_DIR / "heat-advice-en.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
