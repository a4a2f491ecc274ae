"""The history's keyset cursor: what a link carries comes back as the same place."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from rugcoach.core.kernel.keyset import Cursor, parse_cursor

moments = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(4000, 1, 1), timezones=st.just(UTC)
)


@given(at=moments, row_id=st.integers(min_value=1, max_value=2**63 - 1))
def test_a_cursor_survives_its_link(at, row_id):
    cursor = Cursor(at=at, row_id=row_id)
    assert parse_cursor(str(cursor)) == cursor


@given(text=st.text(max_size=40))
def test_any_other_text_is_no_cursor_or_a_well_formed_one(text):
    found = parse_cursor(text)
    assert found is None or parse_cursor(str(found)) == found


def test_what_is_not_a_cursor():
    for text in ["", "x", "1-", "-1", "1.0-2", "1-2-3", "999999999999999999-1", f"1-{2**63}"]:
        assert parse_cursor(text) is None, text
