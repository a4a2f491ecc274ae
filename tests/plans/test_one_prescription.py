"""Issue 10 §2: one prescription, shown the same on the plan page, the poster, the
schedule PDF, the calendar and the API (the poster once said wall sit 2 × 45 s while the
schedule said 20 s)."""

import subprocess

import pytest
from icalendar import Calendar

from rugcoach.content import get_catalog
from rugcoach.plans import selectors
from rugcoach.plans.models import CalendarFeed, Plan
from rugcoach.plans.presenters import item_dose, session_week

pytestmark = pytest.mark.django_db


def pdf_words(tmp_path, content: bytes) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(raw.split())


def test_every_dose_of_the_schedule_is_on_the_poster_and_the_page(
    client, member_with_plan, tmp_path
):
    client.force_login(member_with_plan)
    schedule = selectors.stored_schedule(Plan.objects.get(is_current=True))
    doses = {
        (item.slug, session_week(session), item_dose(item))
        for session in schedule.sessions
        for item in session.items
    }
    briefly = {
        (item.slug, session_week(session), item_dose(item, brief=True))
        for session in schedule.sessions
        for item in session.items
    }
    changing = {s for s, _, _ in doses if len({d for x, _, d in doses if x == s}) > 1}
    assert changing, "a plan whose doses never change could not show the fault"
    poster = pdf_words(tmp_path, client.get("/plan/poster.pdf?size=A3").content)
    schedule = pdf_words(tmp_path, client.get("/plan/schema.pdf").content)
    page = " ".join(client.get("/plan/").content.decode().split())
    for slug, week, dose in doses:
        assert dose in schedule, (slug, week, dose)
        assert dose in page, (slug, week, dose)
    # The wall poster says the same doses in the same function's brief words.
    for slug, week, dose in briefly:
        assert dose in poster, (slug, week, dose)


def test_each_calendar_event_gives_the_doses_of_its_session_as_the_page_does(
    client, member_with_plan
):
    client.force_login(member_with_plan)
    catalog = get_catalog()
    stored = Plan.objects.get(is_current=True)
    schedule = selectors.stored_schedule(stored)
    client.post("/plan/agenda/", {"action": "save-sessions", "session_time": "07:30"})
    feed = CalendarFeed.objects.get(kind="sessions", revoked_at=None)
    events = Calendar.from_ical(client.get(f"/agenda/{feed.token}.ics").content).walk("VEVENT")
    by_uid = {str(event["UID"]): str(event["DESCRIPTION"]) for event in events}
    assert len(by_uid) == len(schedule.sessions)
    for session in schedule.sessions:
        week, weekday = session.key.split("-")  # the UID kept its old shape: w1-mon
        lines = by_uid[f"plan-{stored.pk}-{week}-{weekday}@rugcoach"].splitlines()
        for item, line in zip(session.items, lines, strict=False):
            name = catalog.exercises[item.slug].name.nl
            assert line == f"{name} ({item_dose(item)})"
