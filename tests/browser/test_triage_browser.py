"""'Mag ik trainen?' in a real Chromium: emergency, GP and train paths, with and without JS."""

import re

import pytest
from playwright.sync_api import Page, expect

from rugcoach.content import get_catalog
from rugcoach.core.triage_schema import AnswerType
from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations
from tests.triage_answers import benign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
RESULT_URL = re.compile(r"/(uitslag|result)/")


def answer_wizard(page: Page, overrides: dict[str, object], *, check_a11y: bool = False) -> None:
    """Fill in every step like a member: the benign answer unless overridden."""
    content = get_catalog().triage
    for _ in range(30):
        if RESULT_URL.search(page.url):
            return
        names = page.eval_on_selector_all(
            "form.questions input:not([type=hidden])", "els => [...new Set(els.map(e => e.name))]"
        )
        if check_a11y:
            assert serious_accessibility_violations(page) == [], page.url
        for name in names:
            question = content.questions[name]
            value = overrides.get(name, benign(question))
            if question.type is AnswerType.NUMBER:
                page.fill(f'input[name="{name}"]', str(value))
            else:
                form_value = ("yes" if value else "no") if isinstance(value, bool) else value
                page.check(f'input[name="{name}"][value="{form_value}"]')
        page.locator("form.questions button[type=submit]").click()
        page.wait_for_load_state()
    raise AssertionError("the wizard did not finish")


def test_emergency_path_leads_with_the_phone_number(page: Page, live_server, external_requests):
    page.goto(f"{live_server.url}/mag-ik-trainen/")
    page.get_by_role("link", name="Begin de check").click()
    answer_wizard(page, {"saddle_numbness": True}, check_a11y=True)
    expect(page.locator(".verdict-label")).to_have_text("Spoed")
    call = page.get_by_role("link", name="Bel 112")
    expect(call).to_have_attribute("href", "tel:112")
    expect(page.locator(".exercise-card")).to_have_count(0)
    expect(page.get_by_text("(R1)")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / "triage-emergency-nl.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
    assert external_requests == []


def test_gp_path_in_english(page: Page, live_server):
    page.goto(f"{live_server.url}/en/may-i-train/")
    page.get_by_role("link", name="Start the check").click()
    answer_wizard(page, {"fever": True})
    content = get_catalog().triage
    expect(page.get_by_role("heading", level=1)).to_have_text(content.verdicts["GP_TODAY"].title.en)
    expect(page.get_by_role("heading", name="Why")).to_be_visible()
    expect(page.locator(".exercise-card")).to_have_count(0)
    assert serious_accessibility_violations(page) == []


def test_train_path_shows_reasons_and_exercises(page: Page, live_server):
    page.goto(f"{live_server.url}/mag-ik-trainen/stap/1/")
    answer_wizard(page, {"morning_stiffness": True})
    expect(page.locator(".verdict-go")).to_be_visible()
    expect(page.get_by_text("(A-MORNING)")).to_be_visible()
    assert page.locator(".exercise-card").count() >= 3
    page.locator(".exercise-card a").first.click()
    expect(page.get_by_role("heading", name="Zo doe je het")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / "triage-train-nl.png"), full_page=True)


def test_wizard_works_without_javascript_and_the_back_button(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/mag-ik-trainen/stap/1/")
    page.locator("form.questions button[type=submit]").click()
    expect(page.get_by_text("Beantwoord eerst deze vragen:")).to_be_visible()
    for name in ("saddle_numbness", "bladder_bowel", "genital_sensation", "leg_weakness_serious"):
        page.check(f'input[name="{name}"][value="no"]')
    page.check('input[name="leg_symptoms"][value="one_leg"]')
    page.locator("form.questions button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/stap/2/$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/stap/1/$"))
    expect(page.locator('input[name="leg_symptoms"][value="one_leg"]')).to_be_checked()
    page.goto(f"{live_server.url}/mag-ik-trainen/stap/2/")
    answer_wizard(page, {"leg_weakness_one": True})
    expect(page.get_by_text("(R6)")).to_be_visible()
    context.close()
