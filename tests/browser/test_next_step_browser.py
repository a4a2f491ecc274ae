"""Issue 11 §3 in a real Chromium on a phone: a visitor's check kept at sign-up, the next
step after it, and the 0–10 pain scale (tappable, keyboard, no JavaScript needed)."""

import re

import pytest
from playwright.sync_api import Page, expect

from rugcoach.accounts.models import User
from rugcoach.triage.models import TriageResult
from tests.browser.helpers import ARTIFACTS_DIR, PHONE, serious_accessibility_violations
from tests.browser.test_triage_browser import answer_wizard
from tests.clock import days_ago
from tests.plan_helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_keeps_the_check_at_sign_up_and_lands_on_the_intake(
    page: Page, live_server, external_requests
):
    page.goto(f"{live_server.url}/mag-ik-trainen/stap/1/")
    answer_wizard(page, {"duration_weeks": 4, "stress_tension": True}, check_a11y=True)
    page.get_by_role("link", name="Maak een account voor je plan").click()

    keep = page.get_by_label("Bewaar mijn check van zojuist")
    expect(keep).to_be_checked()
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / "signup-keep-check-nl.png"), full_page=True)
    page.get_by_label("E-mailadres").fill("bezoeker@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("form.stack-form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/plan/intake/")
    expect(page.locator("#id_complaint_weeks")).to_have_value("4")
    expect(page.locator('input[name="triggers"][value="stress"]')).to_be_checked()
    assert serious_accessibility_violations(page) == []
    member = User.objects.get(email="bezoeker@example.com")
    stored = TriageResult.objects.get(member=member)
    assert stored.kind == "triage" and stored.answers["duration_weeks"] == 4
    assert external_requests == []


def pain_step(page: Page, live_server) -> None:
    """Walk the check up to the screen that asks for pain."""
    page.goto(f"{live_server.url}/mag-ik-trainen/stap/1/")
    for _ in range(15):
        if page.locator('input[name="pain_now"]').count():
            return
        answer_wizard_one_screen(page)
    raise AssertionError("no pain question")


def fill_benign(page: Page, names) -> None:  # type: ignore[no-untyped-def]
    """Give each named question of the screen its benign answer."""
    from rugcoach.content import get_catalog
    from tests.triage_answers import benign

    content = get_catalog().triage
    for name in names:
        value = benign(content.questions[name])
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if content.questions[name].type.value == "number":
            page.fill(f'input[name="{name}"]', str(value))
        else:
            page.check(f'input[name="{name}"][value="{value}"]')


def answer_wizard_one_screen(page: Page) -> None:
    names = page.eval_on_selector_all(
        "form.questions input:not([type=hidden])", "els => [...new Set(els.map(e => e.name))]"
    )
    fill_benign(page, names)
    page.locator("form.questions button[type=submit]").click()
    page.wait_for_load_state()


def test_the_pain_scale_is_tappable_and_works_with_the_keyboard(page: Page, live_server):
    pain_step(page, live_server)
    scale = page.get_by_role("group", name=re.compile("Hoeveel pijn heb je nu"))
    expect(scale).to_be_visible()
    options = page.locator(".pain-scale-option")
    expect(options).to_have_count(11)
    for i in range(11):
        box = options.nth(i).bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (i, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "fits the phone"
    # a scale, not a list: on a phone two rows (0–5, 6–10), not eleven
    tops = {round(options.nth(i).bounding_box()["y"]) for i in range(11)}
    assert len(tops) == 2, tops
    expect(page.get_by_text("ergste pijn die je je kunt voorstellen").first).to_be_visible()
    # tap a number
    options.nth(3).click()
    expect(page.get_by_role("radio", name="3", exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name="0 geen pijn")).not_to_be_checked()
    # the keyboard: arrows move along the scale
    page.get_by_role("radio", name="3", exact=True).focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="4", exact=True)).to_be_checked()
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / "pain-scale-phone-nl.png"), full_page=True)


def test_the_pain_scale_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    pain_step(page, live_server)
    page.locator(".pain-scale-option").nth(7).click()
    others = page.locator('form.questions input:not([type=hidden]):not([name="pain_now"])')
    names = {others.nth(i).get_attribute("name") for i in range(others.count())}
    fill_benign(page, names)
    step_url = page.url
    page.locator("form.questions button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url != step_url, "the step was accepted"
    page.goto(step_url)  # the step again: the server shows the answer it kept
    expect(page.locator('input[name="pain_now"][value="7"]')).to_be_checked()
    context.close()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_after_the_checkin_todays_session_on_a_phone(page: Page, live_server, language):

    from django.utils import timezone

    from rugcoach.core.planner import SelfTests
    from rugcoach.plans import services
    from rugcoach.plans.models import Plan
    from tests.browser.test_triage_browser import answer_checkin, log_in
    from tests.plan_helpers import HOME_PROFILE, record_triage

    member = User.objects.create_user(
        "vandaag@example.com", PASSWORD, first_name="Sanne", preferred_language=language
    )
    stored = record_triage(member)
    TriageResult.objects.filter(pk=stored.pk).update(created_at=days_ago(1))
    services.save_intake(member, HOME_PROFILE, SelfTests())
    services.generate_plan(member, timezone.localdate())
    Plan.objects.filter(member=member).update(starts_on=timezone.localdate())
    log_in(page, live_server, member)
    prefix = "/en/may-i-train" if language == "en" else "/mag-ik-trainen"
    page.goto(f"{live_server.url}{prefix}/check-in/")
    assert serious_accessibility_violations(page) == []
    answer_checkin(page, {})
    expect(page).to_have_url(re.compile(r"/plan/(vandaag|today)/$"))
    title = "Today's session" if language == "en" else "Je training van vandaag"
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.locator(".today .dose").first).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / f"today-after-checkin-{language}.png"), full_page=True)
