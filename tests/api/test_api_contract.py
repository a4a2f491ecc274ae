"""The OpenAPI schema says what the code accepts, and errors name the field at fault.

The answers' schema is generated from the triage content, so these tests read the
content too: a question added or changed there must show up in the contract.
"""

import json
from datetime import date, timedelta

import pytest

from rugcoach.content import get_catalog
from rugcoach.core.triage.schema import AnswerType
from tests.plan_helpers import triage_answers

pytestmark = pytest.mark.django_db
PROFILE = {
    "situation": "home",
    "minutes_per_session": 10,
    "weekdays": ["mon", "thu"],
    "complaint_weeks": 3,
}
FIVE_THOUSAND_DIGITS = "9" * 5000


def post(client, url, body):  # type: ignore[no-untyped-def]
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data, content_type="application/json")


def preview(client, profile=None, self_tests=None):  # type: ignore[no-untyped-def]
    body = {"profile": profile or PROFILE, "triage_answers": triage_answers()}
    if self_tests is not None:
        body["self_tests"] = self_tests
    return post(client, "/api/plans", body)


def fields(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.content
    return [error["field"] for error in response.json()["detail"]]


@pytest.fixture(scope="module")
def openapi() -> dict:
    from rugcoach.api.urls import api

    return api.get_openapi_schema()


def component(openapi: dict, name: str) -> dict:
    return openapi["components"]["schemas"][name]


# --- errors name the field ----------------------------------------------------------------


def test_duplicate_weekdays_name_weekdays_not_profile(client):
    response = preview(client, {**PROFILE, "weekdays": ["mon", "mon"]})
    assert fields(response) == ["weekdays"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"complaint_weeks": "7"}, "complaint_weeks"),
        ({"complaint_weeks": True}, "complaint_weeks"),
        ({"complaint_weeks": 7.0}, "complaint_weeks"),
        ({"minutes_per_session": "10"}, "minutes_per_session"),
        ({"situation": "pregnancy", "due_date": True}, "due_date"),
        ({"equipment": ["mat", "mat"]}, "equipment"),
    ],
)
def test_plans_refuse_what_json_would_only_coerce(client, change, field):
    assert fields(preview(client, {**PROFILE, **change})) == [field]


@pytest.mark.parametrize(
    ("self_tests", "field"),
    [
        ({"sitting_hours": False}, "sitting_hours"),
        ({"sitting_hours": "8"}, "sitting_hours"),
        ({"core_belly_shakes": "yes"}, "core_belly_shakes"),
        ({"core_belly_shakes": 1}, "core_belly_shakes"),
    ],
)
def test_self_tests_refuse_what_json_would_only_coerce(client, self_tests, field):
    assert fields(preview(client, self_tests=self_tests)) == [field]


def test_a_correct_preview_still_works(client):
    due = (date.today() + timedelta(weeks=20)).isoformat()
    response = preview(client, {**PROFILE, "situation": "pregnancy", "due_date": due})
    assert response.status_code == 200
    assert response.json()["plan"]["weeks"]


def test_swap_week_must_be_a_number(client, member_with_plan):
    client.force_login(member_with_plan)
    body = {"week": "1", "weekday": "mon", "exercise": "x", "replacement": "y"}
    assert fields(post(client, "/api/plans/current/swap", body)) == ["week"]


# --- a 5,000-digit number -----------------------------------------------------------------


def test_a_five_thousand_digit_number_is_a_plain_field_error(client):
    body = (
        '{"profile": {"situation": "home", "minutes_per_session": 10, "weekdays": ["mon"],'
        f' "complaint_weeks": {FIVE_THOUSAND_DIGITS}}}}}'
    )
    response = post(client, "/api/plans", body)
    assert fields(response) == ["complaint_weeks"]
    assert "4300" not in response.content.decode()
    assert "limit" not in response.content.decode()


def test_a_five_thousand_digit_answer_names_the_question(client):
    answers = json.dumps(triage_answers())
    body = '{"answers": ' + answers.replace('"age": 40', f'"age": {FIVE_THOUSAND_DIGITS}') + "}"
    assert FIVE_THOUSAND_DIGITS in body
    response = post(client, "/api/triage", body)
    assert fields(response) == ["age"]
    assert "4300" not in response.content.decode()


# --- a body that is too large -------------------------------------------------------------


@pytest.mark.parametrize("debug", [True, False])
def test_a_body_too_large_is_a_413_with_a_json_body(client, settings, debug):
    settings.DEBUG = debug
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({"answers": {"age": 40}, "padding": "x" * 20_000})
    response = post(client, "/api/triage", body)
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "larger than 10000 bytes" in response.json()["detail"]


