"""The follow-up question in Chromium, phone-sized: the card on the home page, its page,
answered with the keyboard-reachable radios; axe-core clean in both languages, also with
JavaScript off (the form is plain HTML). Screenshots: test-artifacts/followup-*.png."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from rugcoach.accounts.models import User
from rugcoach.training.models import FollowUp
from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations
from tests.browser.test_player_browser import log_in
from tests.training.helpers import check_in, checks_made_yesterday, plan_starting_today, train

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

T = {
    "nl": {
        "prefix": "",
        "card": "Een vraag over je training van",
        "worse": "Slechter",
        "save": "Antwoord opslaan",
        "fix": "Vul de vraag en je pijn in",
        "thanks": "Dank je voor je antwoord",
        "meaning": "Wat dit betekent voor je volgende training",
    },
    "en": {
        "prefix": "/en",
        "card": "A question about your session of",
        "worse": "Worse",
        "save": "Save answer",
        "fix": "Answer the question and give your pain",
        "thanks": "Thank you for your answer",
        "meaning": "What this means for your next session",
    },
}


@pytest.fixture
def open_question(member_with_plan):
    first = plan_starting_today(member_with_plan)
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan, pain_now=3)
    session = train(member_with_plan, first, {})
    followup = FollowUp.objects.get(session=session)
    FollowUp.objects.filter(pk=followup.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    return member_with_plan, followup


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_card_asks_and_the_page_answers(
    browser: Browser, browser_context_args, live_server, open_question, language, javascript
):
    member, followup = open_question
    User.objects.filter(pk=member.pk).update(preferred_language=language)
    words = T[language]
    context = browser.new_context(**browser_context_args, java_script_enabled=javascript)
    log_in(context, live_server, member)
    page = context.new_page()

    page.goto(f"{live_server.url}{words['prefix']}/")
    card = page.locator(".followup-card")
    expect(card).to_contain_text(words["card"])
    if javascript:
        assert serious_accessibility_violations(page) == []
    page.screenshot(path=ARTIFACTS_DIR / f"followup-{language}-card.png", full_page=True)

    # Only the feeling, no pain: the page says what to fix and keeps the choice.
    card.get_by_label(words["worse"], exact=True).check()
    card.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("alert")).to_contain_text(words["fix"])
    expect(page.get_by_label(words["worse"], exact=True)).to_be_checked()
    if javascript:
        assert serious_accessibility_violations(page) == []

    page.locator('label[for$="-pain_5"]').click()
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("heading", name=words["thanks"])).to_be_visible()
    expect(page.get_by_role("heading", name=words["meaning"])).to_be_visible()
    if javascript:
        assert serious_accessibility_violations(page) == []
    page.screenshot(path=ARTIFACTS_DIR / f"followup-{language}-answered.png", full_page=True)
    followup.refresh_from_db()
    assert (followup.feeling, followup.pain) == ("worse", 5)

    page.goto(f"{live_server.url}{words['prefix']}/")
    expect(page.locator(".followup-card")).to_have_count(0)
    context.close()
