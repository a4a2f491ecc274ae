"""The library in a real Chromium on a phone-sized screen, as a member would use it."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_filters_searches_opens_and_switches_language(
    page: Page, live_server, external_requests
):
    page.goto(f"{live_server.url}/oefeningen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oefeningen voor je onderrug")

    page.locator("summary", has_text="Situatie").click()
    page.get_by_label("Thuis zonder materiaal").check()
    # htmx swaps the results in place and puts the filters in the address.
    expect(page).to_have_url(re.compile(r"situation=home"))
    expect(page.locator(".result-count")).not_to_contain_text("42 oefeningen")

    page.get_by_label("Zoek een oefening").fill("bird")
    expect(page.locator(".exercise-card")).to_have_count(1)
    page.get_by_role("link", name="Bird dog").click()

    expect(page).to_have_url(f"{live_server.url}/oefeningen/bird-dog/")
    expect(page.get_by_role("heading", name="Zo doe je het")).to_be_visible()
    expect(page.get_by_text("Ga op handen en knieën staan")).to_be_visible()

    page.get_by_role("link", name="English").click()  # a visitor's switch is a link
    expect(page).to_have_url(f"{live_server.url}/en/exercises/bird-dog/")
    expect(page.get_by_role("heading", name="How to do it")).to_be_visible()
    expect(page.get_by_text("Get on your hands and knees")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / "bird-dog-en.png"), full_page=True)
    assert external_requests == []


def test_filters_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/oefeningen/")
    page.locator("summary", has_text="Soort oefening").click()
    page.get_by_label("Ademhaling").check()
    page.get_by_role("button", name="Toon oefeningen").click()
    expect(page).to_have_url(re.compile(r"category=breathing"))
    for card in page.locator(".exercise-card .tag:not(.tag-quiet)").all():
        expect(card).to_have_text("Ademhaling")
    context.close()


@pytest.mark.parametrize(
    "path",
    ["/oefeningen/", "/oefeningen/bird-dog/", "/en/exercises/?q=bridge", "/en/exercises/cat-cow/"],
)
def test_library_pages_have_no_serious_accessibility_problems(page: Page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    assert serious_accessibility_violations(page) == []
