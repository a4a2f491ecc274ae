"""The plan's body as the plan page shows it, rendered once per exact input (issue 16).

The body is what the planner made: why this plan (its focus and reasons), the downloads,
the four weeks (12 sessions, ~60 exercises, ~40 KB of HTML) and what it leaves out, and
why. It is most of the plan page's work and the same from one view to the next until
something it shows changes. It is a pure function of:

- the schedule's rows (``selectors.schedule_rows``): every session, item and
  prescription version with its dose, reason and source, so a member's swap, the
  progression engine's dose change and a trainer's swap or dose all change them;
- the planner's focus, reasons and left-out exercises as the plan row holds them (a
  digest of their decoded JSON: the page has read the row, JSON and all, to judge it);
- the plan's first day (the sessions' dates) and today in the site's time zone
  (Europe/Amsterdam: which session is today and opened, which have a start button);
- the language, the URL prefix (``reverse()`` includes SCRIPT_NAME), and the catalog
  (names, links, thumbnails, weekday labels: the store belongs to the catalog instance).

The key holds all of them: the rows and the planner's words as one BLAKE2b digest of
their exact values, read on every view (the rows in one query, which the page made
anyway). So a change to any of them gives another key on the very next view; nothing is
invalidated and nothing can be stale. The fragment is rendered without the request (no
context processor: no user, no CSRF token), and the key holds the plan's id, so no member
is ever shown another's weeks.

What decides whether the body is shown at all (a red flag, a plan made for another
verdict) is the view's, per request, before it asks for it; the plan's state (held,
reduced, paused), the "next session" card's check-in link and the forms (their CSRF
token) are rendered per request too.
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
from rugcoach.plans.presenters import SessionView, next_session, present_excluded, present_plan

# Plans whose body a process keeps (~40 KB each: about 10 MB at most). A member reads
# their plan a few times a day; a busy process serves more members than this and
# renders the least recently read again, as before this store.
MAX_PLANS = 256


@dataclass(frozen=True)
class PlanBody:
    html: SafeString
    """Why this plan, the downloads, the weeks (a section each, with their sessions and
    exercises) and what the plan leaves out."""
    upcoming: SessionView | None
    """The next session from today on (today's, if there is one), or None after the plan."""


rendered_bodies = PerCatalog[LeastRecentlyUsed[PlanBody]](
    lambda catalog: LeastRecentlyUsed(MAX_PLANS)
)
"""Per catalog: the bodies rendered so far (tests and the benchmark clear it)."""


def content_digest(rows: selectors.ScheduleRows, stored: models.Plan) -> bytes:
    """A digest of the rows' and the planner's words' exact values. ``marshal`` writes
    ints, strings, None, lists and dicts with their types and lengths, so different
    values never give the same bytes."""
    written = marshal.dumps((rows, selectors.outline_json(stored)))
    return hashlib.blake2b(written, digest_size=32).digest()


def plan_body(stored: models.Plan, catalog: Catalog, language: str, today: date) -> PlanBody:
    """The plan's body in ``language`` as of ``today``: rendered on the first view with
    these rows and words, then reused (see the module's docstring for what the key
    holds)."""
    rows = selectors.schedule_rows(stored)
    if not rows:  # made outside the services (e.g. a fixture): not worth keeping
        return _render(selectors.stored_schedule(stored), stored, catalog, language, today)
    key = (
        stored.pk,
        stored.starts_on,
        today,
        language,
        get_script_prefix(),
        content_digest(rows, stored),
    )
    store = rendered_bodies(catalog)
    found = store.get(key)
    if found is None:
        schedule = selectors.schedule_from_rows(rows)
        found = _render(schedule, stored, catalog, language, today)
        store.put(key, found)
    return found


def _render(
    schedule: Schedule, stored: models.Plan, catalog: Catalog, language: str, today: date
) -> PlanBody:
    weeks = present_plan(schedule, stored.starts_on, catalog, language, today)
    outline = selectors.plan_outline(stored)
    context = {
        "weeks": weeks,
        "today": today,
        "focus": [focus.reason.get(language) for focus in outline.focus],
        "reasons": [reason.get(language) for reason in outline.reasons],
        "excluded": present_excluded(outline.excluded, catalog, language),
    }
    with translation.override(language):
        # Without the request: no context processor, so nothing of the visitor.
        html = render_to_string("plans/_body.html", context)
    return PlanBody(html=html, upcoming=next_session(weeks, today))
