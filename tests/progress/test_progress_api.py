"""GET /api/progress and POST /api/progress/psfs."""

import json

import pytest

from rugcoach.progress.models import PsfsAssessment
from tests.progress.helpers import trained

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_of(client, member):
    client.force_login(member)
    return client


def test_a_visitor_gets_401(client):
    assert client.get("/api/progress").status_code == 401


def test_progress_as_json(client_of, member):
    trained(member, 3, before=6, after=5, morning=4, minutes=20)
    trained(member, 1, before=4, after=3)
    body = client_of.get("/api/progress").json()
    assert body["streak"] == 2
    assert sum(w["minutes"] for w in body["weekly_minutes"]) == 35
    assert [
        (s["pain_before"], s["pain_after"], s["pain_next_morning"]) for s in body["sessions"]
    ] == [(6, 5, 4), (4, 3, None)]
    assert body["baseline"] == 6
    nprs = body["outcomes"]["nprs"]
    assert (nprs["first"], nprs["latest"], nprs["direction"], nprs["meaningful"]) == (
        6,
        4,
        "better",
        True,
    )
    assert body["outcomes"]["psfs"] is None
    assert body["outcomes"]["psfs_due"] is True


def test_psfs_over_the_api(client_of, member):
    activities = [{"name": "Bukken", "score": 3}, {"name": "Tillen", "score": 5}]
    response = client_of.post(
        "/api/progress/psfs", json.dumps({"activities": activities}), "application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "activities"
    assert not PsfsAssessment.objects.exists()
    activities.append({"name": "Fietsen", "score": 11})
    response = client_of.post(
        "/api/progress/psfs", json.dumps({"activities": activities}), "application/json"
    )
    assert response.status_code == 422
    assert "score" in json.dumps(response.json())
    activities[-1]["score"] = 7
    response = client_of.post(
        "/api/progress/psfs", json.dumps({"activities": activities}), "application/json"
    )
    assert response.status_code == 201
    psfs = client_of.get("/api/progress?lang=en").json()["outcomes"]["psfs"]
    assert psfs["average"] == 5.0
    assert [r["name"] for r in psfs["ratings"]] == ["Bukken", "Tillen", "Fietsen"]
