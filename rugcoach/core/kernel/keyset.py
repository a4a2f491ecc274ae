"""The place in a newest-first list where its next page starts: a keyset cursor.

A member's history is read newest first, ordered by (time, id). The next page starts
below the last row shown: the rows with (time, id) smaller than that row's. Unlike a
page number (OFFSET), such a page costs the same however deep it is, and a row added
meanwhile does not shift a row onto two pages.

In a URL the cursor is ``<microseconds since 1970 UTC>-<id>``: two whole numbers, so
it is safe to show and cannot name anything but a place in the list.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MICROSECOND = timedelta(microseconds=1)
_TEXT = re.compile(r"(\d{1,17})-(\d{1,19})")
_LARGEST_ID = 2**63 - 1  # a BigAutoField


@dataclass(frozen=True)
class Cursor:
    """The last row shown: the next page holds the rows before (at, row_id)."""

    at: datetime
    row_id: int

    def __str__(self) -> str:
        micros = (self.at - _EPOCH) // _ONE_MICROSECOND
        return f"{micros}-{self.row_id}"


def parse_cursor(text: str) -> Cursor | None:
    """The cursor ``text`` names, or None for anything that is not one (a tampered or
    truncated link): the caller shows the first page and says so."""
    found = _TEXT.fullmatch(text.strip())
    if found is None:
        return None
    micros, row_id = int(found.group(1)), int(found.group(2))
    if row_id > _LARGEST_ID:
        return None
    # At most 17 digits: before the year 5140, inside what a datetime holds.
    return Cursor(at=_EPOCH + timedelta(microseconds=micros), row_id=row_id)
