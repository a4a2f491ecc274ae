"""The wizard's retry cookie carries only the screen's own fields, each capped."""

import json

import pytest

from rugcoach.content import get_catalog
from rugcoach.triage import wizard

pytestmark = pytest.mark.django_db


def retry_cookie(response) -> dict:  # type: ignore[no-untyped-def]
    """The cookie's content (value:timestamp:signature; the app checks the signature)."""
    raw = response.cookies[wizard.RETRY_COOKIE].value
    return json.loads(raw.rsplit(":", 2)[0])


def test_a_huge_or_unknown_field_does_not_make_a_huge_cookie(client):
    content = get_catalog().triage
    first_screen = wizard.steps(content, {})[0]
    ids = [q.id for q in content.questions.values() if q.screen == first_screen.id]
    posted = {ids[0]: "x" * 100_000, "smuggled": "y" * 100_000}
    response = client.post("/mag-ik-trainen/stap/1/", posted)

    assert response.status_code == 302
    header = response.cookies[wizard.RETRY_COOKIE].OutputString()
    assert len(header) < 1000  # far below the 4 KB a browser keeps
    kept = retry_cookie(response)["posted"]
    assert "smuggled" not in kept
    assert set(kept) <= set(ids)
    assert kept[ids[0]] == "x" * wizard.MAX_RETRY_VALUE_CHARS


def test_the_retry_page_still_shows_the_errors(client):
    response = client.post("/mag-ik-trainen/stap/1/", {"anything": "z" * 10_000}, follow=True)
    assert response.status_code == 200
    assert "Kies een antwoord." in response.content.decode()


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        (
            "/plan/intake/",
            {"situation": "home", "minutes_per_session": "10", "weekdays": ["mon"]},
            "complaint_weeks",
        ),
        ("/plan/zelftests/", {}, "sitting_hours"),
        ("/mag-ik-trainen/check-in/", {}, "pain_now"),
    ],
)
def test_pages_answer_a_five_thousand_digit_number_with_a_field_error(
    client, member_with_plan, url, data, message
):
    client.force_login(member_with_plan)
    response = client.post(url, {**data, message: "9" * 5000})
    html = response.content.decode()
    assert response.status_code in {200, 400}
    assert "4300" not in html and "Exceeds the limit" not in html
    # Number boxes say "heel getal"; the pain scale (issue 11 §3) says which numbers to pick.
    assert "geheel getal" in html or "heel getal" in html or "Kies een getal van 0 tot 10" in html
