"""The personal plan as a member builds and uses it: intake, self-tests, plan, swap."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from rugcoach.content import get_catalog
from rugcoach.core.planner import PLAN_VERSION
from rugcoach.plans import services
from rugcoach.plans.models import Intake, Plan
from tests.plan_helpers import TODAY, record_triage

pytestmark = pytest.mark.django_db

INTAKE = {
    "situation": "home",
    "minutes_per_session": "10",
    "weekdays": ["tue", "thu", "sat"],
    "complaint_weeks": "6",
    "triggers": ["long-sitting", "stress"],
}


def test_the_plan_page_asks_for_the_safety_check_first(client, member):
    client.force_login(member)
    html = client.get("/plan/").content.decode()
    assert "Eerst de veiligheidscheck" in html
    assert client.post("/plan/maken/").status_code == 302
    assert Plan.objects.count() == 0


def test_intake_then_self_tests_build_a_plan_with_reasons(client, member):
    record_triage(member)
    client.force_login(member)
    response = client.post("/plan/intake/", INTAKE)
    assert response["Location"] == "/plan/zelftests/"
    response = client.post(
        "/plan/zelftests/",
        {"bridge_felt_in": "lower-back", "core_belly_shakes": "yes", "sitting_hours": "9"},
    )
    assert response["Location"] == "/plan/"
    stored = Plan.objects.get(member=member, is_current=True)
    sessions = stored.plan["weeks"][0]["sessions"]
    assert [s["weekday"] for s in sessions] == ["tue", "thu", "sat"]
    html = client.get("/plan/").content.decode()
    assert "Week 4" in html
    catalog = get_catalog()
    first = sessions[0]["items"][0]
    assert escape(catalog.exercises[first["slug"]].name.nl) in html
    assert escape(first["reason"]["nl"]) in html
    assert "Waarom dit plan" in html


def test_a_pregnant_member_must_give_her_due_date_and_nothing_is_saved(client, member):
    record_triage(member)
    client.force_login(member)
    response = client.post("/plan/intake/", {**INTAKE, "situation": "pregnancy"})
    assert response.status_code == 400
    assert "Vul je uitgerekende datum in" in response.content.decode()
    assert Intake.objects.count() == 0


@pytest.mark.parametrize(
    ("days_ahead", "message"),
    [
        (0, "ligt niet in de toekomst"),
        (-30, "ligt niet in de toekomst"),
        (42 * 7 + 1, "meer dan 42 weken vooruit"),
    ],
)
def test_an_impossible_due_date_is_refused_with_a_clear_message(
    client, member, days_ahead, message
):
    record_triage(member)
    client.force_login(member)
    due = timezone.localdate() + timedelta(days=days_ahead)
    body = {**INTAKE, "situation": "pregnancy", "due_date": due.isoformat()}
    response = client.post("/plan/intake/", body)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Intake.objects.count() == 0
    bad = client.post("/plan/intake/", {**body, "due_date": "15 juni"})
    assert "Vul een datum in" in bad.content.decode()


def test_a_saved_due_date_gives_the_week_on_the_plan_and_the_switch_at_week_13(client, member):
    record_triage(member)  # the intake's pregnancy counts even if the check missed it
    client.force_login(member)
    today = timezone.localdate()
    monday = today + timedelta(days=(7 - today.weekday()) % 7)
    # Week 13 starts on the Wednesday of the plan's third week.
    due = monday + timedelta(days=14 + 2 + 280 - 13 * 7)
    body = {**INTAKE, "situation": "pregnancy", "due_date": due.isoformat()}
    assert client.post("/plan/intake/", body).status_code == 302
    assert Intake.objects.get(member=member).profile["due_date"] == due.isoformat()
    assert "trimester" not in Intake.objects.get(member=member).profile
    client.post("/plan/zelftests/", {"bridge_felt_in": "lower-back"})
    html = client.get("/plan/").content.decode()
    assert "(week 3 van je plan) ben je 13 weken zwanger" in html
    assert "je plan wisselt dan naar oefeningen half rechtop of op je zij" in html
    sessions = Plan.objects.get(member=member).plan["weeks"][2]["sessions"]
    assert [s["pregnancy_week"] for s in sessions] == [12, 13, 13]
    # The form shows the stored date again, ready to correct.
    assert f'value="{due.isoformat()}"' in client.get("/plan/intake/").content.decode()


def test_a_verdict_that_forbids_training_gives_no_plan_but_the_advice(client, member):
    record_triage(member, fever=True)
    client.force_login(member)
    client.post("/plan/intake/", INTAKE)
    client.post("/plan/zelftests/", {})
    assert Plan.objects.count() == 0
    html = client.get("/plan/").content.decode()
    assert "Je krijgt nu geen trainingsplan" in html


def test_changing_the_intake_keeps_the_old_plan_in_history(client, member_with_plan):
    client.force_login(member_with_plan)
    client.post("/plan/intake/", {**INTAKE, "minutes_per_session": "5"})
    html = client.get("/plan/").content.decode()
    assert "Je hebt je intake aangepast na dit plan" in html
    client.post("/plan/maken/")
    plans = Plan.objects.filter(member=member_with_plan)
    assert plans.count() == 2
    assert plans.filter(is_current=True).get().plan["minutes_per_session"] == 5
    assert "Eerdere plannen" in client.get("/plan/").content.decode()


def test_swap_offers_alternatives_and_applies_one(client, member_with_plan):
    client.force_login(member_with_plan)
    html = client.get("/plan/").content.decode()
    swap_url = re.search(r'href="(/plan/wissel/1/mon/[^"]+)"', html).group(1)
    old_slug = swap_url.rstrip("/").rsplit("/", 1)[1]
    options = re.findall(
        r'name="replacement" value="([^"]+)"', client.get(swap_url).content.decode()
    )
    assert options and old_slug not in options
    response = client.post(swap_url, {"replacement": options[0]})
    assert response.status_code == 302
    monday = Plan.objects.get(is_current=True).plan["weeks"][0]["sessions"][0]
    slugs = [item["slug"] for item in monday["items"]]
    assert options[0] in slugs and old_slug not in slugs
    week2_monday = Plan.objects.get(is_current=True).plan["weeks"][1]["sessions"][0]
    assert old_slug in [item["slug"] for item in week2_monday["items"]]  # this session only


def test_swap_page_lets_the_member_choose_this_session_or_everywhere(client, member_with_plan):
    client.force_login(member_with_plan)
    html = client.get("/plan/").content.decode()
    swap_url = re.search(r'href="(/plan/wissel/1/mon/[^"]+)"', html).group(1)
    old_slug = swap_url.rstrip("/").rsplit("/", 1)[1]
    page = client.get(swap_url).content.decode()
    assert 'name="scope" value="session" checked' in page
    assert 'name="scope" value="everywhere"' in page
    option = re.findall(r'name="replacement" value="([^"]+)"', page)[0]
    before = Plan.objects.get(is_current=True).plan
    response = client.post(swap_url, {"replacement": option, "scope": "everywhere"})
    assert response.status_code == 302
    after = Plan.objects.get(is_current=True).plan
    week2_monday = [item["slug"] for item in after["weeks"][1]["sessions"][0]["items"]]
    assert option in week2_monday and old_slug not in week2_monday  # week 2 too
    for old_week, new_week in zip(before["weeks"], after["weeks"], strict=True):
        for old, new in zip(old_week["sessions"], new_week["sessions"], strict=True):
            for old_item, new_item in zip(old["items"], new["items"], strict=True):
                if old_item["slug"] != old_slug:
                    assert new_item == old_item  # no other exercise changed


def test_swap_to_something_unsuitable_is_refused_with_a_message(client, member_with_plan):
    client.force_login(member_with_plan)
    html = client.get("/plan/").content.decode()
    swap_url = re.search(r'href="(/plan/wissel/1/mon/[^"]+)"', html).group(1)
    before = Plan.objects.get(is_current=True).plan
    response = client.post(swap_url, {"replacement": "trap-bar-deadlift"})
    assert response.status_code == 400
    assert "Deze oefening kan hier niet" in response.content.decode()
    assert Plan.objects.get(is_current=True).plan == before


def test_plan_page_in_english(client, member_with_plan):
    client.force_login(member_with_plan)
    member_with_plan.preferred_language = "en"
    member_with_plan.save()
    html = client.get("/en/plan/").content.decode()
    assert "My plan" in html and "Why this plan" in html


# 8 before the page read the schedule rows; +3 for them, prefetched whatever the plan's
# size: its sessions, their items, the items' prescription versions; +1 (issue 13) for
# the open follow-up questions with their sessions (the card; none open here); +1 for the
# plan's state (the engine's latest run: held, cut or paused says so above the sessions);
# +1 (issue 15) for the trainer's notes to the member (the "Van je trainer" panel);
# -2 (issue 16): the schedule's sessions, items and versions in one joined query;
# -1 (issue 16): the member's training status in two queries, not three.
PLAN_PAGE_QUERIES = 11


def test_plan_page_queries_do_not_grow(client, member_with_plan, django_assert_num_queries):
    """The same exact count with one check and one plan as with five of each."""
    client.force_login(member_with_plan)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        assert client.get("/plan/").status_code == 200
    for _ in range(4):
        # Older than the window in which an identical regeneration returns the same plan.
        Plan.objects.update(created_at=timezone.now() - services.REGENERATE_WINDOW * 2)
        record_triage(member_with_plan)
        services.generate_plan(member_with_plan, TODAY)
    assert Plan.objects.filter(member=member_with_plan).count() == 5
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        html = client.get("/plan/").content.decode()
    earlier = re.search(r"Eerdere plannen: ([^<]*)</p>", html).group(1)
    assert len(earlier.split(", ")) == 4  # the page does show the four earlier plans


def test_plan_pages_need_a_login(client):
    assert client.get("/plan/").status_code == 302
    assert client.get("/plan/poster.pdf").status_code == 302


def red_flag_checkin(member):  # type: ignore[no-untyped-def]
    from rugcoach.core.triage.engine import evaluate
    from rugcoach.triage.services import record_result
    from tests.triage_answers import benign_answers

    content = get_catalog().triage
    benign = benign_answers(content)
    today = {qid: benign[qid] for qid in content.checkin_order}
    today["checkin_nerve_signs"] = True
    stored = {k: v for k, v in benign.items() if content.questions[k].triage}
    record_result(member, today, evaluate({**stored, **today}, content, checkin=True))


def test_a_red_flag_at_check_in_stops_the_plan_the_calendar_and_new_plans(client, member_with_plan):
    from rugcoach.plans.models import CalendarFeed

    feed = CalendarFeed.objects.create(member=member_with_plan, kind="sessions")
    assert client.get(f"/agenda/{feed.token}.ics").content.count(b"BEGIN:VEVENT") > 0
    red_flag_checkin(member_with_plan)

    client.force_login(member_with_plan)
    html = client.get("/plan/").content.decode()
    assert "Je krijgt nu geen trainingsplan" in html
    assert "Volgende training" not in html and "plan-item" not in html
    # No sessions in the calendar any more: one all-day note instead (tests/plans/
    # test_blocked_display.py reads what it says).
    ics = client.get(f"/agenda/{feed.token}.ics").content
    assert ics.count(b"BEGIN:VEVENT") == 1 and b"Niet trainen" in ics
    client.post("/plan/maken/")
    assert Plan.objects.filter(member=member_with_plan).count() == 1


def test_printouts_and_api_follow_a_red_flag_at_check_in(client, member_with_plan):
    red_flag_checkin(member_with_plan)
    client.force_login(member_with_plan)
    for url in ("/plan/poster.pdf", "/plan/schema.pdf"):
        response = client.get(url)  # a page that says why, not the plan
        assert response["Content-Type"] == "application/pdf"
        assert "niet-trainen" in response["Content-Disposition"]
    assert client.get("/api/plans/current").status_code == 409
    html = client.get("/plan/wissel/1/mon/cat-cow/")
    assert html.status_code == 302


def test_a_newer_full_check_with_other_advice_asks_for_a_new_plan(client, member_with_plan):
    from tests.plan_helpers import record_triage

    record_triage(member_with_plan, pregnant=True, pregnancy_week=20)
    client.force_login(member_with_plan)
    html = client.get("/plan/").content.decode()
    assert "Je veiligheidscheck is veranderd" in html
    assert "plan-item" not in html
    client.post("/plan/maken/")
    current = Plan.objects.get(member=member_with_plan, is_current=True)
    assert "pregnancy" in current.verdict["conditions"]
    assert "plan-item" in client.get("/plan/").content.decode()


def test_a_pregnancy_plan_made_from_a_trimester_asks_to_be_made_again(client, member_with_plan):
    """Plans from before the due date (version 1) could lie on the back after week 13."""
    due = (timezone.localdate() + timedelta(days=150)).isoformat()
    pregnant = {**Plan.objects.get(is_current=True).profile, "situation": "pregnancy"}
    stored = Plan.objects.get(is_current=True)
    stored.profile = {**pregnant, "due_date": due}
    stored.plan = {**stored.plan, "version": 1}
    stored.save()
    Intake.objects.filter(member=member_with_plan).update(profile={**pregnant, "due_date": due})
    client.force_login(member_with_plan)
    html = client.get("/plan/").content.decode()
    assert "Je plan volgt nu je zwangerschapsweek" in html
    assert "plan-item" not in html
    assert client.get("/plan/poster.pdf")["Location"] == "/plan/"
    client.post("/plan/maken/")
    current = Plan.objects.get(member=member_with_plan, is_current=True)
    assert current.plan["version"] == PLAN_VERSION
    assert all(s["pregnancy_week"] is not None for s in current.plan["weeks"][0]["sessions"])
    assert "plan-item" in client.get("/plan/").content.decode()


def test_a_due_date_that_has_passed_asks_for_a_new_intake_before_a_plan(client, member):
    from rugcoach.core.planner import Profile
    from rugcoach.plans import services
    from tests.plan_helpers import HOME_PROFILE

    record_triage(member)
    past = timezone.localdate() - timedelta(days=3)
    data = {**HOME_PROFILE.model_dump(mode="json"), "situation": "pregnancy", "due_date": past}
    services.save_intake(member, Profile.model_validate(data))
    client.force_login(member)
    response = client.post("/plan/maken/", follow=True)
    assert response.redirect_chain[-1][0] == "/plan/intake/"
    assert "Je uitgerekende datum is voorbij" in response.content.decode()
    assert Plan.objects.count() == 0


def test_the_pages_outline_is_the_plans_own(member_with_plan):
    """The plan page reads the focus, reasons and left-out exercises without validating
    the weeks around them (issue 16); they are what the whole Plan says."""
    from rugcoach.plans import selectors

    stored = Plan.objects.get(is_current=True)
    plan, outline = selectors.parsed_plan(stored), selectors.plan_outline(stored)
    assert (outline.focus, outline.reasons, outline.excluded) == (
        plan.focus,
        plan.reasons,
        plan.excluded,
    )
    assert outline.focus and outline.reasons and outline.excluded
