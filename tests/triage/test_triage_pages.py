"""'Mag ik trainen?' as a visitor and a member: the wizard, the verdicts, the check-in."""

import pytest
from django.utils.html import escape

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.triage.models import TriageResult
from tests.triage.wizard_walker import form_value, urgent_no, walk
from tests.triage_answers import benign

pytestmark = pytest.mark.django_db
PASSWORD = "a-calm-Strong-back-42"


@pytest.fixture
def content():
    return get_catalog().triage


@pytest.fixture
def member():
    return User.objects.create_user("sanne@example.com", PASSWORD)


def test_visitor_without_warning_signs_may_train_and_nothing_is_stored(client, content):
    page = walk(client, content, {"pain_after_sitting": True})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Waarom" in html
    assert escape("Je hebt vooral een zeurende pijn na lang zitten.") in html
    assert "(A-SITTING)" not in html and "A-SITTING" not in html  # rule ids: API and docs only
    assert 'class="exercise-card"' in html
    assert "Deze uitslag is niet bewaard" in html
    assert TriageResult.objects.count() == 0


def test_saddle_numbness_leads_with_calling_112_and_offers_no_exercises(client, content):
    html = walk(client, content, {"saddle_numbness": True}).content.decode()
    assert 'href="tel:112"' in html
    assert html.index('href="tel:112"') < html.index("Waarom")
    assert "(R1)" not in html
    assert 'class="exercise-card"' not in html
    assert "Train voorlopig niet met deze app." in html


def test_fever_sends_to_the_gp_today(client, content):
    html = walk(client, content, {"fever": True}).content.decode()
    verdict = content.verdicts["GP_TODAY"]
    assert escape(verdict.title.nl) in html
    assert 'class="exercise-card"' not in html


def test_acute_lumbago_offers_only_gentle_exercises(client, content):
    html = walk(client, content, {"onset": "sudden"}).content.decode()
    assert "REST_THEN_REBUILD" not in html  # the member reads words, not identifiers
    assert escape(content.verdicts["REST_THEN_REBUILD"].title.nl) in html


def test_member_result_is_stored_with_answers_and_shown_in_history(client, content, member):
    client.force_login(member)
    page = walk(client, content, {"fever": True})
    result = TriageResult.objects.get()
    assert result.member == member
    assert result.level == "GP_TODAY"
    assert result.answers["fever"] is True
    assert result.may_train is False
    assert "Bewaard in je geschiedenis" in page.content.decode()
    assert client.cookies["rugcoach_triage"].value == "", "answers left in the browser"
    shown = client.get(f"/mag-ik-trainen/uitslag/{result.pk}/").content.decode()
    assert "Je antwoorden" in shown
    assert escape(content.questions["fever"].text.nl) in shown
    history = client.get("/mag-ik-trainen/geschiedenis/").content.decode()
    assert f"/mag-ik-trainen/uitslag/{result.pk}/" in history


def test_a_member_cannot_open_another_members_result(client, content, member):
    other = User.objects.create_user("other@example.com", PASSWORD)
    client.force_login(other)
    walk(client, content, {})
    result = TriageResult.objects.get()
    client.force_login(member)
    assert client.get(f"/mag-ik-trainen/uitslag/{result.pk}/").status_code == 404


def test_unanswered_questions_are_named_and_earlier_answers_kept(client, content):
    first = client.post("/mag-ik-trainen/stap/1/", {"saddle_numbness": "no"})
    # Errors are shown on a GET page, so the browser history holds no form submission.
    assert first.status_code == 302
    assert first["Location"] == "/mag-ik-trainen/stap/1/"
    html = client.get(first["Location"]).content.decode()
    assert "Beantwoord eerst deze vragen" in html
    assert "Kies een antwoord." in html
    assert 'value="no" required id="id_saddle_numbness_1" checked' in html or (
        'id="id_saddle_numbness_1" checked' in html
    )


def test_skipping_ahead_goes_back_to_the_first_open_step(client):
    response = client.get("/mag-ik-trainen/stap/5/")
    assert response.status_code == 302
    assert response["Location"] == "/mag-ik-trainen/stap/1/"


def test_back_button_shows_the_given_answers(client, content):
    data = urgent_no(content)
    data["leg_symptoms"] = "one_leg"
    assert client.post("/mag-ik-trainen/stap/1/", data).status_code == 302
    html = client.get("/mag-ik-trainen/stap/1/").content.decode()
    assert 'value="one_leg"' in html
    assert 'id="id_leg_symptoms_1" checked' in html


def test_a_changed_answer_removes_follow_ups(client, content):
    """Pain into one leg asks leg details; changing to 'no' drops that step."""
    urgent = urgent_no(content)
    client.post("/mag-ik-trainen/stap/1/", {**urgent, "leg_symptoms": "one_leg"})
    with_leg = client.get("/mag-ik-trainen/stap/2/").content.decode()
    client.post("/mag-ik-trainen/stap/1/", {**urgent, "leg_symptoms": "none"})
    without_leg = client.get("/mag-ik-trainen/stap/2/").content.decode()
    assert "Stap 2 van" in with_leg and "Stap 2 van" in without_leg
    total = lambda html: int(html.split("Stap 2 van ")[1].split("<")[0])  # noqa: E731
    assert total(with_leg) == total(without_leg) + 1


