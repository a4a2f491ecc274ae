"""Issue 13 §1: the follow-up question a member answers after a session — its page, the
cards on the home and plan pages, the API, the calendar feed and the e-mail setting."""

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from rugcoach.accounts.models import User
from rugcoach.plans.models import CalendarFeed
from rugcoach.training.models import Adaptation, FollowUp, TrainingSession
from tests.plans.test_plan_pages import PLAN_PAGE_QUERIES
from tests.training.helpers import check_in, checks_made_yesterday, plan_starting_today, train

pytestmark = pytest.mark.django_db
PASSWORD = "a-calm-Strong-back-42"


def page(pk: int) -> str:
    return f"/training/vraag/{pk}/"


def make_due(followup: FollowUp) -> FollowUp:
    """The next morning has come: the question is open."""
    FollowUp.objects.filter(pk=followup.pk).update(due_at=timezone.now() - timedelta(minutes=5))
    followup.refresh_from_db()
    return followup


@pytest.fixture
def trained(member_with_plan):
    """A member who trained today; the next-morning question is due (moved to now)."""
    first = plan_starting_today(member_with_plan)
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan, pain_now=3)
    session = train(member_with_plan, first, {})
    return member_with_plan, make_due(FollowUp.objects.get(session=session))


def radios(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]+)"', html)


# --- the page -----------------------------------------------------------------------------


def test_the_page_asks_feeling_pain_on_the_scale_and_optional_stiffness(client, trained):
    member, followup = trained
    client.force_login(member)
    html = client.get(page(followup.pk)).content.decode()
    assert "Hoe is je rug vergeleken met voor de training?" in html
    assert radios(html, "feeling") == ["better", "same", "worse"]
    assert radios(html, "pain") == [str(n) for n in range(11)]
    assert radios(html, "stiffness") == [str(n) for n in range(11)]
    assert 'class="pain-scale"' in html and "geen pijn" in html
    assert f'action="{page(followup.pk)}"' in html


def test_answering_thanks_and_says_what_it_means_for_the_next_session(client, trained):
    member, followup = trained
    client.force_login(member)
    response = client.post(page(followup.pk), {"feeling": "worse", "pain": "5"})
    assert response.status_code == 302 and response["Location"] == page(followup.pk)
    followup.refresh_from_db()
    assert (followup.feeling, followup.pain, followup.stiffness) == ("worse", 5, None)
    html = client.get(page(followup.pk)).content.decode()
    assert "Dank je voor je antwoord" in html
    assert "Slechter" in html and "5 / 10" in html
    state = Adaptation.objects.filter(member=member).first()
    assert state is not None and state.trigger == "followup"
    for reason in state.reasons:
        assert reason["nl"] in html  # what the engine decided, in the page's language
    assert 'href="/plan/"' in html
    assert 'name="feeling"' not in html, "answered: no form any more"


