"""Posture reminders in the page (issue 14 §2): one setting (the posture CalendarFeed row)
drives the calendar feed and the page's notifications; houding.json serves the schedule."""

from datetime import time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from rugcoach.plans.models import CalendarFeed

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SETTINGS = {
    "interval_minutes": "45",
    "work_start": "08:30",
    "work_end": "11:00",
    "workdays": ["mon", "wed", "sun"],
}


def schedule(client):  # type: ignore[no-untyped-def]
    response = client.get("/plan/agenda/houding.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return response.json()


def test_a_visitor_gets_the_login_page_not_a_schedule(client):
    response = client.get("/plan/agenda/houding.json")
    assert response.status_code == 302 and "/account/" in response["Location"]


def test_off_until_the_member_turns_it_on(client, member):
    client.force_login(member)
    assert schedule(client) == {"on": False}
    client.post("/plan/agenda/", {"action": "save-posture", **SETTINGS})
    assert schedule(client) == {"on": False}, "a calendar feed alone does not notify"


def test_turning_it_on_saves_the_setting_and_serves_its_times(client, member):
    client.force_login(member)
    response = client.post("/plan/agenda/", {"action": "notify-on", **SETTINGS})
    assert response.status_code == 302
    found = schedule(client)
    assert found["on"] is True
    assert found["times"] == ["08:30", "09:15", "10:00", "10:45"]
    assert found["workdays"] == ["mon", "wed", "sun"]
    assert found["days"] == [0, 1, 3]  # Date.getDay(): Sunday 0
    assert (found["work_start"], found["work_end"], found["interval_minutes"]) == (
        "08:30",
        "11:00",
        45,
    )
    assert "Zit recht" in found["title"]
    assert "office-break" in found["url"] or found["url"] == "/plan/"

    # One setting drives both: the calendar feed has the same moments.
    feed = CalendarFeed.objects.get(kind="posture", revoked_at=None)
    assert feed.notify_in_page
    ics = Calendar.from_ical(client.get(f"/agenda/{feed.token}.ics").content)
    starts = sorted(e.decoded("dtstart").astimezone(AMSTERDAM).time() for e in ics.walk("VEVENT"))
    assert [t.strftime("%H:%M") for t in starts] == found["times"]
    assert starts[0] == time(8, 30)


def test_english_words_for_an_english_page(client, member):
    member.preferred_language = "en"  # a member's pages are in their own language
    member.save(update_fields=["preferred_language"])
    client.force_login(member)
    client.post("/en/plan/calendar/", {"action": "notify-on", **SETTINGS})
    response = client.get("/en/plan/calendar/posture.json")
    assert response.status_code == 200
    assert "Sit up straight" in response.json()["title"]


def test_changing_the_times_keeps_it_on_and_turning_off_keeps_the_calendar(client, member):
    client.force_login(member)
    client.post("/plan/agenda/", {"action": "notify-on", **SETTINGS})
    client.post("/plan/agenda/", {"action": "save-posture", **SETTINGS, "interval_minutes": "60"})
    assert schedule(client)["times"] == ["08:30", "09:30", "10:30"]
    client.post("/plan/agenda/", {"action": "notify-off"})
    assert schedule(client) == {"on": False}
    feed = CalendarFeed.objects.get(kind="posture", revoked_at=None)
    assert client.get(f"/agenda/{feed.token}.ics").status_code == 200
    assert CalendarFeed.objects.filter(kind="posture").count() == 1


def test_bad_settings_on_turning_it_on_say_what_to_fix_and_turn_nothing_on(client, member):
    client.force_login(member)
    response = client.post(
        "/plan/agenda/", {"action": "notify-on", **SETTINGS, "interval_minutes": "5"}
    )
    assert response.status_code == 400
    assert "Kies een tijd tussen 15 en 240 minuten" in response.content.decode()
    assert schedule(client) == {"on": False}


def test_revoking_the_link_stops_the_page_reminders_too(client, member):
    client.force_login(member)
    client.post("/plan/agenda/", {"action": "notify-on", **SETTINGS})
    response = client.post("/plan/agenda/", {"action": "revoke-posture"}, follow=True)
    assert "De meldingen in je browser staan nu ook uit." in response.content.decode()
    assert schedule(client) == {"on": False}


def test_another_members_setting_is_not_served(client, member, django_user_model):
    other = django_user_model.objects.create_user("ander@example.com", "a-calm-Strong-back-42")
    client.force_login(other)
    client.post("/plan/agenda/", {"action": "notify-on", **SETTINGS})
    client.force_login(member)
    assert schedule(client) == {"on": False}


def test_the_schedule_reads_one_row(client, member, django_assert_num_queries):
    client.force_login(member)
    client.post("/plan/agenda/", {"action": "notify-on", **SETTINGS})
    client.get("/plan/agenda/houding.json")  # warm the session
    with django_assert_num_queries(3):  # session, user, the feed row
        schedule(client)
