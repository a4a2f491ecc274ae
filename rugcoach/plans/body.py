"""The plan's weeks as the plan page shows them, rendered once per exact input (issue 16).

The four weeks (12 sessions, ~60 exercises, ~40 KB of HTML) are most of the plan page's
work and the same from one view to the next until something they show changes. They are
a pure function of:

- the schedule's rows (``selectors.schedule_rows``): every session, item and
  prescription version with its dose, reason and source, so a member's swap, the
  progression engine's dose change and a trainer's swap or dose all change them;
- the plan's first day (the sessions' dates) and today in the site's time zone
  (Europe/Amsterdam: which session is today and opened, which have a start button);
- the language, the URL prefix (``reverse()`` includes SCRIPT_NAME), and the catalog
  (names, links, thumbnails, weekday labels: the store belongs to the catalog instance).

The key holds all of them: the rows as a BLAKE2b digest of their exact values, read on
every view (one query, which the page made anyway). So a change to any row gives another
key on the very next view; nothing is invalidated and nothing can be stale. The fragment
is rendered without the request (no context processor: no user, no CSRF token), and the
key holds the plan's id, so no member is ever shown another's weeks.

What decides whether the weeks are shown at all (a red flag, a plan made for another
verdict) is the view's, per request, before it asks for them; the plan's state (held,
reduced, paused) and the "next session" card's check-in link are rendered per request too.
"""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import SafeString

from rugcoach.content import PerCatalog
from rugcoach.core.catalog import Catalog
from rugcoach.core.schedule import Schedule
from rugcoach.lru import LeastRecentlyUsed
from rugcoach.plans import models, selectors
from rugcoach.plans.presenters import SessionView, next_session, present_plan

# Plans whose weeks a process keeps (~40 KB each: about 10 MB at most). A member reads
# their plan a few times a day; a busy process serves more members than this and
# renders the least recently read again, as before this store.
MAX_PLANS = 256


@dataclass(frozen=True)
class PlanWeeks:
    html: SafeString
    """The weeks, one section each, with their sessions and exercises."""
    upcoming: SessionView | None
    """The next session from today on (today's, if there is one), or None after the plan."""


rendered_weeks = PerCatalog[LeastRecentlyUsed[PlanWeeks]](
    lambda catalog: LeastRecentlyUsed(MAX_PLANS)
)
"""Per catalog: the weeks rendered so far (tests and the benchmark clear it)."""


def rows_digest(rows: selectors.ScheduleRows) -> bytes:
    """A digest of the rows' exact values. ``marshal`` writes ints, strings and None
    with their types and lengths, so different rows never give the same bytes."""
    return hashlib.blake2b(marshal.dumps(rows), digest_size=32).digest()


def plan_weeks(stored: models.Plan, catalog: Catalog, language: str, today: date) -> PlanWeeks:
    """The plan's weeks in ``language`` as of ``today``: rendered on the first view with
    these rows, then reused (see the module's docstring for what the key holds)."""
    rows = selectors.schedule_rows(stored)
    if not rows:  # made outside the services (e.g. a fixture): not worth keeping
        return _render(selectors.stored_schedule(stored), stored, catalog, language, today)
    key = (stored.pk, stored.starts_on, today, language, get_script_prefix(), rows_digest(rows))
    store = rendered_weeks(catalog)
    found = store.get(key)
    if found is None:
        schedule = selectors.schedule_from_rows(rows)
        found = _render(schedule, stored, catalog, language, today)
        store.put(key, found)
    return found


def _render(
    schedule: Schedule, stored: models.Plan, catalog: Catalog, language: str, today: date
) -> PlanWeeks:
    weeks = present_plan(schedule, stored.starts_on, catalog, language, today)
    with translation.override(language):
        # Without the request: no context processor, so nothing of the visitor.
        html = render_to_string("plans/_weeks.html", {"weeks": weeks, "today": today})
    return PlanWeeks(html=html, upcoming=next_session(weeks, today))
