"""GET /api/programs, GET /api/programs/{slug}, POST /api/programs/{slug}/sessions."""

import json
import uuid

import pytest

from rugcoach.programs.models import ProgramDay
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
