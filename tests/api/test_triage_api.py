"""The triage API: questions, a stateless verdict, and members' stored check-ins."""

import json

import pytest

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.triage.engine import evaluate
from rugcoach.triage.models import TriageResult
from rugcoach.triage.selectors import training_status
from rugcoach.triage.services import record_result
from tests.triage_answers import benign_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    return get_catalog().triage


def triage_answers(content, **changes):
    """Benign answers to the full triage only (no check-in-only questions)."""
    answers = {
        qid: value
        for qid, value in benign_answers(content).items()
        if content.questions[qid].triage
    }
    return {**answers, **changes}


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_questions_come_in_screens_in_the_asked_language(client, content):
    nl = client.get("/api/triage/questions").json()
    en = client.get("/api/triage/questions", {"lang": "en"}).json()
    assert nl["screens"][0]["id"] == "urgent"
    first_nl, first_en = nl["screens"][0]["questions"][0], en["screens"][0]["questions"][0]
    assert first_nl["id"] == first_en["id"] == "saddle_numbness"
    assert first_nl["red_flag"] is True
    assert first_nl["text"] == content.questions["saddle_numbness"].text.nl
    assert first_en["text"] == content.questions["saddle_numbness"].text.en
    assert [q["id"] for q in en["checkin"]] == list(content.checkin_order)


def test_benign_answers_may_train_with_reasons(client, content):
    body = post(client, "/api/triage", {"answers": triage_answers(content)}).json()
    assert body["level"] == "TRAIN"
    assert body["may_train"] is True
    assert body["reasons"] and all(r["rule"] and r["text"] for r in body["reasons"])
    assert body["exercises"]
    assert TriageResult.objects.count() == 0


def test_a_red_flag_never_trains(client, content):
    answers = triage_answers(content, saddle_numbness=True)
    body = post(client, "/api/triage?lang=en", {"answers": answers}).json()
    assert body["level"] == "EMERGENCY"
    assert body["may_train"] is False and body["exercises"] == []
    assert body["actions"][0]["phone"] == "112"
    assert body["reasons"][0]["rule"] == "R1"


def test_wrong_types_and_unknown_questions_are_named(client, content):
    answers = triage_answers(content, saddle_numbness="yes", age=True, bogus=1)
    response = post(client, "/api/triage", {"answers": answers})
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["detail"]}
    assert fields == {"saddle_numbness", "age", "bogus"}


def test_missing_answers_are_named(client, content):
    answers = triage_answers(content)
    del answers["fever"]
    response = post(client, "/api/triage", {"answers": answers})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "fever" and error["loc"] == ["body", "answers", "fever"]


