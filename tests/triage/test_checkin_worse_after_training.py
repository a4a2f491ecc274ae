"""Issue 13 §1: the check-in asks "clearly worse 24–48 hours after your last session?".

The answer feeds the progression engine (R2); it never blocks on its own. Adding the
question must not send members back to the full check: the questions' fingerprint now
covers only what a full check stores, and migration 0003 carries the stored value over.
"""

import json

import pytest

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.triage.engine import evaluate
from rugcoach.triage import selectors
from rugcoach.triage.models import TriageResult
from rugcoach.triage.services import record_result
from tests.clock import days_ago
from tests.plan_helpers import triage_answers
from tests.triage.wizard_walker import form_value
from tests.triage_answers import benign

PASSWORD = "a-calm-Strong-back-42"
CHECKIN = "/mag-ik-trainen/check-in/"
QUESTION = "checkin_worse_after_training"


@pytest.fixture
def member(db):
    member = User.objects.create_user("noor@example.com", PASSWORD)
    answers = triage_answers()
    record_result(member, answers, evaluate(answers, get_catalog().triage))
    return member


def page_answers(**changes: object) -> dict[str, str]:
    content = get_catalog().triage
    data = {
        qid: form_value(content.questions[qid], changes.get(qid, benign(content.questions[qid])))
        for qid in content.checkin_order
    }
    data.pop("checkin_pregnancy_signs")  # asked only of a pregnant member
    return data


def test_the_checkin_page_asks_it_last_with_its_help(client, member):
    client.force_login(member)
    html = client.get(CHECKIN).content.decode()
    assert "Was je rug 24–48 uur na je vorige training duidelijk slechter?" in html
    assert "Heb je nog niet getraind? Antwoord dan nee." in html
    names = [qid for qid in get_catalog().triage.checkin_order if f'name="{qid}"' in html]
    assert names[-1] == QUESTION
    User.objects.filter(pk=member.pk).update(preferred_language="en")
    english = client.get("/en/may-i-train/check-in/")
    assert english.status_code == 200, english
    english = english.content.decode()
    assert "Was your back clearly worse 24–48 hours after your last session?" in english


def test_yes_on_the_page_still_lets_a_calm_member_train(client, member):
    client.force_login(member)
    response = client.post(CHECKIN, page_answers(**{QUESTION: True}), follow=True)
    assert response.status_code == 200
    stored = TriageResult.objects.get(member=member, kind="checkin")
    assert stored.may_train and stored.level == "TRAIN"
    # Stored as a JSON boolean, like every yes/no answer (never the string "yes").
    assert stored.answers[QUESTION] is True
    assert selectors.training_status(member).may_train
    calm = TriageResult.objects.filter(pk=stored.pk).values_list("verdict", flat=True)[0]
    no = client.post(CHECKIN, page_answers(**{QUESTION: False}))
    assert no.status_code == 302
    again = TriageResult.objects.filter(member=member, kind="checkin").first()
    assert again.answers[QUESTION] is False
    assert again.verdict["reasons"] == calm["reasons"]  # the same verdict either way


def test_leaving_it_out_on_the_page_names_it(client, member):
    client.force_login(member)
    data = page_answers()
    del data[QUESTION]
    response = client.post(CHECKIN, data)
    assert response.status_code == 400
    assert TriageResult.objects.filter(member=member, kind="checkin").count() == 0
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and f'name="{QUESTION}"' in html


def test_the_api_takes_it_as_a_boolean_and_never_blocks_on_it(client, member):
    client.force_login(member)
    content = get_catalog().triage
    answers = {qid: benign(content.questions[qid]) for qid in content.checkin_order}
    answers.pop("checkin_pregnancy_signs")
    post = lambda body: client.post(  # noqa: E731
        "/api/checkins", json.dumps(body), content_type="application/json"
    )
    wrong = post({"answers": {**answers, QUESTION: "yes"}})
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["field"] == QUESTION
    made = post({"answers": {**answers, QUESTION: True}})
    assert made.status_code == 201
    assert made.json()["may_train"] is True and made.json()["level"] == "TRAIN"
    assert TriageResult.objects.get(member=member, kind="checkin").answers[QUESTION] is True


def test_the_full_check_keeps_its_own_question_that_does_block(member):
    """The full check's worse_after_training (training before RugCoach, rule
    A-WORSE-AFTER-TRAINING) is another question; the check-in's never fires a rule."""
    content = get_catalog().triage
    asked = {m.question for r in content.rules for c in r.when for m in c.matches()}
    assert "worse_after_training" in asked and QUESTION not in asked
    assert content.questions["worse_after_training"].triage
    assert not content.questions[QUESTION].triage and not content.questions[QUESTION].red_flag


def test_yes_at_the_next_check_in_holds_the_dose_with_r2(member_with_plan):
    """The wiring to the engine: the check-in's answer, read from the stored check-in,
    returns the plan to the last tolerated dose (R2), and the verdict still says train."""
    from rugcoach.training.models import Adaptation, TrainingSession
    from tests.training.helpers import check_in, checks_made_yesterday, plan_starting_today, train

    first = plan_starting_today(member_with_plan)
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan, pain_now=2)
    train(member_with_plan, first, {})
    yesterday = days_ago(1)
    TrainingSession.objects.update(started_at=yesterday, finished_at=yesterday)
    TriageResult.objects.filter(member=member_with_plan).update(created_at=yesterday)

    calm = check_in(member_with_plan, **{QUESTION: False})
    before = Adaptation.objects.filter(member=member_with_plan).first()
    assert "R2" not in [r["rule"] for r in before.reasons]
    worse = check_in(member_with_plan, **{QUESTION: True})

    assert worse.may_train and worse.verdict["reasons"] == calm.verdict["reasons"]
    state = Adaptation.objects.filter(member=member_with_plan).first()
    assert state.trigger == "checkin"
    assert "R2" in [r["rule"] for r in state.reasons]
