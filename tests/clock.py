"""The wall clock a test runs at (the ``wall_clock`` fixture in tests/conftest.py).

Tests that compare "now" with a day (today's check-in, the agenda of today, a start in the
future) failed in the first minutes after midnight in Amsterdam, or on a day with 23 or 25
hours. A test that depends on the day pins its clock instead: freezegun replaces
``datetime``, ``time.time`` and friends everywhere in the process (the live server's thread
too), so ``timezone.now()``, the models' ``default=timezone.now`` and the browser test's
``datetime.now`` all read the pinned moment. The clock ticks on from there, so rows made
one after the other still come in order.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from freezegun import freeze_time
from freezegun.api import TickingDateTimeFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Where a test that asks for ``wall_clock`` without a moment runs: a Thursday morning, far
# from midnight and from a change of summer time (not noon: intake slots need 2 hours'
# notice, and around noon the sixth free slot is the last of the day).
A_WEEKDAY_MORNING = "2026-12-03 10:00"

# Modules that keep the real time: Playwright's sync API waits in an asyncio loop, whose
# timers would fire at once (or never) if its monotonic clock jumped to a pinned moment.
REAL_TIME_FOR = ["asyncio", "playwright", "greenlet", "pytest_playwright"]


def amsterdam(local: str | datetime) -> datetime:
    """``"2026-12-03 23:58"`` (or a naive datetime) as that wall time in Amsterdam; an
    aware datetime as it is."""
    moment = datetime.fromisoformat(local) if isinstance(local, str) else local
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=AMSTERDAM)


def _import_before_pinning() -> None:
    """Import what a first request would import, before pinning: freezegun swaps the
    ``datetime`` classes themselves, so a pydantic model (the API's schemas) defined
    while the clock is pinned would meet ``FakeDatetime`` and refuse to build."""
    from django.urls import get_resolver

    from rugcoach.content import get_catalog

    get_resolver().url_patterns  # noqa: B018 (imports every view and API router)
    get_catalog()


class WallClock:
    """The process's clock, pinned at a moment and running on from it."""

    def __init__(self, at: str | datetime) -> None:
        self._freezer = freeze_time(amsterdam(at), tick=True, ignore=REAL_TIME_FOR)
        self._clock: TickingDateTimeFactory | None = None

    def start(self) -> WallClock:
        _import_before_pinning()
        factory = self._freezer.start()
        assert isinstance(factory, TickingDateTimeFactory)
        self._clock = factory
        return self

    def stop(self) -> None:
        self._freezer.stop()

    def move_to(self, at: str | datetime) -> datetime:
        """Go to another moment (later or earlier); the clock ticks on from there."""
        assert self._clock is not None, "start() first"
        self._clock.move_to(amsterdam(at))
        return self.now()

    def now(self) -> datetime:
        """The pinned clock now, in Amsterdam time."""
        return datetime.now(AMSTERDAM)


def days_ago(days: int) -> datetime:
    """This wall time in Amsterdam ``days`` calendar days ago. Not ``timezone.now() -
    timedelta(days=1)``: in the last hour of a 25-hour day (the end of summer time) that is
    still today, and in the first hour after a 23-hour day it is two days ago."""
    return timezone.localtime() - timedelta(days=days)


def today_at(local_time: str) -> datetime:
    """Today (by the real clock) at ``"23:58"`` in Amsterdam. For browser tests: Chromium
    keeps cookies by the real clock, so a session cookie set at a pinned moment weeks ago
    would already have expired; a fixed date there would stop working in two weeks."""
    hours, minutes = (int(part) for part in local_time.split(":"))
    return datetime.now(AMSTERDAM).replace(hour=hours, minute=minutes, second=0, microsecond=0)