def test_a_body_without_answers_is_a_422_naming_the_field(client):
    response = post(client, "/api/triage", {"answer": {}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "answers"


def test_checkins_need_a_member(client):
    assert post(client, "/api/checkins", {"answers": {}}).status_code == 401


def checkin_answers(content, **changes):
    benign = benign_answers(content)
    return {qid: changes.get(qid, benign[qid]) for qid in content.checkin_order}


def test_checkin_needs_a_full_triage_first(client, content):
    member = User.objects.create_user("sam@example.com", "a-calm-Strong-back-42")
    client.force_login(member)
    response = post(client, "/api/checkins", {"answers": checkin_answers(content)})
    assert response.status_code == 409


def test_checkin_is_stored_and_a_red_flag_blocks_the_session(client, content):
    member = User.objects.create_user("sam@example.com", "a-calm-Strong-back-42")
    answers = triage_answers(content)
    record_result(member, answers, evaluate(answers, content))
    client.force_login(member)

    calm = post(client, "/api/checkins", {"answers": checkin_answers(content)})
    assert calm.status_code == 201 and calm.json()["may_train"] is True

    alarm = post(
        client,
        "/api/checkins",
        {"answers": checkin_answers(content, checkin_nerve_signs=True)},
    )
    assert alarm.status_code == 201
    assert alarm.json()["level"] == "EMERGENCY" and alarm.json()["may_train"] is False
    assert TriageResult.objects.filter(member=member, kind="checkin").count() == 2


def test_checkin_on_an_outdated_full_check_is_refused_and_stores_nothing(client, content):
    member = User.objects.create_user("sam@example.com", "a-calm-Strong-back-42")
    answers = triage_answers(content)
    stored = record_result(member, answers, evaluate(answers, content))
    # Stored before the option was renamed: the old answer no longer fits the question.
    stored.answers = {**answers, "leg_symptoms": "one-leg-before-the-rename"}
    stored.save(update_fields=["answers"])
    client.force_login(member)
    response = post(client, "/api/checkins", {"answers": checkin_answers(content)})
    assert response.status_code == 409
    assert response.json() == {"detail": "The questions changed: do the full triage again."}
    assert TriageResult.objects.filter(member=member, kind="checkin").count() == 0


def test_checkin_rejects_full_triage_questions(client, content):
    member = User.objects.create_user("sam@example.com", "a-calm-Strong-back-42")
    answers = triage_answers(content)
    record_result(member, answers, evaluate(answers, content))
    client.force_login(member)
    body = {"answers": {**checkin_answers(content), "pregnant": True}}
    response = post(client, "/api/checkins", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "pregnant"


def test_a_full_check_red_flag_sent_to_the_checkin_is_refused_with_its_checkin_name(
    client, content
):
    """Refused, not ignored: dropping the "yes" would let the check-in allow training."""
    member = User.objects.create_user("sam@example.com", "a-calm-Strong-back-42")
    answers = triage_answers(content)
    record_result(member, answers, evaluate(answers, content))
    client.force_login(member)
    response = post(client, "/api/checkins", {"answers": {"saddle_numbness": True}})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "saddle_numbness" and "checkin_nerve_signs" in error["msg"]
    assert TriageResult.objects.filter(member=member, kind="checkin").count() == 0
    # Its check-in name ends the check-in at once: stored, so 201 like every check-in.
    alarm = post(client, "/api/checkins", {"answers": {"checkin_nerve_signs": True}})
    assert alarm.status_code == 201 and alarm.json()["cut_short"] is True


# --- issue 8: the early end and check-ins that block until a full check ------------------


@pytest.mark.parametrize(
    "answers",
    [{"saddle_numbness": True}, {"bladder_bowel": True}, {"leg_weakness": "serious"}],
)
def test_one_emergency_answer_is_enough_for_a_verdict(client, answers):
    response = post(client, "/api/triage", {"answers": answers})
    assert response.status_code == 200
    body = response.json()
    assert body["level"] == "EMERGENCY" and body["cut_short"] is True
    assert body["actions"][0]["phone"] == "112" and body["may_train"] is False


def test_partial_answers_without_an_emergency_still_name_every_missing_question(client):
    response = post(client, "/api/triage", {"answers": {"leg_weakness": "one_leg"}})
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["detail"]}
    assert {"saddle_numbness", "pain_now"} <= fields and "leg_weakness" not in fields


def test_a_checkin_may_stop_at_a_nerve_sign_and_it_blocks_until_a_full_check(client, content):
    member = User.objects.create_user("sam@example.com", "a-calm-Strong-back-42")
    answers = triage_answers(content)
    record_result(member, answers, evaluate(answers, content))
    client.force_login(member)
    alarm = post(client, "/api/checkins", {"answers": {"checkin_nerve_signs": True}})
    assert alarm.status_code == 201
    assert alarm.json()["level"] == "EMERGENCY" and alarm.json()["cut_short"] is True
    # No check-in is taken until a full check: a calm one would say "may train".
    calm = post(client, "/api/checkins", {"answers": checkin_answers(content)})
    assert calm.status_code == 409 and "only a new full triage" in calm.json()["detail"]
    assert TriageResult.objects.filter(member=member, kind="checkin").count() == 1
    status = training_status(member)
    assert status.blocked and status.blocking.pk == alarm.json()["id"]


def test_a_checkin_after_questions_changed_is_a_409_saying_so(client, content):
    member = User.objects.create_user("sam@example.com", "a-calm-Strong-back-42")
    answers = triage_answers(content)
    record_result(member, answers, evaluate(answers, content))
    TriageResult.objects.update(questions_version="")
    client.force_login(member)
    response = post(client, "/api/checkins", {"answers": checkin_answers(content)})
    assert response.status_code == 409 and "questions changed" in response.json()["detail"]
