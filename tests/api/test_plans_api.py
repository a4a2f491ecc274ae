"""The plans API: an anonymous preview, and a member's current plan and swaps."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from rugcoach.plans.models import Plan
from tests.plan_helpers import triage_answers

pytestmark = pytest.mark.django_db
PROFILE = {
    "situation": "home",
    "minutes_per_session": 10,
    "weekdays": ["mon", "thu"],
    "complaint_weeks": 3,
}


def post(client, url, body):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(body), content_type="application/json")


def test_anyone_can_preview_a_plan_and_nothing_is_stored(client):
    response = post(client, "/api/plans", {"profile": PROFILE, "triage_answers": triage_answers()})
    assert response.status_code == 200
    plan = response.json()["plan"]
    assert len(plan["weeks"]) == 4
    assert [s["weekday"] for s in plan["weeks"][0]["sessions"]] == ["mon", "thu"]
    assert all(s["seconds"] <= 600 for w in plan["weeks"] for s in w["sessions"])
    assert Plan.objects.count() == 0


def test_a_red_flag_gives_no_plan_with_the_reason(client):
    body = {"profile": PROFILE, "triage_answers": triage_answers(saddle_numbness=True)}
    response = post(client, "/api/plans", body)
    assert response.json()["plan"] is None
    assert response.json()["no_plan"]["level"] == "EMERGENCY"


def test_without_a_safety_check_the_preview_names_what_is_missing(client):
    response = post(client, "/api/plans", {"profile": PROFILE})
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["detail"]] == ["triage_answers"]


def test_an_invalid_profile_is_a_422_naming_the_field(client):
    profile = {**PROFILE, "situation": "pregnancy"}
    response = post(client, "/api/plans", {"profile": profile, "triage_answers": triage_answers()})
    assert response.status_code == 422
    assert any("due_date" in str(error["loc"]) for error in response.json()["detail"])
    minutes = {**PROFILE, "minutes_per_session": 7}
    response = post(client, "/api/plans", {"profile": minutes, "triage_answers": triage_answers()})
    assert response.json()["detail"][0]["loc"][-1] == "minutes_per_session"


def test_bad_triage_answers_name_the_question(client):
    answers = triage_answers(fever="yes")
    response = post(client, "/api/plans", {"profile": PROFILE, "triage_answers": answers})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "triage_answers", "fever"]


def test_current_plan_needs_a_login_and_a_plan(client, member):
    assert client.get("/api/plans/current").status_code == 401
    client.force_login(member)
    assert client.get("/api/plans/current").status_code == 404


def test_member_reads_and_swaps_the_current_plan(client, member_with_plan):
    client.force_login(member_with_plan)
    current = client.get("/api/plans/current").json()
    monday = current["plan"]["weeks"][0]["sessions"][0]
    main = next(item for item in monday["items"] if item["role"] == "main")
    query = {"week": 1, "weekday": "mon", "exercise": main["slug"]}
    options = client.get("/api/plans/current/alternatives", query).json()["alternatives"]
    assert options
    body = {**query, "replacement": options[0]}
    swapped = post(client, "/api/plans/current/swap", body).json()
    slugs = [i["slug"] for i in swapped["plan"]["weeks"][0]["sessions"][0]["items"]]
    assert options[0] in slugs and main["slug"] not in slugs


def test_a_swap_everywhere_reaches_every_session_and_keeps_the_other_items(
    client, member_with_plan
):
    client.force_login(member_with_plan)
    before = client.get("/api/plans/current").json()["plan"]
    monday = before["weeks"][0]["sessions"][0]
    main = next(item for item in monday["items"] if item["role"] == "main")
    query = {"week": 1, "weekday": "mon", "exercise": main["slug"]}
    option = client.get("/api/plans/current/alternatives", query).json()["alternatives"][0]
    body = {**query, "replacement": option, "scope": "everywhere"}
    after = post(client, "/api/plans/current/swap", body).json()["plan"]
    for week in (0, 1):  # week 2 repeats week 1
        slugs = [i["slug"] for i in after["weeks"][week]["sessions"][0]["items"]]
        assert option in slugs and main["slug"] not in slugs
    others = [i for i in monday["items"] if i["slug"] != main["slug"]]
    assert [i for i in after["weeks"][0]["sessions"][0]["items"] if i["slug"] != option] == others
    bad = post(client, "/api/plans/current/swap", {**body, "scope": "week"})
    assert bad.status_code == 422


def test_an_unsuitable_swap_is_refused_and_the_plan_kept(client, member_with_plan):
    client.force_login(member_with_plan)
    before = client.get("/api/plans/current").json()["plan"]
    monday = before["weeks"][0]["sessions"][0]
    main = next(item for item in monday["items"] if item["role"] == "main")
    body = {"week": 1, "weekday": "mon", "exercise": main["slug"], "replacement": "leg-press"}
    response = post(client, "/api/plans/current/swap", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "replacement"
    assert client.get("/api/plans/current").json()["plan"] == before


def test_a_preview_counts_the_pregnancy_week_from_the_due_date(client):
    today = timezone.localdate()
    due = today + timedelta(days=100)  # 25 weeks pregnant or so
    profile = {**PROFILE, "situation": "pregnancy", "due_date": due.isoformat()}
    response = post(client, "/api/plans", {"profile": profile, "triage_answers": triage_answers()})
    assert response.status_code == 200
    weeks = {s["pregnancy_week"] for w in response.json()["plan"]["weeks"] for s in w["sessions"]}
    assert min(weeks) >= 13
    for days, message in ((-1, "after today"), (42 * 7 + 5, "at most 42 weeks")):
        late = {**profile, "due_date": (today + timedelta(days=days)).isoformat()}
        body = {"profile": late, "triage_answers": triage_answers()}
        response = post(client, "/api/plans", body)
        assert response.status_code == 422
        error = response.json()["detail"][0]
        assert error["loc"] == ["body", "profile", "due_date"] and message in error["msg"]


def test_the_plan_is_typed_in_the_openapi_schema(client):
    """No ``plan: dict[str, Any]``: weeks, sessions, items and prescriptions have types."""
    schema = client.get("/api/openapi.json").json()
    components = schema["components"]["schemas"]
    plan_out = components["PlanOut"]["properties"]

    def target(prop):  # type: ignore[no-untyped-def]
        refs = [o["$ref"] for o in prop.get("anyOf", [prop]) if "$ref" in o]
        assert refs, prop
        return components[refs[0].rsplit("/", 1)[1]]

    assert "weeks" in target(plan_out["plan"])["properties"]
    assert "sessions" in target(plan_out["schedule"])["properties"]
    assert "reason" in target(plan_out["no_plan"])["properties"]
    prescription = components["Prescription"]["properties"]
    assert {"sets", "reps", "hold_seconds", "per_side", "rest_seconds", "rung"} <= set(prescription)


def test_the_schedule_in_the_api_matches_the_plan(client, member_with_plan):
    client.force_login(member_with_plan)
    body = client.get("/api/plans/current").json()
    sessions = {s["key"]: s for s in body["schedule"]["sessions"]}
    for week in body["plan"]["weeks"]:
        for session in week["sessions"]:
            found = sessions[f"w{week['number']}-{session['weekday']}"]
            items = found["items"]
            assert [i["slug"] for i in items] == [i["slug"] for i in session["items"]]
            for planned, item in zip(session["items"], items, strict=True):
                dose = item["versions"][-1]["prescription"]
                assert (dose["sets"], dose["reps"], dose["hold_seconds"]) == (
                    planned["sets"],
                    planned["reps"],
                    planned["hold_seconds"],
                )
