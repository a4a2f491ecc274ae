"""Pain feedback in Chromium, phone-sized: a session finished with "it hurt" on one
exercise lowers that exercise next time, and the plan and the player say why; the next
morning's question, answered "worse", holds the plan; the progress page charts it all.
Screenshots go to test-artifacts/progression-<language>-<state>.png.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from rugcoach.core.schedule import Prescription
from rugcoach.training.models import Adaptation, FollowUp, TrainingSession
from tests.browser.helpers import ARTIFACTS_DIR, PHONE, serious_accessibility_violations
from tests.browser.test_player_browser import choose, hold_the_clock, log_in
from tests.training.helpers import (
    check_in,
    checks_made_yesterday,
    next_session,
    only_glute_bridge,
    plan_starting_today,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

T = {
    "nl": {
        "start": "Start",
        "skip": "Overslaan",
        "hurt": "Het deed pijn",
        "back": "Onderrug",
        "pain_scale": "Hoeveel pijn (0 is geen",
        "continue": "Verder",
        "pain_now": "Hoeveel pijn heb je nu",
        "effort": "Hoe zwaar was de training",
        "save": "Opslaan",
        "saved": "Opgeslagen. Goed gedaan!",
        "why": "Waarom dit veranderde:",
        "reason": "Deze oefening deed pijn",
        "plan": "/plan/",
        "one_set": "12 herhalingen",
        "worse": "Slechter",
        "morning_pain": "Hoeveel pijn heb je nu?",
        "send": "Antwoord opslaan",
        "held": "Je plan houdt even in",
        "r2": "terug naar",
        "progress": "/voortgang/",
    },
    "en": {
        "start": "Start",
        "skip": "Skip",
        "hurt": "It hurt",
        "back": "Lower back",
        "pain_scale": "How much pain (0 is none",
        "continue": "Continue",
        "pain_now": "How much pain do you have now",
        "effort": "How hard was the session",
        "save": "Save",
        "saved": "Saved. Well done!",
        "why": "Why this changed:",
        "reason": "This exercise hurt",
        "plan": "/en/plan/",
        "one_set": "12 repetitions",
        "worse": "Worse",
        "morning_pain": "How much pain do you have now?",
        "send": "Save answer",
        "held": "Your plan holds back for now",
        "r2": "back to",
        "progress": "/en/progress/",
    },
}


@pytest.fixture
def two_bridge_sessions(member_with_plan):
    """Today's session and the next one: each a glute bridge, 2 × 12; checked in today."""
    today = plan_starting_today(member_with_plan)
    following = next_session(today)
    only_glute_bridge(today)
    next_item = only_glute_bridge(following)
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan, pain_now=2)
    return member_with_plan, today, following, next_item


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_hurt_lowers_the_exercise_next_time_and_says_why(
    page: Page, live_server, two_bridge_sessions, language
):
    t = T[language]
    member, today, following, next_item = two_bridge_sessions
    member.preferred_language = language
    member.save(update_fields=["preferred_language"])
    page.set_viewport_size(PHONE)
    log_in(page.context, live_server, member)
    with translation.override(language):
        player = live_server.url + reverse("training:session", args=[today.pk])
    hold_the_clock(page, player)

    page.get_by_role("button", name=t["start"], exact=True).click()
    hurt = page.get_by_role("button", name=t["hurt"])
    for _ in range(6):  # skip the sets and the rest between them: the question comes
        if hurt.is_visible():
            break
        page.get_by_role("button", name=t["skip"]).click()
    hurt.click()
    page.get_by_label(t["back"]).check()
    choose(page, t["pain_scale"], 7)
    page.get_by_role("button", name=t["continue"], exact=True).click()
    choose(page, t["pain_now"], 3)
    choose(page, t["effort"], 5)
    page.get_by_role("button", name=t["save"]).click()
    expect(page.locator(".player-saved")).to_have_text(t["saved"])

    stored = TrainingSession.objects.get(member=member)
    assert stored.pain_before == 2
    latest = next_item.versions.order_by("-number").first()
    assert latest.source == "progression"
    lowered = Prescription.model_validate(latest.prescription)
    assert (lowered.sets, lowered.reps) == (1, 12), "one set fewer next time"
    change = Adaptation.objects.get(member=member, trigger="session").changes[0]
    assert change["rule"] == "E2" and change["action"] == "regress"

    # The plan says what changed and why, beside the lowered dose.
    page.clock.resume()
    page.goto(live_server.url + t["plan"])
    item = page.locator(".plan-item", has=page.locator(".why-changed")).first
    expect(item.locator(".why-changed")).to_contain_text(t["why"])
    expect(item.locator(".why-changed")).to_contain_text(t["reason"])
    expect(item.locator(".dose")).to_contain_text(t["one_set"])
    expect(item.locator(".dose")).not_to_contain_text("2 ×")
    page.screenshot(path=str(ARTIFACTS_DIR / f"progression-{language}-plan.png"), full_page=True)
    assert serious_accessibility_violations(page) == []

    # So does the player of the next session, after that day's check-in.
    check_in(member, pain_now=2)
    with translation.override(language):
        page.goto(live_server.url + reverse("training:session", args=[following.pk]))
    why = page.locator(".player-why").first
    expect(why).to_contain_text(t["why"])
    expect(why).to_contain_text(t["reason"])
    expect(page.locator(".player-list")).to_contain_text(t["one_set"])
    expect(page.locator(".player-list")).not_to_contain_text("2 ×")
    page.screenshot(path=str(ARTIFACTS_DIR / f"progression-{language}-player.png"), full_page=True)

    # The next morning: "how is your back compared with before the session?" on the plan
    # page. Worse holds the plan: back to the last dose handled well, and asked again at 48 h.
    FollowUp.objects.filter(session=stored).update(due_at=timezone.now() - timedelta(minutes=1))
    page.goto(live_server.url + t["plan"])
    card = page.locator(".followup-form").first
    card.get_by_label(t["worse"]).check()
    card.locator("fieldset", has_text=t["morning_pain"]).locator("input[value='4']").check(
        force=True
    )
    card.get_by_role("button", name=t["send"]).click()
    expect(page.locator("main")).to_contain_text(t["r2"])
    page.screenshot(
        path=str(ARTIFACTS_DIR / f"progression-{language}-followup.png"), full_page=True
    )
    state = Adaptation.objects.filter(member=member).first()
    assert (state.trigger, state.status) == ("followup", "held")
    assert state.reasons[0]["rule"] == "R2"
    assert FollowUp.objects.filter(session=stored, kind="later").exists()
    page.goto(live_server.url + t["plan"])
    expect(page.locator(".plan-state")).to_contain_text(t["held"])
    expect(page.locator(".followup-form")).to_have_count(0)

    # The progress page: the chart of pain before, after and the next morning, a table
    # with the same numbers, and the dose change with its reason.
    page.goto(live_server.url + t["progress"])
    chart = page.locator("svg.pain-chart")
    expect(chart).to_be_visible()
    expect(chart.locator(".point-before")).to_have_count(1)
    expect(chart.locator(".point-after")).to_have_count(1)
    expect(chart.locator(".point-morning")).to_have_count(1)
    expect(page.locator(".pain-table")).to_contain_text("4")
    expect(page.locator(".dose-change").first).to_contain_text(t["reason"])
    page.screenshot(
        path=str(ARTIFACTS_DIR / f"progression-{language}-progress.png"), full_page=True
    )
    assert serious_accessibility_violations(page) == []
