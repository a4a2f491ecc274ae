"""Free intake slots: weekly blocks minus exceptions and bookings, in Europe/Amsterdam.

A trainer publishes weekly blocks in wall time ("Tuesday 9:00–12:00 at Centrum"). A slot is
an intake of ``minutes`` starting on the block's grid (block start, + minutes, …) that

- lies wholly inside the block, on a date inside the window;
- starts no earlier than ``now + notice``;
- overlaps no exception and no booking that is not cancelled (the caller passes those).

Wall times become aware datetimes here, one date at a time, so a block keeps its wall
time across the change to and from summer time. A wall time that does not exist (the
hour skipped in March) gives no slot; an intake that would cross a clock change (its real
length differs from ``minutes``) gives none either. An ambiguous wall time (the hour
repeated in October) is taken at its first occurrence.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True, order=True)
class WeeklyBlock:
    """A recurring block: ``weekday`` 0 = Monday … 6 = Sunday, wall times, a location id."""

    weekday: int
    start: time
    end: time
    location: int

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
        if self.start >= self.end:
            raise ValueError("a block starts before it ends")


@dataclass(frozen=True, order=True)
class Busy:
    """A time the trainer is taken: an exception (holiday, sick) or a booking."""

    start: datetime
    end: datetime


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime
    end: datetime
    location: int

    def overlaps(self, other: Busy) -> bool:
        return self.start < other.end and other.start < self.end


def _aware(day: date, wall: time, zone: ZoneInfo) -> datetime | None:
    """``day`` at ``wall`` in ``zone``, or None when that wall time does not exist."""
    moment = datetime.combine(day, wall, tzinfo=zone).replace(fold=0)
    back = moment.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None  # skipped by the clock change
    return moment


def _block_slots(block: WeeklyBlock, day: date, minutes: int, zone: ZoneInfo) -> Iterable[Slot]:
    length = timedelta(minutes=minutes)
    wall = datetime.combine(day, block.start)
    block_end = datetime.combine(day, block.end)
    while wall + length <= block_end:
        start = _aware(day, wall.time(), zone)
        end = _aware(day, (wall + length).time(), zone) if (wall + length).date() == day else None
        if start is not None and end is not None and end - start == length:
            yield Slot(start.astimezone(UTC), end.astimezone(UTC), block.location)
        wall += length


def free_slots(
    *,
    blocks: Iterable[WeeklyBlock],
    busy: Iterable[Busy],
    minutes: int,
    now: datetime,
    days: int = 21,
    notice: timedelta = timedelta(hours=2),
    zone: ZoneInfo = AMSTERDAM,
) -> list[Slot]:
    """Every free slot from today (in ``zone``) for ``days`` days, in time order (UTC)."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if minutes <= 0 or days < 0:
        raise ValueError("minutes must be positive and days not negative")
    earliest = now + notice
    taken = sorted(busy)
    by_weekday: dict[int, list[WeeklyBlock]] = {}
    for block in sorted(set(blocks)):
        by_weekday.setdefault(block.weekday, []).append(block)
    today = now.astimezone(zone).date()
    found: set[Slot] = set()
    for offset in range(days):
        day = today + timedelta(days=offset)
        for block in by_weekday.get(day.weekday(), []):
            for slot in _block_slots(block, day, minutes, zone):
                if slot.start < earliest:
                    continue
                if any(slot.overlaps(other) for other in taken if other.start < slot.end):
                    continue
                found.add(slot)
    return sorted(found)


def nearest_free(slots: Sequence[Slot], wanted: datetime, n: int = 3) -> list[Slot]:
    """The ``n`` slots that start closest to ``wanted`` (earlier first on a tie), in time
    order: what a member is offered when the slot they chose was just taken."""
    closest = sorted(slots, key=lambda slot: (abs(slot.start - wanted), slot.start))[:n]
    return sorted(closest)