def test_the_english_page_is_under_its_english_address(client, trained):
    member, followup = trained
    User.objects.filter(pk=member.pk).update(preferred_language="en")
    client.force_login(member)
    response = client.get(f"/en/training/question/{followup.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "How is your back compared with before the session?" in html
    client.post(f"/en/training/question/{followup.pk}/", {"feeling": "worse", "pain": "5"})
    html = client.get(f"/en/training/question/{followup.pk}/").content.decode()
    state = Adaptation.objects.filter(member=member).first()
    assert all(reason["en"] in html for reason in state.reasons)
    assert "Thank you for your answer" in html


def test_bad_input_says_what_to_fix_and_keeps_what_was_chosen(client, trained):
    member, followup = trained
    client.force_login(member)
    response = client.post(page(followup.pk), {"feeling": "worse", "stiffness": "12"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een getal van 0 tot 10." in html  # the pain is missing
    assert "Kies een getal van 0 tot 10, of laat het open." in html  # stiffness out of range
    assert re.search(r'value="worse"[^>]*checked', html), "the feeling chosen is kept"
    followup.refresh_from_db()
    assert followup.answered_at is None


def test_an_answered_question_shows_the_answer_and_no_form(client, trained):
    member, followup = trained
    client.force_login(member)
    client.post(page(followup.pk), {"feeling": "better", "pain": "1", "stiffness": "2"})
    again = client.post(page(followup.pk), {"feeling": "worse", "pain": "9"})
    assert again.status_code == 200
    html = again.content.decode()
    assert "Beter" in html and "2 / 10" in html and 'name="pain"' not in html
    followup.refresh_from_db()
    assert (followup.feeling, followup.pain) == ("better", 1), "the first answer stands"


def test_a_question_not_due_yet_has_no_form(client, trained):
    member, followup = trained
    FollowUp.objects.filter(pk=followup.pk).update(due_at=timezone.now() + timedelta(hours=3))
    client.force_login(member)
    html = client.get(page(followup.pk)).content.decode()
    assert "Deze vraag stellen we vanaf" in html and 'name="feeling"' not in html
    assert client.post(page(followup.pk), {"feeling": "same", "pain": "2"}).status_code == 200
    followup.refresh_from_db()
    assert followup.answered_at is None


def test_another_members_question_is_a_404(client, trained):
    _member, followup = trained
    other = User.objects.create_user("other@example.com", PASSWORD)
    client.force_login(other)
    assert client.get(page(followup.pk)).status_code == 404
    assert client.post(page(followup.pk), {"feeling": "same", "pain": "2"}).status_code == 404
    assert client.get(page(followup.pk + 1000)).status_code == 404
    followup.refresh_from_db()
    assert followup.answered_at is None


# --- the cards on the home page and the plan page ------------------------------------------


@pytest.mark.parametrize("path", ["/", "/plan/"])
def test_the_card_asks_the_open_question_inline(client, trained, path):
    member, followup = trained
    client.force_login(member)
    html = client.get(path).content.decode()
    assert "Een vraag over je training van" in html
    assert f'action="{page(followup.pk)}"' in html
    assert radios(html, "feeling") == ["better", "same", "worse"]
    # The form works from the card without JavaScript: it posts to the question's page.
    client.post(page(followup.pk), {"feeling": "same", "pain": "2"})
    assert "Een vraag over je training van" not in client.get(path).content.decode()


@pytest.mark.parametrize("path", ["/", "/plan/"])
def test_no_card_before_the_morning(client, trained, path):
    member, followup = trained
    FollowUp.objects.filter(pk=followup.pk).update(due_at=timezone.now() + timedelta(hours=3))
    client.force_login(member)
    assert "Een vraag over je training van" not in client.get(path).content.decode()


def second_open_question(member: User) -> FollowUp:
    session = TrainingSession.objects.get(member=member)
    return FollowUp.objects.create(
        session=session, kind="later", due_at=timezone.now() - timedelta(minutes=1)
    )


# Home: the session, the user, the open follow-ups with their session (one query), and
# (issue 15) the trainer's notes to the member.
HOME_QUERIES = 4
# The plan page's count (one home: tests/plans/test_plan_pages.py) includes the one query
# for the open follow-ups with their session.


@pytest.mark.parametrize(("path", "queries"), [("/", HOME_QUERIES), ("/plan/", PLAN_PAGE_QUERIES)])
def test_a_second_open_question_adds_no_query_and_shows_only_the_newest(
    client, trained, path, queries, django_assert_num_queries
):
    member, _followup = trained
    client.force_login(member)
    with django_assert_num_queries(queries):
        first = client.get(path).content.decode()
    second_open_question(member)
    with django_assert_num_queries(queries):
        both = client.get(path).content.decode()
    assert first.count("Een vraag over je training van") == 1
    # One card, the newest question: a daily trainer who skips mornings gets no stack.
    newest = FollowUp.objects.filter(session__member=member).order_by("-due_at").first()
    assert both.count("Een vraag over je training van") == 1
    assert f'action="{page(newest.pk)}"' in both
    assert f'action="{page(_followup.pk)}"' not in both


# --- the API -------------------------------------------------------------------------------


def post(client, key, body):
    return client.post(
        f"/api/sessions/{key}/followup", json.dumps(body), content_type="application/json"
    )


def test_the_api_answers_the_open_question(client, trained):
    member, followup = trained
    client.force_login(member)
    key = client.get("/api/sessions").json()[0]["client_key"]
    response = post(client, key, {"feeling": "worse", "pain": 4, "stiffness": 3})
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["feeling"], body["pain"], body["stiffness"]) == (
        "next_morning",
        "worse",
        4,
        3,
    )
    assert body["answered_at"] is not None and body["id"] == followup.pk
    assert post(client, key, {"feeling": "same", "pain": 1}).status_code == 409
    assert post(client, key, {"kind": "next_morning", "feeling": "same", "pain": 1}).json() == {
        "detail": "This follow-up was answered already."
    }


def test_the_api_refuses_what_it_cannot_answer(client, trained):
    member, followup = trained
    client.force_login(member)
    key = str(TrainingSession.objects.get(member=member).client_key)
    wrong = post(client, key, {"feeling": "meh", "pain": 4})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "feeling"
    wrong = post(client, key, {"feeling": "same", "pain": 11})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "pain"
    wrong = post(client, key, {"feeling": "same"})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "pain"
    unknown = "00000000-0000-4000-8000-000000000000"
    assert post(client, unknown, {"feeling": "same", "pain": 1}).status_code == 404
    # No 48-hour question was asked (the morning was not worse): nothing open of that kind.
    later = post(client, key, {"kind": "later", "feeling": "same", "pain": 1})
    assert later.status_code == 409
    assert later.json() == {"detail": "No follow-up of this session is open now."}
    other = User.objects.create_user("other@example.com", PASSWORD)
    client.force_login(other)
    assert post(client, key, {"feeling": "same", "pain": 1}).status_code == 404
    followup.refresh_from_db()
    assert followup.answered_at is None


def test_the_api_does_not_answer_before_the_morning(client, trained):
    member, followup = trained
    FollowUp.objects.filter(pk=followup.pk).update(due_at=timezone.now() + timedelta(hours=3))
    client.force_login(member)
    key = str(TrainingSession.objects.get(member=member).client_key)
    assert post(client, key, {"feeling": "same", "pain": 1}).status_code == 409


# --- the calendar feed --------------------------------------------------------------------


def test_the_next_event_in_the_feed_carries_the_open_question(client, trained):
    member, followup = trained
    client.force_login(member)
    client.post("/plan/agenda/", {"action": "save-sessions", "session_time": "07:30"})
    feed = CalendarFeed.objects.get(kind="sessions", revoked_at=None)

    def descriptions() -> list[tuple[object, str]]:
        found = Calendar.from_ical(client.get(f"/agenda/{feed.token}.ics").content)
        events = sorted(found.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
        return [(e.decoded("dtstart").date(), str(e.get("description"))) for e in events]

    today = timezone.localdate()
    events = descriptions()
    upcoming = [(day, text) for day, text in events if day >= today]
    link = f"http://testserver{page(followup.pk)}"
    assert "Hoe is je rug vergeleken met voor de training van" in upcoming[0][1]
    assert link in upcoming[0][1]
    assert all(link not in text for _day, text in events if (_day, text) != upcoming[0])

    client.post(page(followup.pk), {"feeling": "same", "pain": "2"})
    assert all(link not in text for _day, text in descriptions())


# --- the account page -----------------------------------------------------------------------


def test_the_account_page_turns_the_follow_up_email_on_and_off(client, member):
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert "E-mail me de vraag na de training" in html
    assert (
        'name="followup_emails"' in html and "checked" not in html.split("followup_emails")[1][:80]
    )
    response = client.post("/account/", {"preferred_language": "nl", "followup_emails": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.followup_emails is True
    html = client.get("/account/").content.decode()
    assert re.search(r'name="followup_emails"[^>]*checked', html)
    client.post("/account/", {"preferred_language": "nl"})  # the box left unticked
    member.refresh_from_db()
    assert member.followup_emails is False


# The session, the user, the follow-up with its session; answered: + the current plan's
# latest Adaptation, in one query (what the answer means for the next session).
FOLLOWUP_PAGE_QUERIES = {"open": 3, "answered": 4}


def test_the_page_costs_the_same_with_more_sessions_and_questions(
    client, trained, django_assert_num_queries
):
    member, followup = trained
    client.force_login(member)
    with django_assert_num_queries(FOLLOWUP_PAGE_QUERIES["open"]):
        assert client.get(page(followup.pk)).status_code == 200
    client.post(page(followup.pk), {"feeling": "worse", "pain": "5"})
    with django_assert_num_queries(FOLLOWUP_PAGE_QUERIES["answered"]):
        assert client.get(page(followup.pk)).status_code == 200
    session = TrainingSession.objects.get(member=member)
    for days in range(1, 5):  # four more sessions, each with its answered question
        copy = TrainingSession.objects.create(
            member=member,
            client_key=uuid.uuid4(),
            session_key=session.session_key,
            started_at=session.started_at - timedelta(days=days),
            completed=True,
        )
        FollowUp.objects.create(
            session=copy,
            kind="next_morning",
            due_at=copy.started_at + timedelta(hours=14),
            answered_at=copy.started_at + timedelta(hours=15),
            feeling="same",
            pain=2,
        )
    assert FollowUp.objects.filter(session__member=member).count() == 6
    with django_assert_num_queries(FOLLOWUP_PAGE_QUERIES["answered"]):
        assert client.get(page(followup.pk)).status_code == 200
    later = FollowUp.objects.get(session=session, kind="later")
    make_due(later)
    with django_assert_num_queries(FOLLOWUP_PAGE_QUERIES["open"]):
        assert client.get(page(later.pk)).status_code == 200
