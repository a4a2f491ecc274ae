"""In Chromium at phone size: the footer's emergency signs, the self-test page for a
member 14 weeks pregnant, and a plan blocked by a check-in that says why."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from tests.browser.helpers import ARTIFACTS_DIR, PHONE, serious_accessibility_violations
from tests.plan_helpers import PASSWORD, record_triage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server, member: User) -> None:
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stack-form button[type=submit]").click()


def test_the_footer_names_the_emergency_signs_readably_on_a_phone(
    page: Page, live_server, external_requests
):
    page.goto(f"{live_server.url}/")
    emergency = page.locator(".footer-emergency")
    emergency.scroll_into_view_if_needed()
    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text("Bel nu 112 of de huisartsenpost")
    for sign in get_catalog().warnings.emergency.signs:
        expect(emergency).to_contain_text(sign.nl)
    box = emergency.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The home page itself says it too, above the footer.
    expect(page.locator(".home-emergency")).to_contain_text("Wacht niet tot morgen")
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / "footer-warning-phone.png"), full_page=True)
    assert external_requests == []


def test_a_member_14_weeks_pregnant_gets_only_the_tests_she_may_do(page: Page, live_server):
    member = User.objects.create_user("zwanger@example.com", PASSWORD)
    record_triage(member)
    log_in(page, live_server, member)
    page.goto(f"{live_server.url}/plan/intake/")
    page.get_by_label("Tijdens de zwangerschap").check()
    due = timezone.localdate() + timedelta(days=280 - 14 * 7)
    page.get_by_label("Je uitgerekende datum").fill(due.isoformat())
    page.get_by_label("15 minuten").check()
    for day in ("maandag", "woensdag", "vrijdag"):
        page.get_by_label(day, exact=True).check()
    page.get_by_label("Hoeveel weken heb je al last van je rug?").fill("4")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.get_by_role("heading", name="De bilspiertest op je zij")).to_be_visible()
    expect(page.get_by_role("heading", name="De core-test staand")).to_be_visible()
    expect(page.get_by_role("heading", name="De bruggetjestest")).to_have_count(0)
    expect(page.locator(".self-test-reason").first).to_contain_text("13 weken of langer zwanger")
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / "self-tests-pregnant-phone.png"), full_page=True)

    page.get_by_label("In mijn billen").check()
    page.get_by_role("button", name="Maak mijn plan").click()
    expect(page.locator(".plan-item").first).to_be_visible()
    expect(page.get_by_text("je oefent niet plat op je rug", exact=False)).to_have_count(0)
    expect(page.get_by_text("Daarom oefen je niet plat op je rug", exact=False)).to_be_visible()


def test_a_blocked_plan_says_why_and_what_to_do_on_a_phone(page: Page, live_server):
    from rugcoach.core.planner import SelfTests
    from rugcoach.plans import services
    from tests.plan_helpers import HOME_PROFILE, TODAY
    from tests.plans.test_plan_pages import red_flag_checkin

    member = User.objects.create_user("blok@example.com", PASSWORD)
    record_triage(member)
    services.save_intake(member, HOME_PROFILE, SelfTests())
    services.generate_plan(member, TODAY)
    red_flag_checkin(member)
    log_in(page, live_server, member)
    page.goto(f"{live_server.url}/plan/")
    notice = page.locator(".verdict")
    expect(notice).to_contain_text("Je krijgt nu geen trainingsplan")
    expect(notice).to_contain_text("Je check-in van")
    expect(page.get_by_role("link", name="Doe een nieuwe volledige check")).to_be_visible()
    expect(page.locator(".plan-item")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_accessibility_violations(page) == []