# --- the schema ---------------------------------------------------------------------------


def test_answers_are_documented_per_question_from_the_content(openapi):
    content = get_catalog().triage
    answers = component(openapi, "TriageAnswers")
    assert answers["additionalProperties"] is False
    assert set(answers["properties"]) == set(content.questions)
    for question in content.questions.values():
        documented = answers["properties"][question.id]
        if question.type is AnswerType.YES_NO:
            assert documented["type"] == "boolean"
        elif question.type is AnswerType.CHOICE:
            assert documented["enum"] == list(question.option_values)
        else:
            assert documented["type"] == "integer"
            assert (documented["minimum"], documented["maximum"]) == (question.min, question.max)


def test_checkin_answers_document_only_the_checkin_questions(openapi):
    content = get_catalog().triage
    checkin = component(openapi, "CheckinAnswers")
    assert set(checkin["properties"]) == {q.id for q in content.questions.values() if q.checkin}
    assert checkin["additionalProperties"] is False


def test_plan_input_has_enums_bounds_and_unique_items(openapi):
    profile = component(openapi, "ProfileIn")["properties"]
    assert profile["weekdays"]["uniqueItems"] is True
    assert profile["equipment"]["uniqueItems"] is True
    assert profile["minutes_per_session"]["enum"] == [5, 10, 15, 20, 30]
    assert (profile["complaint_weeks"]["minimum"], profile["complaint_weeks"]["maximum"]) == (
        0,
        520,
    )
    swap = component(openapi, "SwapIn")["properties"]["week"]
    assert (swap["type"], swap["minimum"], swap["maximum"]) == ("integer", 1, 4)


def test_every_answer_the_schema_allows_is_accepted_by_the_engine(client):
    """Each valid value of each question passes the API's own check (no 422 for it)."""
    content = get_catalog().triage
    from tests.triage_answers import candidates

    for question in content.questions.values():
        if not question.triage:
            continue
        for value in candidates(question)[:3]:
            answers = {**triage_answers(), question.id: value}
            response = post(client, "/api/triage", {"answers": answers})
            problems = {e["field"] for e in response.json().get("detail", [])}
            assert question.id not in problems, (question.id, value, response.content)


def test_a_five_thousand_digit_query_number_names_the_parameter(client, member_with_plan):
    client.force_login(member_with_plan)
    url = f"/api/plans/current/alternatives?week={FIVE_THOUSAND_DIGITS}&weekday=mon&exercise=x"
    response = client.get(url)
    assert fields(response) == ["week"]
    assert "4300" not in response.content.decode()


# --- one error schema ------------------------------------------------------------------


def test_every_error_answer_uses_one_of_the_two_error_schemas(openapi):
    """A client parses every 4xx the same way: ErrorOut (a message) or ValidationErrorOut.
    One extension of ErrorOut: a taken intake slot (409) adds the nearest free slots to its
    ``detail``, so a client reading only ``detail`` still reads it."""
    allowed = {
        "#/components/schemas/ErrorOut",
        "#/components/schemas/ValidationErrorOut",
        "#/components/schemas/TakenOut",
    }
    seen: dict[str, set[str]] = {}
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                if not str(status).startswith("4"):
                    continue
                ref = response["content"]["application/json"]["schema"]["$ref"]
                seen.setdefault(ref, set()).add(f"{method.upper()} {path} {status}")
    assert set(seen) == allowed, {ref: sorted(where)[:3] for ref, where in seen.items()}
    assert seen["#/components/schemas/TakenOut"] == {"POST /api/intakes 409"}
    taken = openapi["components"]["schemas"]["TakenOut"]
    assert (
        taken["properties"]["detail"]
        == openapi["components"]["schemas"]["ErrorOut"]["properties"]["detail"]
    )
    message_schemas = [
        name
        for name, schema in openapi["components"]["schemas"].items()
        if set(schema.get("properties", {})) == {"detail"}
    ]
    assert sorted(message_schemas) == ["ErrorOut", "ValidationErrorOut"]


def test_a_conflict_and_a_missing_login_answer_in_the_same_shape(client, django_user_model):
    visitor = post(client, "/api/checkins", {"answers": {}})
    member = django_user_model.objects.create_user("no-check", password="pw-no-check-1")
    client.force_login(member)
    no_full_check = post(client, "/api/checkins", {"answers": {}})
    assert (visitor.status_code, no_full_check.status_code) == (401, 409)
    assert set(visitor.json()) == set(no_full_check.json()) == {"detail"}
    assert isinstance(visitor.json()["detail"], str)
    assert "full triage" in no_full_check.json()["detail"]
