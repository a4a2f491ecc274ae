"""POST /api/sessions stores a session once per key; GET lists the member's own."""

import json
import uuid

import pytest

from rugcoach.accounts.models import User
from rugcoach.training.models import ExerciseResult, TrainingSession
from tests.training.helpers import plan_starting_today

pytestmark = pytest.mark.django_db


def body(plan_session: int | None = None, **changes: object) -> dict:
    return {
        "client_key": str(uuid.uuid4()),
        "plan_session": plan_session,
        "started_at": "2026-11-30T18:00:00+01:00",
        "finished_at": "2026-11-30T18:14:00+01:00",
        "completed": True,
        "pain_after": 2,
        "effort": 6,
        "language": "nl",
        "results": [
            {"slug": "glute-bridge", "item_key": "w1-mon.0", "sets_done": 2, "outcome": "right"},
            {
                "slug": "bird-dog",
                "item_key": "w1-mon.1",
                "sets_done": 1,
                "outcome": "hurt",
                "hurt_where": ["lower_back", "leg"],
                "pain": 4,
            },
            {"slug": "cat-cow", "item_key": "w1-mon.2", "sets_done": 0, "outcome": None},
        ],
        **changes,
    }


def post(client, data: dict, **headers: str):
    return client.post(
        "/api/sessions", json.dumps(data), content_type="application/json", headers=headers
    )


@pytest.fixture
def sanne(member_with_plan, client):
    client.force_login(member_with_plan)
    return member_with_plan


def test_a_session_is_stored_once_however_often_it_arrives(sanne, client):
    today = plan_starting_today(sanne)
    sent = body(today.pk)
    first = post(client, sent, **{"Idempotency-Key": sent["client_key"]})
    assert first.status_code == 201
    again = post(client, {**sent, "pain_after": 9}, **{"Idempotency-Key": sent["client_key"]})
    assert again.status_code == 200
    assert again.json() == first.json(), "the replay gets the stored session, unchanged"
    assert first.json()["pain_after"] == 2 and first.json()["session_key"] == today.key
    assert TrainingSession.objects.filter(member=sanne).count() == 1
    hurt = ExerciseResult.objects.get(slug="bird-dog")
    assert (hurt.outcome, hurt.hurt_where, hurt.pain) == ("hurt", ["lower_back", "leg"], 4)
    assert ExerciseResult.objects.get(slug="cat-cow").outcome == ""


def test_a_partly_finished_session_is_stored(sanne, client):
    sent = body(completed=False, finished_at=None, pain_after=None, effort=None, results=[])
    answer = post(client, sent)
    assert answer.status_code == 201 and answer.json()["completed"] is False


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pain_after": 11}, "pain_after"),
        ({"started_at": 0}, "started_at"),
        ({"started_at": "2026-11-30T18:00:00"}, "started_at"),  # no time zone
        ({"plan_session": 2**40}, "plan_session"),
        ({"effort": "7"}, "effort"),
        ({"completed": "yes"}, "completed"),
        ({"client_key": "not-a-uuid"}, "client_key"),
        ({"finished_at": "2026-11-30T17:00:00+01:00"}, "finished_at"),
        ({"results": [{"slug": "bird-dog", "outcome": "hurt", "hurt_where": ["leg"]}]}, "pain"),
        ({"results": [{"slug": "bird-dog", "outcome": "hurt", "pain": 3}]}, "hurt_where"),
        ({"results": [{"slug": "bird-dog", "outcome": "right", "pain": 3}]}, "pain"),
        ({"results": [{"slug": "bird-dog", "outcome": "meh"}]}, "outcome"),
        (
            {"results": [{"slug": "x", "outcome": "hurt", "hurt_where": ["neck"], "pain": 1}]},
            "hurt_where",
        ),
    ],
)
def test_bad_input_is_a_422_naming_the_field(sanne, client, change, field):
    answer = post(client, body(**change))
    assert answer.status_code == 422
    assert field in [error["field"] for error in answer.json()["detail"]]
    assert not TrainingSession.objects.exists()


def test_the_key_header_must_match_the_body(sanne, client):
    sent = body()
    answer = post(client, sent, **{"Idempotency-Key": str(uuid.uuid4())})
    assert answer.status_code == 422 and answer.json()["detail"][0]["field"] == "client_key"


def test_another_members_plan_session_is_refused(sanne, client):
    today = plan_starting_today(sanne)
    ruud = User.objects.create_user("ruud@example.com", "another-Strong-back-1")
    client.force_login(ruud)
    answer = post(client, body(today.pk))
    assert answer.status_code == 422 and answer.json()["detail"][0]["field"] == "plan_session"
    assert not TrainingSession.objects.exists()


def test_the_same_key_from_two_members_is_two_sessions(sanne, client):
    sent = body()
    assert post(client, sent).status_code == 201
    ruud = User.objects.create_user("ruud@example.com", "another-Strong-back-1")
    client.force_login(ruud)
    assert post(client, sent).status_code == 201
    assert TrainingSession.objects.count() == 2


def test_get_lists_only_the_members_own_sessions(sanne, client):
    post(client, body(pain_after=3))
    ruud = User.objects.create_user("ruud@example.com", "another-Strong-back-1")
    client.force_login(ruud)
    post(client, body(pain_after=8))
    mine = client.get("/api/sessions").json()
    assert [s["pain_after"] for s in mine] == [8]
    client.logout()
    assert client.get("/api/sessions").status_code == 401
    assert post(client, body()).status_code == 401


def test_the_stored_answers_are_the_progression_engines_answers():
    """The model's choices carry the words; the engine's Literal is the list. They must not
    drift apart, or an answer the player stores would be one the engine cannot read."""
    from typing import get_args

    from rugcoach.core.progression.models import Outcome as EngineOutcome
    from rugcoach.training.models import Outcome

    assert tuple(Outcome.values) == get_args(EngineOutcome)
