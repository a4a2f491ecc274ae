"""'Mag ik trainen?' in a real Chromium: emergency, GP and train paths, with and without JS."""

import re
from itertools import pairwise

import pytest
from playwright.sync_api import Page, expect

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.triage.schema import AnswerType
from rugcoach.triage import selectors
from rugcoach.triage.models import TriageResult
from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations
from tests.plan_helpers import PASSWORD, record_triage
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
            if question.type is AnswerType.NUMBER and question.unit == "score":
                page.check(f'input[name="{name}"][value="{value}"]')  # the pain scale
            elif question.type is AnswerType.NUMBER:
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
    expect(page.get_by_text("Je voelt een doof of tintelend gevoel")).to_be_visible()
    expect(page.get_by_text("(R1)")).to_have_count(0)  # rule ids stay in the API and docs
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
    expect(page.get_by_text("Je rug is vooral stijf in de ochtend")).to_be_visible()
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
    for name in ("saddle_numbness", "bladder_bowel", "genital_sensation"):
        page.check(f'input[name="{name}"][value="no"]')
    page.check('input[name="leg_weakness"][value="none"]')
    page.check('input[name="leg_symptoms"][value="one_leg"]')
    page.locator("form.questions button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/stap/2/$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/stap/1/$"))
    expect(page.locator('input[name="leg_symptoms"][value="one_leg"]')).to_be_checked()
    page.goto(f"{live_server.url}/mag-ik-trainen/stap/1/")
    answer_wizard(page, {"leg_weakness": "one_leg"})
    expect(page.locator(".verdict-label")).to_have_text("Vandaag naar de huisarts")
    expect(page.get_by_text("Eén been of voet is zwakker geworden.")).to_be_visible()
    context.close()


# --- issue 8: one screen to an emergency; a check-in that blocks until a full check -------


def log_in(page: Page, live_server, member: User) -> None:
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stack-form button[type=submit]").click()
    page.wait_for_load_state()


def test_an_emergency_answer_ends_the_check_after_one_screen(
    page: Page, live_server, external_requests
):
    member = User.objects.create_user("spoed@example.com", PASSWORD)
    log_in(page, live_server, member)
    page.goto(f"{live_server.url}/mag-ik-trainen/stap/1/")
    expect(page.get_by_text("Stap 1 van")).to_be_visible()
    page.check('input[name="saddle_numbness"][value="yes"]')
    page.locator("form.questions button[type=submit]").click()
    expect(page).to_have_url(RESULT_URL)  # one screen, then the verdict
    expect(page.locator(".verdict-label")).to_have_text("Spoed")
    expect(page.get_by_role("link", name="Bel 112")).to_have_attribute("href", "tel:112")
    expect(page.get_by_text("De check stopt hier")).to_be_visible()
    expect(page.get_by_text("Bewaard in je geschiedenis")).to_be_visible()
    stored = TriageResult.objects.get(member=member)
    assert stored.level == "EMERGENCY" and stored.stored_verdict.cut_short
    page.screenshot(path=str(ARTIFACTS_DIR / "triage-early-end-nl.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
    assert external_requests == []


def test_a_checkin_red_flag_blocks_until_a_new_full_check(page: Page, live_server):
    member = User.objects.create_user("checkin@example.com", PASSWORD)
    record_triage(member)
    log_in(page, live_server, member)

    page.goto(f"{live_server.url}/mag-ik-trainen/check-in/")
    answer_checkin(page, {"new_leg_symptoms": "weakness_one_leg"})
    expect(page.locator(".verdict-label")).to_have_text("Vandaag naar de huisarts")

    # No calm check-in to clear it: the check-in leads to the full check, saying why.
    page.goto(f"{live_server.url}/mag-ik-trainen/check-in/")
    expect(page).to_have_url(f"{live_server.url}/mag-ik-trainen/")
    expect(page.get_by_text("Alleen een nieuwe volledige check kan dat opheffen.")).to_be_visible()
    expect(page.locator('input[name="pain_now"]')).to_have_count(0)
    expect(page.get_by_text("Je mag trainen")).to_have_count(0)
    page.goto(f"{live_server.url}/plan/")
    expect(page.get_by_text("Neem vandaag nog contact op met je huisarts.")).to_be_visible()

    page.goto(f"{live_server.url}/mag-ik-trainen/stap/1/")
    answer_wizard(page, {"examined_since": True})
    expect(page.locator(".verdict-go")).to_be_visible()
    page.goto(f"{live_server.url}/mag-ik-trainen/")
    expect(page.get_by_text("Alleen een nieuwe volledige check")).to_have_count(0)
    assert selectors.training_status(member).may_train


def answer_checkin(page: Page, overrides: dict[str, object]) -> None:
    content = get_catalog().triage
    names = page.eval_on_selector_all(
        "form.questions input:not([type=hidden])", "els => [...new Set(els.map(e => e.name))]"
    )
    for name in names:
        question = content.questions[name]
        value = overrides.get(name, benign(question))
        if question.type is AnswerType.NUMBER and question.unit == "score":
            page.check(f'input[name="{name}"][value="{value}"]')  # the pain scale
        elif question.type is AnswerType.NUMBER:
            page.fill(f'input[name="{name}"]', str(value))
        else:
            form_value = ("yes" if value else "no") if isinstance(value, bool) else value
            page.check(f'input[name="{name}"][value="{form_value}"]')
    page.locator("form.questions button[type=submit]").click()
    page.wait_for_load_state()


# The top of an option's first line of text and the bottom of its last (the radio button
# itself left out), and how many lines it has.
TEXT_EXTENT = (
    "el => { const text = [...el.childNodes].filter(n => n.nodeType === 3 && n.data.trim());"
    " const range = document.createRange(); range.setStartBefore(text[0]);"
    " range.setEndAfter(text.at(-1)); const rects = [...range.getClientRects()];"
    " return [rects[0].top, rects.at(-1).bottom, rects.length]; }"
)


def test_long_answer_options_stay_apart_on_a_phone(page: Page, live_server):
    """The leg-strength options wrap to several lines at 390 px; each must read as its own,
    with a visible gap between one option's last line and the next one's first."""
    page.goto(f"{live_server.url}/en/may-i-train/step/1/")
    labels = page.locator('label[for^="id_leg_weakness_"]')
    extents = [labels.nth(i).evaluate(TEXT_EXTENT) for i in range(labels.count())]
    assert len(extents) == 3 and extents[1][2] > 2  # really wrapped
    for (_, upper_bottom, _), (lower_top, _, _) in pairwise(extents):
        assert lower_top - upper_bottom >= 8
