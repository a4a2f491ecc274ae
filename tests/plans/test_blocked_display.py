"""When a check blocks training, the plan page, the PDFs and the calendar feed say why
(the verdict's title and reasons, no rule ids) and what to do (its actions, and a new
full check). PDFs are read with pdftotext, the feed with icalendar."""

import subprocess
from datetime import date

import pytest
from icalendar import Calendar

from rugcoach.content import get_catalog
from rugcoach.plans.models import CalendarFeed
from rugcoach.triage.selectors import training_status
from tests.plans.test_plan_pages import red_flag_checkin

pytestmark = pytest.mark.django_db


def pdf_text(tmp_path, content: bytes) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    output = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(output.split())


def blocking_verdict(member):  # type: ignore[no-untyped-def]
    blocking = training_status(member).blocking
    assert blocking is not None
    return blocking.stored_verdict


def deciding_reasons(verdict, language: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.text.get(language) for r in verdict.reasons if r.level is verdict.level]


def test_the_plan_page_says_why_and_what_to_do(client, member_with_plan):
    red_flag_checkin(member_with_plan)
    verdict = blocking_verdict(member_with_plan)
    client.force_login(member_with_plan)
    html = client.get("/plan/").content.decode()
    assert verdict.title.nl in html
    reasons = deciding_reasons(verdict, "nl")
    assert reasons and all(reason in html for reason in reasons)
    for action in verdict.actions:
        assert action.label.nl in html
    assert "Je check-in van" in html
    assert "Doe een nieuwe volledige check" in html
    for reason in verdict.reasons:  # rule ids stay out of what a member reads
        assert f">{reason.rule}<" not in html and f"({reason.rule})" not in html


@pytest.mark.parametrize("url", ["/plan/poster.pdf?size=A4", "/plan/schema.pdf"])
def test_the_printouts_say_why_and_what_to_do(client, member_with_plan, tmp_path, url):
    red_flag_checkin(member_with_plan)
    verdict = blocking_verdict(member_with_plan)
    client.force_login(member_with_plan)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(tmp_path, response.content)
    assert "Nu niet trainen" in text
    assert " ".join(verdict.title.nl.split()) in text
    for reason in deciding_reasons(verdict, "nl"):
        assert " ".join(reason.split()) in text
    for action in verdict.actions:
        assert action.label.nl in text
    assert "nieuwe volledige veiligheidscheck" in text
    # The footer names the emergency signs even here.
    assert "Bel nu 112 of de huisartsenpost" in text
    # No exercise of the plan is printed while training is blocked.
    assert get_catalog().exercises["cat-cow"].name.nl not in text


def test_the_calendar_feed_holds_one_note_that_says_why(client, member_with_plan):
    feed = CalendarFeed.objects.create(member=member_with_plan, kind="sessions")
    red_flag_checkin(member_with_plan)
    verdict = blocking_verdict(member_with_plan)
    calendar = Calendar.from_ical(client.get(f"/agenda/{feed.token}.ics").content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == f"Niet trainen: {verdict.title.nl}"
    assert isinstance(event.decoded("dtstart"), date)  # all day, not a session time
    description = str(event["description"])
    for reason in deciding_reasons(verdict, "nl"):
        assert reason in description
    for action in verdict.actions:
        assert action.label.nl in description
    assert "nieuwe volledige veiligheidscheck" in description
    assert str(event["url"]).endswith("/plan/")


def test_the_english_notice_is_in_english(client, member_with_plan, tmp_path):
    member_with_plan.preferred_language = "en"
    member_with_plan.save()
    red_flag_checkin(member_with_plan)
    verdict = blocking_verdict(member_with_plan)
    client.force_login(member_with_plan)
    html = client.get("/en/plan/").content.decode()
    assert verdict.title.en in html
    assert all(reason in html for reason in deciding_reasons(verdict, "en"))
