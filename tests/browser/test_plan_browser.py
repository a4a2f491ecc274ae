"""The personal plan in Chromium: intake → self-tests → plan → PDF → calendar link."""

import re

import pytest
from playwright.sync_api import Page, expect

from rugcoach.accounts.models import User
from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations
from tests.plan_helpers import PASSWORD, record_triage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "nl": {
        "prefix": "",
        "login": "/account/inloggen/",
        "email": "E-mailadres",
        "login_button": "Inloggen",
        "start": "Start de intake",
        "home": "Thuis zonder materiaal",
        "minutes": "15 minuten",
        "days": ["maandag", "woensdag", "vrijdag"],
        "weeks": "Hoeveel weken heb je al last van je rug?",
        "save": "Opslaan en verder",
        "bridge": "In mijn onderrug",
        "make": "Maak mijn plan",
        "poster": "Oefenposter A4 (PDF)",
        "calendar": "In je agenda",
        "make_link": "Maak een agendalink",
        "link_label": "Je privélink",
    },
    "en": {
        "prefix": "/en",
        "login": "/en/account/log-in/",
        "email": "Email address",
        "login_button": "Log in",
        "start": "Start the intake",
        "home": "At home without equipment",
        "minutes": "15 minutes",
        "days": ["Monday", "Wednesday", "Friday"],
        "weeks": "For how many weeks has your back been bothering you?",
        "save": "Save and continue",
        "bridge": "In my lower back",
        "make": "Make my plan",
        "poster": "Exercise poster A4 (PDF)",
        "calendar": "In your calendar",
        "make_link": "Make a calendar link",
        "link_label": "Your private link",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_member_builds_a_plan_prints_it_and_subscribes(page: Page, live_server, language):
    t = TEXTS[language]
    member = User.objects.create_user(
        f"{language}@example.com", PASSWORD, preferred_language=language
    )
    record_triage(member)

    page.goto(f"{live_server.url}{t['login']}")
    page.get_by_label(t["email"]).fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stack-form button[type=submit]").click()
    page.goto(f"{live_server.url}{t['prefix']}/plan/")
    page.get_by_role("link", name=t["start"]).click()

    assert serious_accessibility_violations(page) == []
    page.get_by_label(t["home"]).check()
    page.get_by_label(t["minutes"]).check()
    for day in t["days"]:
        page.get_by_label(day, exact=True).check()
    page.get_by_label(t["weeks"]).fill("8")
    page.get_by_role("button", name=t["save"]).click()

    assert serious_accessibility_violations(page) == []
    page.get_by_label(t["bridge"]).check()
    page.get_by_role("button", name=t["make"]).click()

    expect(page).to_have_url(re.compile(r"/plan/(#.*)?$"))
    expect(page.locator(".plan-item").first).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / f"plan-{language}.png"), full_page=True)

    with page.expect_response(lambda r: "poster.pdf" in r.url) as pdf:
        page.evaluate(
            "(href) => fetch(href)",
            page.get_by_role("link", name=t["poster"]).get_attribute("href"),
        )
    assert pdf.value.status == 200
    assert pdf.value.headers["content-type"] == "application/pdf"

    page.get_by_role("link", name=t["calendar"]).click()
    page.get_by_role("button", name=t["make_link"]).click()
    link = page.get_by_label(t["link_label"]).input_value()
    assert re.search(r"/agenda/[\w-]+\.ics$", link)
    feed = page.request.get(link)
    assert feed.status == 200 and b"BEGIN:VEVENT" in feed.body()
    assert serious_accessibility_violations(page) == []


def test_member_swaps_an_exercise_everywhere_with_the_radio(page: Page, live_server):
    from rugcoach.core.planner import SelfTests
    from rugcoach.plans import services
    from rugcoach.plans.models import Plan
    from tests.plan_helpers import HOME_PROFILE, TODAY

    member = User.objects.create_user("swap@example.com", PASSWORD)
    record_triage(member)
    services.save_intake(member, HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"))
    services.generate_plan(member, TODAY)
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stack-form button[type=submit]").click()
    page.goto(f"{live_server.url}/plan/")
    link = page.locator('a[href^="/plan/wissel/1/mon/"]').first
    old_slug = link.get_attribute("href").rstrip("/").rsplit("/", 1)[1]
    link.click()

    expect(page.get_by_label(re.compile("Alleen in deze training"))).to_be_checked()
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Overal in mijn plan waar deze oefening staat").check()
    page.locator('button[name="replacement"]').first.click()

    expect(page).to_have_url(re.compile(r"/plan/(#.*)?$"))
    plan = Plan.objects.get(member=member, is_current=True).plan
    for week in (0, 1):
        slugs = [i["slug"] for i in plan["weeks"][week]["sessions"][0]["items"]]
        assert old_slug not in slugs