def test_reset_forgets_a_visitors_answers(client, content):
    urgent = urgent_no(content)
    urgent["leg_symptoms"] = "none"
    client.post("/mag-ik-trainen/stap/1/", urgent)
    client.post("/mag-ik-trainen/opnieuw/")
    assert (
        "checked"
        not in client.get("/mag-ik-trainen/stap/1/")
        .content.decode()
        .split('name="saddle_numbness"')[1][:200]
    )


def test_english_wizard(client, content):
    page = walk(client, content, {"saddle_numbness": True}, prefix="/en")
    html = page.content.decode()
    assert escape(content.verdicts["EMERGENCY"].title.en) in html
    assert "Why" in html


def test_checkin_needs_a_full_check_first(client, member):
    client.force_login(member)
    response = client.get("/mag-ik-trainen/check-in/")
    assert response.status_code == 302
    assert response["Location"] == "/mag-ik-trainen/"


def checkin_data(content, **changes):
    data = {}
    for question_id in content.checkin_order:
        question = content.questions[question_id]
        data[question_id] = form_value(question, changes.get(question_id, benign(question)))
    return data


def test_checkin_allows_training_when_nothing_changed(client, content, member):
    client.force_login(member)
    walk(client, content, {})
    response = client.post("/mag-ik-trainen/check-in/", checkin_data(content))
    assert response.status_code == 302
    checkin = TriageResult.objects.filter(kind="checkin").get()
    assert checkin.may_train is True
    assert 'class="exercise-card"' in client.get(response["Location"]).content.decode()


def test_checkin_red_flag_blocks_the_session_and_says_why(client, content, member):
    client.force_login(member)
    walk(client, content, {})
    response = client.post(
        "/mag-ik-trainen/check-in/", checkin_data(content, checkin_nerve_signs=True)
    )
    checkin = TriageResult.objects.filter(kind="checkin").get()
    assert checkin.level == "EMERGENCY" and checkin.may_train is False
    html = client.get(response["Location"]).content.decode()
    assert 'href="tel:112"' in html
    assert "Train voorlopig niet met deze app." in html


def test_checkin_remembers_known_conditions(client, content, member):
    """A red flag from the full check still counts on a calm day."""
    client.force_login(member)
    walk(client, content, {"cancer_history": True})
    client.post("/mag-ik-trainen/check-in/", checkin_data(content))
    checkin = TriageResult.objects.filter(kind="checkin").get()
    assert checkin.may_train is False


def test_checkin_with_an_impossible_pain_score_says_what_to_fix(client, content, member):
    client.force_login(member)
    walk(client, content, {})
    response = client.post("/mag-ik-trainen/check-in/", checkin_data(content, pain_now=14))
    assert response.status_code == 400
    assert "Kies een getal van 0 tot 10." in response.content.decode()
    assert TriageResult.objects.filter(kind="checkin").count() == 0


def record_outdated_full_check(content, member) -> None:
    """A full check stored before an answer option was renamed: its answers no longer fit."""
    from rugcoach.core.triage.engine import evaluate
    from rugcoach.triage.services import record_result
    from tests.triage_answers import benign_answers

    answers = {k: v for k, v in benign_answers(content).items() if content.questions[k].triage}
    stored = record_result(member, answers, evaluate(answers, content))
    assert "one-leg-before-the-rename" not in {
        o.value for o in content.questions["leg_symptoms"].options
    }
    stored.answers = {**answers, "leg_symptoms": "one-leg-before-the-rename"}
    stored.save(update_fields=["answers"])


def test_checkin_on_an_outdated_full_check_asks_for_a_new_full_check(client, content, member):
    client.force_login(member)
    record_outdated_full_check(content, member)
    response = client.post("/mag-ik-trainen/check-in/", checkin_data(content), follow=True)
    assert response.redirect_chain[-1][0] == "/mag-ik-trainen/"
    assert "De vragen van de check zijn veranderd" in response.content.decode()
    assert TriageResult.objects.filter(member=member, kind="checkin").count() == 0


HISTORY_PAGE_QUERIES = 3


def test_history_page_cost_does_not_grow(client, content, member, django_assert_num_queries):
    """The same exact count with one check as with five, and all five are listed."""
    client.force_login(member)
    walk(client, content, {})
    with django_assert_num_queries(HISTORY_PAGE_QUERIES):
        one = client.get("/mag-ik-trainen/geschiedenis/").content.decode()
    for _ in range(4):
        walk(client, content, {})
    assert TriageResult.objects.filter(member=member).count() == 5
    with django_assert_num_queries(HISTORY_PAGE_QUERIES):
        five = client.get("/mag-ik-trainen/geschiedenis/").content.decode()
    row = '<li class="card">'
    assert (one.count(row), five.count(row)) == (1, 5)


def test_an_error_on_one_step_does_not_leak_into_another(client, content):
    urgent = urgent_no(content)
    urgent["leg_symptoms"] = "none"
    client.post("/mag-ik-trainen/stap/1/", urgent)
    client.post("/mag-ik-trainen/stap/2/", {})  # incomplete: errors kept for step 2
    page = client.get("/mag-ik-trainen/stap/1/").content.decode()
    assert "Beantwoord eerst deze vragen" not in page
    assert 'id="id_leg_symptoms_0" checked' in page
