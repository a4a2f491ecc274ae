"""GET /api/programs, GET /api/programs/{slug}, POST /api/programs/{slug}/sessions."""

import json
import uuid

import pytest

from rugcoach.programs.models import ProgramDay
from tests.clock import days_ago
from tests.programs.helpers import SLUG, day_report, ready_to_play

pytestmark = pytest.mark.django_db


def body_of(member, **changes: object) -> dict:
    report = day_report(member)
    data = {
        "client_key": str(report.client_key),
        "session_key": report.session_key,
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat() if report.finished_at else None,
        "completed": True,
        "pain_after": 2,
        "effort": 4,
        "language": "nl",
        "results": [
            {
                "slug": r.slug,
                "item_key": r.item_key,
                "version": r.version,
                "sets_done": r.sets_done,
                "outcome": r.outcome,
            }
            for r in report.results
        ],
    }
    return {**data, **changes}


def post(client, data: dict, slug: str = SLUG):
    return client.post(
        f"/api/programs/{slug}/sessions", json.dumps(data), content_type="application/json"
    )


def test_the_list_and_one_program(client, catalog):
    listed = client.get("/api/programs?lang=en").json()
    assert {p["slug"] for p in listed} == set(catalog.programs.programs)
    one = client.get(f"/api/programs/{SLUG}").json()
    assert one["name"] == catalog.programs.programs[SLUG].name.nl
    assert one["standing"] is None and one["days"][0]["key"] == "d01"
    assert client.get("/api/programs/nope").status_code == 404


def test_a_day_posted_twice_is_stored_once_and_shows_in_the_standing(member, client):
    ready_to_play(member)
    client.force_login(member)
    data = body_of(member)
    first = post(client, data)
    assert first.status_code == 201, first.content
    assert first.json()["session_key"] == f"{SLUG}/d01"
    assert post(client, data).status_code == 200
    assert ProgramDay.objects.count() == 1
    standing = client.get(f"/api/programs/{SLUG}").json()["standing"]
    assert standing["done"] == ["d01"] and standing["done_days"] == 1
    listed = {p["slug"]: p for p in client.get("/api/programs").json()}
    assert listed[SLUG]["standing"]["done_days"] == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"session_key": f"{SLUG}/d99"}, "session_key"),
        ({"session_key": "core-circuit/d01"}, "session_key"),
        ({"session_key": None}, "session_key"),
        ({"plan_session": 3}, "plan_session"),
        ({"client_key": "not-a-uuid"}, "client_key"),
        ({"pain_after": 11}, "pain_after"),
        ({"finished_at": "2020-01-01T00:00:00Z"}, "finished_at"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(member, client, change, field):
    ready_to_play(member)
    client.force_login(member)
    answer = post(client, body_of(member, **change))
    assert answer.status_code == 422, answer.content
    assert field in {error["field"] for error in answer.json()["detail"]}
    assert not ProgramDay.objects.exists()


def test_posting_needs_a_login_and_a_known_program(member, client):
    ready_to_play(member)
    data = body_of(member)
    assert post(client, data).status_code == 401
    client.force_login(member)
    assert post(client, {**data, "client_key": str(uuid.uuid4())}, slug="nope").status_code == 404


def test_a_session_without_a_check_in_is_a_409_naming_session_key_and_is_kept(member, client):
    from rugcoach.programs.models import Enrollment
    from rugcoach.training.models import TrainingSession
    from rugcoach.triage.models import TriageResult

    ready_to_play(member)
    data = body_of(member)
    # The check-in was yesterday's: none today before the session started.
    TriageResult.objects.filter(member=member, kind="checkin").update(created_at=days_ago(1))
    client.force_login(member)
    answer = post(client, data)
    assert answer.status_code == 409, answer.content
    [error] = answer.json()["detail"]
    assert error["field"] == "session_key" and error["msg"].startswith("checkin: ")
    assert TrainingSession.objects.filter(member=member).count() == 1
    assert not ProgramDay.objects.exists() and not Enrollment.objects.exists()
    again = post(client, data)
    assert again.status_code == 409
    assert again.json()["detail"][0]["msg"].startswith("not_counted: ")
    assert TrainingSession.objects.filter(member=member).count() == 1


def test_a_key_of_a_plan_session_is_a_422_naming_client_key(member_with_plan, client):
    from tests.training.helpers import plan_starting_today

    member = member_with_plan
    ready_to_play(member)
    session = plan_starting_today(member)
    client.force_login(member)
    plan_body = {**body_of(member), "plan_session": session.pk, "results": []}
    del plan_body["session_key"]
    stored = client.post("/api/sessions", json.dumps(plan_body), content_type="application/json")
    assert stored.status_code == 201, stored.content
    answer = post(client, body_of(member, client_key=plan_body["client_key"]))
    assert answer.status_code == 422, answer.content
    assert [e["field"] for e in answer.json()["detail"]] == ["client_key"]
    assert not ProgramDay.objects.exists()


def test_a_start_in_the_future_is_a_422(wall_clock, member, client):
    """In the morning: a start 2 minutes ahead (a phone's clock) is the same day, and counts
    (just before midnight it would be the next day, which needs its own check-in)."""
    from datetime import timedelta

    from django.utils import timezone

    ready_to_play(member)
    client.force_login(member)
    ahead = (timezone.now() + timedelta(minutes=10)).isoformat()
    answer = post(client, body_of(member, started_at=ahead, finished_at=None))
    assert answer.status_code == 422, answer.content
    assert [e["field"] for e in answer.json()["detail"]] == ["started_at"]
    near = (timezone.now() + timedelta(minutes=2)).isoformat()
    assert post(client, body_of(member, started_at=near, finished_at=None)).status_code == 201


def test_the_list_gives_the_next_day_and_minutes_by_the_clock(member, client):
    from datetime import timedelta

    from django.utils import timezone

    from rugcoach.content import get_catalog

    ready_to_play(member)
    client.force_login(member)
    started = timezone.now()
    data = body_of(
        member,
        started_at=started.isoformat(),
        finished_at=(started + timedelta(minutes=3, seconds=10)).isoformat(),
    )
    assert post(client, data).status_code == 201
    listed = {p["slug"]: p for p in client.get("/api/programs").json()}
    one = client.get(f"/api/programs/{SLUG}").json()["standing"]
    assert listed[SLUG]["standing"]["next_day"] == "d02" == one["next_day"]
    assert listed[SLUG]["standing"]["minutes"] == 3 == one["minutes"]
    assert get_catalog().programs.programs[SLUG].minutes != 3, "not the stated minutes"


def test_a_stopped_session_is_stored_but_no_day_done(member, client):
    ready_to_play(member)
    client.force_login(member)
    answer = post(client, body_of(member, completed=False))
    assert answer.status_code == 201, answer.content
    assert not ProgramDay.objects.exists()
    standing = client.get(f"/api/programs/{SLUG}").json()["standing"]
    assert standing is None or (standing["done"] == [] and standing["next_day"] == "d01")
