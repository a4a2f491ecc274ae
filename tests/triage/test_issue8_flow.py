"""Issue 8 in the app: the early end, check-in red flags that stay, frozen checks,
ageing answers, and what the member reads."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.triage.engine import evaluate
from rugcoach.plans import services as plan_services
from rugcoach.triage import selectors
from rugcoach.triage.models import TriageResult
from rugcoach.triage.services import FullCheckOutdated, record_checkin, record_result
from tests.clock import days_ago
from tests.plan_helpers import HOME_PROFILE, triage_answers
from tests.triage.wizard_walker import form_value, urgent_no, walk
from tests.triage_answers import benign

pytestmark = pytest.mark.django_db
PASSWORD = "a-calm-Strong-back-42"
CHECKIN = "/mag-ik-trainen/check-in/"


@pytest.fixture
def content():
    return get_catalog().triage


@pytest.fixture
def member():
    return User.objects.create_user("noor@example.com", PASSWORD)


def checkin_data(content, **changes):
    return {
        qid: form_value(content.questions[qid], changes.get(qid, benign(content.questions[qid])))
        for qid in content.checkin_order
    }


def full_check(member, **changes) -> TriageResult:
    answers = triage_answers(**changes)
    return record_result(member, answers, evaluate(answers, get_catalog().triage))


def checkin(member, **changes) -> TriageResult:
    content = get_catalog().triage
    answers = {qid: benign(content.questions[qid]) for qid in content.checkin_order}
    answers = {**answers, **changes}
    if not triage_answers().get("pregnant"):
        answers.pop("checkin_pregnancy_signs")
    return record_checkin(member, answers)


# --- §1 the early end --------------------------------------------------------------------


def test_numbness_on_the_first_screen_ends_the_check_for_a_member(client, content, member):
    client.force_login(member)
    response = client.post(
        "/mag-ik-trainen/stap/1/", {**urgent_no(content), "saddle_numbness": "yes"}
    )
    assert response.status_code == 302
    assert "/uitslag/" in response["Location"]  # the next page is the verdict
    stored = TriageResult.objects.get()
    assert stored.level == "EMERGENCY" and stored.stored_verdict.cut_short
    html = client.get(response["Location"]).content.decode()
    assert 'href="tel:112"' in html
    assert "De check stopt hier" in html


def test_an_emergency_answer_alone_ends_the_screen_even_with_others_left_open(client, content):
    response = client.post("/mag-ik-trainen/stap/1/", {"saddle_numbness": "yes"})
    assert response["Location"] == "/mag-ik-trainen/uitslag/"
    html = client.get(response["Location"]).content.decode()
    assert 'href="tel:112"' in html and "De check stopt hier" in html
    assert TriageResult.objects.count() == 0  # a visitor: nothing stored


def test_a_non_emergency_answer_does_not_end_the_check(client, content):
    response = client.post("/mag-ik-trainen/stap/1/", {**urgent_no(content)})
    assert response["Location"] == "/mag-ik-trainen/stap/2/"
    response = client.post("/mag-ik-trainen/stap/1/", {"leg_weakness": "one_leg"})
    assert response["Location"] == "/mag-ik-trainen/stap/1/"  # one weak foot: keep asking


def test_checkin_ends_at_a_nerve_sign_with_other_questions_open(client, content, member):
    client.force_login(member)
    walk(client, content, {})
    response = client.post(CHECKIN, {"checkin_nerve_signs": "yes"})
    assert response.status_code == 302
    stored = TriageResult.objects.get(kind="checkin")
    assert stored.level == "EMERGENCY" and stored.stored_verdict.cut_short


def test_checkin_without_an_emergency_still_needs_every_answer(client, content, member):
    client.force_login(member)
    walk(client, content, {})
    response = client.post(CHECKIN, {"pain_now": "9"})
    assert response.status_code == 400
    assert not TriageResult.objects.filter(kind="checkin").exists()


# --- §2 a check-in red flag stays until a full check -------------------------------------


def test_a_weak_leg_at_checkin_stays_until_a_full_check_that_asks_about_the_doctor(
    client, content, member
):
    client.force_login(member)
    walk(client, content, {})
    weak = client.post(CHECKIN, checkin_data(content, new_leg_symptoms="weakness_one_leg"))
    blocked_by = TriageResult.objects.get(pk=weak["Location"].rstrip("/").split("/")[-1])
    assert blocked_by.level == "GP_TODAY"
    # A calm check-in a minute later is not taken: it would read "you may train".
    calm = client.post(CHECKIN, checkin_data(content), follow=True)
    assert calm.redirect_chain[-1][0] == "/mag-ik-trainen/"
    assert TriageResult.objects.filter(kind="checkin").count() == 1
    status = selectors.training_status(member)
    assert status.blocked and not status.may_train
    assert status.blocking == blocked_by and status.needs_full_check
    assert "check-in" in status.redo_reason
    assert status.redo_reason in calm.content.decode()
    assert "Je mag trainen" not in calm.content.decode()
    again = client.get(CHECKIN, follow=True)
    assert again.redirect_chain[-1][0] == "/mag-ik-trainen/"
    assert 'name="pain_now"' not in again.content.decode()
    assert f'href="{CHECKIN}"' not in again.content.decode()  # no button leading back
    plan_page = client.get("/plan/").content.decode()
    assert "Neem vandaag nog contact op met je huisarts." in plan_page

    # The full check asks whether a doctor has examined the leg.
    client.post("/mag-ik-trainen/stap/1/", urgent_no(content))
    page = client.get("/mag-ik-trainen/stap/2/").content.decode()
    assert 'name="examined_since"' in page
    not_seen = walk(client, content, {"examined_since": False}).content.decode()
    assert "nog niet gebeurd" in not_seen
    assert not selectors.training_status(member).may_train
    walk(client, content, {"examined_since": True})
    status = selectors.training_status(member)
    assert status.may_train and status.blocking is None


def test_a_full_check_after_a_calm_history_does_not_ask_about_a_doctor(client, content, member):
    client.force_login(member)
    walk(client, content, {})
    client.post("/mag-ik-trainen/stap/1/", urgent_no(content))
    page = client.get("/mag-ik-trainen/stap/2/").content.decode()
    assert 'name="major_trauma"' in page and 'name="examined_since"' not in page


red_flag_checkins = st.sampled_from(
    [
        {"checkin_nerve_signs": True},
        {"checkin_genital_sensation": True},
        {"checkin_walking": True},
        {"new_leg_symptoms": "weakness_one_leg"},
        {"new_leg_symptoms": "both_legs"},
        {"fever": True},
        {"new_trauma": "major"},
    ]
)
calm_checkins = st.sampled_from([{}, {"pain_now": 3}, {"new_trauma": "minor"}, {"pain_now": 7}])


red_flag_full_checks = st.sampled_from(
    [
        {},
        {"pain_after_sitting": True},
        {"fever": True},
        {"leg_weakness": "one_leg"},
        {"cancer_history": True},
        {"gut_feeling": True},
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=red_flag_full_checks,
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("red"), red_flag_checkins),
            st.tuples(st.just("calm"), calm_checkins),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_a_red_flag_never_yields_training_over_check_ins_in_any_order(first, steps) -> None:
    """Issue 8 §2: a full check, then check-ins in any order: once the full check or a
    check-in had a red flag, nothing trains until the next full check."""
    content = get_catalog().triage
    member = User.objects.create_user(f"m{User.objects.count()}@example.com", PASSWORD)
    plan_services.save_intake(member, HOME_PROFILE)
    stored = full_check(member, **first)
    flagged = any(content.questions[q].is_alarming(v) for q, v in first.items())
    assert stored.may_train is not flagged
    for kind, changes in steps:
        if selectors.training_status(member).blocking_checkins:
            # A check-in forbade training: no check-in is taken until a full check.
            before = TriageResult.objects.filter(member=member).count()
            with pytest.raises(FullCheckOutdated) as refused:
                checkin(member, **changes)
            assert refused.value.reason == selectors.REDO_BLOCKED
            assert TriageResult.objects.filter(member=member).count() == before
        else:
            stored = checkin(member, **changes)
            flagged = flagged or kind == "red"
            if kind == "red":
                assert not stored.may_train
        status = selectors.training_status(member)
        if flagged:
            assert status.blocked and not status.may_train
            assert status.blocking is not None and not status.blocking.may_train
            made = plan_services.generate_plan(member, timezone.localdate())
            assert made.plan is None and made.no_plan is not None
    due = selectors.record_facts(member)["doctor_visit_due"]
    full_check(member, examined_since=True, doctor_visit_due=due)
    assert selectors.training_status(member).may_train


# --- §2 frozen snapshots and ageing answers ----------------------------------------------


def test_a_full_check_made_with_older_questions_is_asked_to_be_redone(client, content, member):
    client.force_login(member)
    walk(client, content, {})
    TriageResult.objects.update(questions_version="0ld0ld0ld0ld")
    status = selectors.training_status(member)
    assert status.outdated and status.needs_full_check
    assert "De vragen van de check zijn veranderd" in status.redo_reason
    response = client.get(CHECKIN)
    assert response["Location"] == "/mag-ik-trainen/"
    assert (
        "De vragen van de check zijn veranderd" in client.get("/mag-ik-trainen/").content.decode()
    )
    with pytest.raises(plan_services.PlanNotPossible):
        plan_services.generate_plan(member, timezone.localdate())


def test_stored_checks_record_their_questions(member, content):
    assert full_check(member).questions_version == content.questions_version


def test_a_checkin_ages_the_weeks_of_a_lumbago(member):
    stored = full_check(member, onset="sudden", duration_weeks=1)
    assert stored.level == "REST_THEN_REBUILD"
    assert "A-LUMBAGO" in [r["rule"] for r in checkin(member).verdict["reasons"]]
    TriageResult.objects.filter(pk=stored.pk).update(created_at=days_ago(15))
    later = checkin(member)  # the lumbago is now three weeks old
    assert "A-LUMBAGO" not in [r["rule"] for r in later.verdict["reasons"]]


def test_a_pregnancy_week_past_42_asks_for_a_new_full_check(member):
    stored = full_check(member, pregnant=True, pregnancy_week=40)
    TriageResult.objects.filter(pk=stored.pk).update(created_at=days_ago(21))
    with pytest.raises(FullCheckOutdated) as caught:
        checkin(member)
    assert caught.value.reason == selectors.REDO_EXPIRED


# --- §3 the check-in for pregnant members ------------------------------------------------


def test_pregnant_members_get_the_stop_today_signs_and_the_midwife_first(client, content, member):
    client.force_login(member)
    walk(client, content, {"pregnant": True, "pregnancy_week": 20})
    page = client.get(CHECKIN).content.decode()
    assert 'name="checkin_pregnancy_signs"' in page
    response = client.post(CHECKIN, checkin_data(content, checkin_pregnancy_signs=True))
    html = client.get(response["Location"]).content.decode()
    verdict = html[html.index('class="verdict') :]
    assert "Bel nu je verloskundige" in verdict
    assert verdict.index("verloskundige") < verdict.index("huisarts")


def test_members_who_are_not_pregnant_are_not_asked_pregnancy_signs(client, content, member):
    client.force_login(member)
    walk(client, content, {})
    assert 'name="checkin_pregnancy_signs"' not in client.get(CHECKIN).content.decode()


# --- §6 what the member reads ------------------------------------------------------------


def test_milder_reasons_stand_apart_from_an_emergency(client, content):
    answers = {**urgent_no(content), "bladder_bowel": "yes"}
    client.post("/mag-ik-trainen/stap/1/", answers)
    html = client.get("/mag-ik-trainen/uitslag/").content.decode()
    assert "Ook opgemerkt" not in html  # only the deciding reason so far
    page = walk(
        client, content, {"bladder_bowel": False, "pain_after_sitting": True, "fever": True}
    )
    html = page.content.decode()
    why, noted = html.split("Ook opgemerkt")
    assert "koorts" in why and "zeurende pijn na lang zitten" in noted
    assert "(R9)" not in html and "A-SITTING" not in html
