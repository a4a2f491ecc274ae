"""Calendar feeds parsed with icalendar: right days in Amsterdam, alarms, revocation."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from rugcoach.plans.models import CalendarFeed, Plan

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def subscribe(client, **data):  # type: ignore[no-untyped-def]
    response = client.post("/plan/agenda/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return CalendarFeed.objects.get(kind=data["action"].removeprefix("save-"), revoked_at=None)


def events(client, feed):  # type: ignore[no-untyped-def]
    response = client.get(f"/agenda/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return [c for c in calendar.walk("VEVENT")]


def test_sessions_land_on_the_planned_weekdays_at_the_chosen_time(client, member_with_plan):
    client.force_login(member_with_plan)
    feed = subscribe(client, action="save-sessions", session_time="07:30")
    found = events(client, feed)
    plan = Plan.objects.get(is_current=True)
    planned = sum(len(w["sessions"]) for w in plan.plan["weeks"])
    assert len(found) == planned == 3 * 4  # Mon, Wed, Fri for four weeks
    for event in found:
        start = event.decoded("dtstart")
        assert start.tzinfo is not None
        local = start.astimezone(AMSTERDAM)
        assert local.strftime("%a") in {"Mon", "Wed", "Fri"}
        assert (local.hour, local.minute) == (7, 30)
        assert plan.starts_on <= local.date() < plan.starts_on + timedelta(weeks=4)
        [alarm] = event.walk("VALARM")
        assert alarm.decoded("trigger") == timedelta(minutes=-15)
        assert "/plan/" in str(event.get("url"))


def test_the_link_works_without_login_and_stops_after_revoking(client, member_with_plan):
    client.force_login(member_with_plan)
    feed = subscribe(client, action="save-sessions", session_time="19:00")
    client.logout()
    assert client.get(f"/agenda/{feed.token}.ics").status_code == 200
    client.force_login(member_with_plan)
    client.post("/plan/agenda/", {"action": "revoke-sessions"})
    client.logout()
    assert client.get(f"/agenda/{feed.token}.ics").status_code == 404
    assert client.get("/agenda/not-a-real-token.ics").status_code == 404


def test_posture_reminders_every_half_hour_on_workdays(client, member_with_plan):
    client.force_login(member_with_plan)
    feed = subscribe(
        client,
        action="save-posture",
        interval_minutes="30",
        work_start="09:00",
        work_end="12:00",
        workdays=["mon", "tue", "thu"],
    )
    found = events(client, feed)
    starts = sorted(e.decoded("dtstart").astimezone(AMSTERDAM).time() for e in found)
    assert starts == [time(9, 0), time(9, 30), time(10, 0), time(10, 30), time(11, 0), time(11, 30)]
    for event in found:
        assert event["rrule"]["BYDAY"] == ["MO", "TU", "TH"]
        assert event.walk("VALARM")
        assert "Zit recht" in str(event["summary"])


def test_bad_posture_settings_get_a_clear_message_and_save_nothing(client, member_with_plan):
    client.force_login(member_with_plan)
    response = client.post(
        "/plan/agenda/",
        {"action": "save-posture", "interval_minutes": "5", "work_start": "17:00",
         "work_end": "09:00", "workdays": []},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een tijd tussen 15 en 240 minuten" in html
    assert "Kies minstens één dag" in html
    assert CalendarFeed.objects.count() == 0
