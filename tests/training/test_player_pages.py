"""The player's pages: the check-in gate, the session page's JSON, the offline list."""

import json
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rugcoach.accounts.models import User
from rugcoach.training import services
from tests.clock import days_ago
from tests.training.helpers import (
    check_in,
    checks_made_yesterday,
    plan_starting_today,
    short_session,
)

pytestmark = pytest.mark.django_db


def session_data(response) -> dict:
    match = re.search(
        r'<script id="session-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the player page embeds the session as JSON"
    return json.loads(match.group(1))


@pytest.fixture
def ready(member_with_plan, client):
    """Sanne: a plan with a session today, her full check yesterday, logged in."""
    today = plan_starting_today(member_with_plan)
    checks_made_yesterday(member_with_plan)
    client.force_login(member_with_plan)
    return member_with_plan, today


def test_the_check_in_comes_first(ready, client):
    member, today = ready
    for url in (reverse("training:today"), reverse("training:session", args=[today.pk])):
        page = client.get(url)
        assert page.status_code == 200
        assert reverse("triage:checkin") in page.content.decode()
        assert 'id="session-data"' not in page.content.decode()
    check_in(member)
    assert client.get(reverse("training:today")).url == reverse("training:session", args=[today.pk])


def test_a_red_flag_at_the_check_in_stops_there_with_its_advice(ready, client):
    member, today = ready
    check_in(member, checkin_nerve_signs=True)
    page = client.get(reverse("training:session", args=[today.pk])).content.decode()
    assert "Vandaag niet trainen" in page
    assert 'href="tel:112"' in page
    assert 'id="session-data"' not in page


def test_a_check_in_that_asks_for_less_than_the_plan_does_not_play_the_plan(ready, client):
    """Pain 6 at the check-in: rest, then rebuild. The plan was made for training, so the
    player does not start its session; the today page gives the check-in's lighter list."""
    member, today = ready
    check_in(member, pain_now=6)
    for url in (reverse("training:today"), reverse("training:session", args=[today.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("plans:today")
    page = client.get(reverse("plans:today")).content.decode()
    assert "rustiger aan te doen dan je plan" in page


def test_every_session_needs_its_own_check_in(ready, client):
    member, today = ready
    check_in(member)
    assert (
        'id="session-data"'
        in client.get(reverse("training:session", args=[today.pk])).content.decode()
    )
    services.record_session(
        member,
        services.SessionReport(
            client_key=uuid.uuid4(),
            started_at=timezone.now(),
            completed=True,
            plan_session=today.pk,
        ),
    )
    page = client.get(reverse("training:session", args=[today.pk])).content.decode()
    assert 'id="session-data"' not in page and reverse("triage:checkin") in page


def test_the_player_page_holds_the_whole_session_in_the_page_language(ready, client, catalog):
    member, today = ready
    check_in(member)
    data = session_data(client.get(reverse("training:session", args=[today.pk])))
    slugs = list(today.items.order_by("order").values_list("slug", flat=True))
    assert [item["slug"] for item in data["items"]] == slugs
    first = data["items"][0]
    exercise = catalog.exercises[first["slug"]]
    assert first["name"] == exercise.name.nl
    assert first["steps"] == list(exercise.steps.nl)
    assert first["figure"]["url"].startswith(f"/figures/{first['slug']}/animated.nl.svg?v=")
    assert data["labels"]["left_side"] == "Nu de linkerkant"
    assert data["urls"]["api"] == "/api/sessions"

    member.preferred_language = "en"  # else she is sent to her own (Dutch) page
    member.save(update_fields=["preferred_language"])
    with translation.override("en"):
        url = reverse("training:session", args=[today.pk])
    assert url.startswith("/en/training/")
    english = session_data(client.get(url))
    assert english["items"][0]["name"] == exercise.name.en
    assert english["labels"]["left_side"] == "Now the left side"
    assert "/animated.en.svg" in english["items"][0]["figure"]["url"]


def test_the_prescription_carries_what_the_timers_need(ready, client):
    member, today = ready
    short_session(today)
    check_in(member)
    data = session_data(client.get(reverse("training:session", args=[today.pk])))
    plank, breathing, bridge = (item["prescription"] for item in data["items"])
    assert (plank["hold"], plank["per_side"], plank["rest"], plank["sets"]) == (5, True, 10, 2)
    assert breathing["breathing"] == {"inhale": 4, "exhale": 6, "hold": 0}
    # Repetitions keep the library's tempo (glute bridge: 2 s up, 2 s hold, 3 s down).
    assert bridge["tempo"] == {"move": 2, "pause": 2, "back": 3}
    assert bridge["breathing"] is None


def test_another_members_session_is_a_404(ready, client):
    _member, today = ready
    other = User.objects.create_user("ruud@example.com", "another-Strong-back-1")
    client.force_login(other)
    assert client.get(reverse("training:session", args=[today.pk])).status_code == 404


def test_offline_urls_list_today_and_the_next_sessions_with_their_figures(ready, client):
    member, today = ready
    assert client.get(reverse("training:offline_urls")).json()["pages"] == [], (
        "nothing to keep before today's check-in"
    )
    check_in(member)
    answer = client.get(reverse("training:offline_urls")).json()
    pages = answer["pages"]
    assert pages[0] == reverse("training:session", args=[today.pk])
    assert len(pages) == 3
    for slug in today.items.values_list("slug", flat=True):
        assert any(f"/figures/{slug}/animated.nl.svg?v=" in url for url in answer["figures"])
    assert "/static/training/player.js" in answer["static"]
    client.logout()
    assert client.get(reverse("training:offline_urls")).status_code == 401


def test_the_plan_page_the_check_in_result_and_home_start_the_player(ready, client):
    """Start buttons: the plan page for today's session and every session to come (by its
    key), the check-in's result page and the home page for today's."""
    member, today = ready
    by_key = reverse("training:by_key", args=[today.key])
    plan_page = client.get(reverse("plans:plan")).content.decode()
    assert plan_page.count(by_key) == 2, "today's box and today's day on the plan"
    assert client.get(by_key).url == reverse("training:session", args=[today.pk])
    assert reverse("training:today") in client.get(reverse("home")).content.decode()
    check_in(member)
    today_page = client.get(reverse("plans:today")).content.decode()
    assert reverse("training:today") in today_page


def test_a_session_key_of_another_members_plan_is_a_404(ready, client):
    _member, today = ready
    other = User.objects.create_user("other@example.com", "a-calm-Strong-back-42")
    client.force_login(other)
    assert client.get(reverse("training:by_key", args=[today.key])).status_code == 404


@pytest.mark.parametrize(
    "answers", [{"pain_now": 6}, {"checkin_nerve_signs": True}], ids=["lighter", "red-flag"]
)
def test_a_later_check_in_that_says_no_empties_the_offline_list(ready, client, answers):
    """A good check-in in the morning keeps sessions on the phone; a check-in later that
    blocks or asks for less empties the list, so the worker drops the kept copies."""
    member, _today = ready
    check_in(member)
    assert client.get(reverse("training:offline_urls")).json()["pages"]
    check_in(member, **answers)
    assert client.get(reverse("training:offline_urls")).json()["pages"] == []


def test_a_session_sent_late_does_not_use_up_todays_check_in(ready, client):
    """Yesterday's session, finished offline, reaches the server after today's check-in:
    it started before the check, so the check-in still opens today's session."""
    member, today = ready
    check_in(member)
    services.record_session(
        member,
        services.SessionReport(
            client_key=uuid.uuid4(),
            started_at=days_ago(1),
            completed=True,
        ),
    )
    page = client.get(reverse("training:session", args=[today.pk])).content.decode()
    assert 'id="session-data"' in page
