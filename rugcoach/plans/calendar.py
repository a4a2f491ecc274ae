"""iCalendar feeds: the planned sessions, and optional posture reminders.

Times are built in Europe/Amsterdam (with a VTIMEZONE), so a calendar shows a session
at the member's chosen time whatever the season.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone

from rugcoach.core.planner import Weekday
from rugcoach.core.schedule import Item, Schedule

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ICAL_DAYS = {
    Weekday.MON: "MO",
    Weekday.TUE: "TU",
    Weekday.WED: "WE",
    Weekday.THU: "TH",
    Weekday.FRI: "FR",
    Weekday.SAT: "SA",
    Weekday.SUN: "SU",
}


def session_minutes(seconds: int) -> int:
    """A session's length as a member reads it: whole minutes, rounded up."""
    return max(1, -(-seconds // 60))


def _calendar(name: str, stamp: datetime) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//RugCoach//rugcoach//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add_component(
        Timezone.from_tzinfo(AMSTERDAM, first_date=stamp.date() - timedelta(days=366))
    )
    return calendar


def empty_feed(calendar_name: str, stamp: datetime) -> bytes:
    """A valid calendar without events (no plan yet): subscriptions keep working."""
    return _calendar(calendar_name, stamp).to_ical()


def _alarm(minutes_before: int, description: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", timedelta(minutes=-minutes_before))
    return alarm


def sessions_feed(
    *,
    schedule: Schedule,
    plan_id: int,
    starts_on: date,
    at: time,
    calendar_name: str,
    title: str,
    describe: Callable[[Item], str],
    session_url: str,
    stamp: datetime,
    next_lines: Sequence[str] = (),
    today: date | None = None,
) -> bytes:
    """One event per planned session, with a reminder 15 minutes before.

    ``describe`` gives the line shown for an item in the event: its name and its dose
    in the words of the plan page. ``next_lines`` (an open follow-up question and its
    link) go at the top of the next session from ``today`` on, the one a member looks at.
    """
    calendar = _calendar(calendar_name, stamp)
    upcoming = [
        s
        for s in schedule.sessions
        if today is None or starts_on + timedelta(s.day_offset) >= today
    ]
    next_key = min(upcoming, key=lambda s: (s.day_offset, s.order)).key if upcoming else None
    for session in schedule.sessions:
        day = starts_on + timedelta(days=session.day_offset)
        start = datetime.combine(day, at, tzinfo=AMSTERDAM)
        minutes = session_minutes(session.seconds)
        event = Event()
        # The session's stable key ('w1-mon'): the same UID as before the schedule rows.
        event.add("uid", f"plan-{plan_id}-{session.key}@rugcoach")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes))
        event.add("summary", f"{title} · {minutes} min")
        lines = [describe(item) for item in session.items]
        if next_lines and session.key == next_key:
            lines = [*next_lines, "", *lines]
        event.add("description", "\n".join([*lines, "", session_url]))
        event.add("url", session_url)
        event.add_component(_alarm(15, title))
        calendar.add_component(event)
    return calendar.to_ical()


def blocked_feed(
    *,
    result_id: int,
    calendar_name: str,
    title: str,
    lines: list[str],
    url: str,
    day: date,
    stamp: datetime,
) -> bytes:
    """While a check forbids training: no sessions, one all-day note on ``day`` saying
    why and what to do. Its UID stays the same, so each refresh moves it to today."""
    calendar = _calendar(calendar_name, stamp)
    event = Event()
    event.add("uid", f"blocked-{result_id}@rugcoach")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", title)
    event.add("description", "\n".join([*lines, "", url]))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    calendar.add_component(event)
    return calendar.to_ical()


def posture_feed(
    *,
    feed_id: int,
    workdays: list[Weekday],
    work_start: time,
    work_end: time,
    interval_minutes: int,
    calendar_name: str,
    title: str,
    description: str,
    first_day: date,
    stamp: datetime,
) -> bytes:
    """A short weekly-recurring reminder at every interval within the work hours.

    One recurring event per time of day, rather than a minutely rule, because calendar
    apps handle weekly repeats everywhere and sub-daily ones poorly.
    """
    calendar = _calendar(calendar_name, stamp)
    days = ",".join(ICAL_DAYS[day] for day in workdays)
    for at in reminder_times(work_start, work_end, interval_minutes) if days else ():
        moment = datetime.combine(first_day, at)
        start = moment.replace(tzinfo=AMSTERDAM)
        event = Event()
        event.add("uid", f"posture-{feed_id}-{moment:%H%M}@rugcoach")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=2))
        event.add("summary", title)
        event.add("description", description)
        event.add("rrule", {"freq": "weekly", "byday": days.split(",")})
        event.add("transp", "TRANSPARENT")
        event.add_component(_alarm(0, title))
        calendar.add_component(event)
    return calendar.to_ical()


def reminder_times(work_start: time, work_end: time, interval_minutes: int) -> list[time]:
    """The posture reminders' times of day: from the start of work, every interval, before
    its end. One home for the calendar feed and the page's notifications (houding.json)."""
    day = date(2000, 1, 1)  # any day: only the times matter
    moment, end = datetime.combine(day, work_start), datetime.combine(day, work_end)
    times = []
    while moment < end:
        times.append(moment.time())
        moment += timedelta(minutes=interval_minutes)
    return times
