"""Posture reminders in the page (issue 14 §2): the schedule as JSON for
``static/posture/reminders.js``.

One setting drives both reminders: the member's active posture CalendarFeed row (interval,
work hours, workdays) feeds the calendar (.ics) and, when ``notify_in_page`` is on, the
page's notifications. The times of day come from ``calendar.reminder_times``, the same
function the calendar feed uses.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rugcoach.core.planner import Weekday
from rugcoach.plans import selectors
from rugcoach.plans.calendar import reminder_times
from rugcoach.plans.models import CalendarFeed

# JavaScript's Date.getDay(): Sunday is 0.
JS_DAY = {
    Weekday.SUN: 0,
    Weekday.MON: 1,
    Weekday.TUE: 2,
    Weekday.WED: 3,
    Weekday.THU: 4,
    Weekday.FRI: 5,
    Weekday.SAT: 6,
}
# The notification opens the 2-minute office break, which "ties in with the posture
# reminders" (issue 14 §1).
OFFICE_BREAK = "office-break"


def schedule(feed: CalendarFeed | None, *, open_url: str) -> dict[str, Any]:
    """What the page needs to remind: off, or the days, the times and the words.

    Times are the member's wall-clock times (the browser's own time zone), as the
    calendar feed's are Amsterdam's: a member in the Netherlands sees the same moments.
    """
    if feed is None or not feed.notify_in_page:
        return {"on": False}
    days = [Weekday(day) for day in feed.workdays]
    return {
        "on": True,
        "interval_minutes": feed.interval_minutes,
        "work_start": feed.work_start.strftime("%H:%M"),
        "work_end": feed.work_end.strftime("%H:%M"),
        "workdays": [day.value for day in days],
        "days": sorted(JS_DAY[day] for day in days),
        "times": [
            at.strftime("%H:%M")
            for at in reminder_times(feed.work_start, feed.work_end, feed.interval_minutes)
        ],
        "title": _("Zit recht, adem diep"),
        "body": _(
            "Sta even op, beweeg je bekken en adem rustig naar je buik. "
            "Tik voor de kantoorpauze van 2 minuten."
        ),
        "url": open_url,
    }


def office_break_url() -> str:
    try:
        return reverse("programs:detail", args=[OFFICE_BREAK])
    except NoReverseMatch:  # the programs app's pages are not there (yet): the plan
        return reverse("plans:plan")


@login_required
@require_GET
def posture_schedule(request: HttpRequest) -> JsonResponse:
    """GET houding.json: the member's own schedule; never cached (it is theirs)."""
    feed = selectors.active_feed(request.user, CalendarFeed.Kind.POSTURE)
    response = JsonResponse(schedule(feed, open_url=office_break_url()))
    response["Cache-Control"] = "private, no-store"
    return response
