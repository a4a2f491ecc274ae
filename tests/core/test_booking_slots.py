"""Free intake slots (rugcoach.core.booking.slots): blocks, exceptions, bookings, DST."""

from datetime import UTC, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rugcoach.core.booking.slots import AMSTERDAM, Busy, Slot, WeeklyBlock, free_slots, nearest_free

# Monday 30 November 2026, 8:00 in Amsterdam.
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=AMSTERDAM)
TUESDAY_MORNING = WeeklyBlock(weekday=1, start=time(9), end=time(11), location=1)


def local(slot: Slot) -> str:
    return slot.start.astimezone(AMSTERDAM).strftime("%a %d %H:%M")


def test_a_block_gives_slots_of_the_intake_length_on_its_grid():
    slots = free_slots(blocks=[TUESDAY_MORNING], busy=[], minutes=45, now=NOW, days=7)
    # 9:00 and 9:45 fit; 10:30 would end at 11:15, after the block.
    assert [local(slot) for slot in slots] == ["Tue 01 09:00", "Tue 01 09:45"]
    assert all(slot.end - slot.start == timedelta(minutes=45) for slot in slots)


def test_the_window_and_the_notice_limit_the_slots():
    three_weeks = free_slots(blocks=[TUESDAY_MORNING], busy=[], minutes=30, now=NOW, days=21)
    assert len(three_weeks) == 3 * 4
    tuesday_nine_forty = datetime(2026, 12, 1, 9, 40, tzinfo=AMSTERDAM)
    soon = free_slots(
        blocks=[TUESDAY_MORNING],
        busy=[],
        minutes=30,
        now=tuesday_nine_forty,
        days=1,
        notice=timedelta(minutes=30),
    )
    assert [local(slot) for slot in soon] == ["Tue 01 10:30"]


def test_bookings_and_exceptions_take_their_slots_away():
    booked = Busy(
        datetime(2026, 12, 1, 9, 30, tzinfo=AMSTERDAM), datetime(2026, 12, 1, 10, tzinfo=AMSTERDAM)
    )
    holiday = Busy(
        datetime(2026, 12, 7, tzinfo=AMSTERDAM), datetime(2026, 12, 14, tzinfo=AMSTERDAM)
    )
    slots = free_slots(
        blocks=[TUESDAY_MORNING], busy=[booked, holiday], minutes=30, now=NOW, days=14
    )
    assert [local(slot) for slot in slots] == [
        "Tue 01 09:00",
        "Tue 01 10:00",
        "Tue 01 10:30",
    ]


def test_a_block_keeps_its_wall_time_across_the_change_to_summer_time():
    sunday_early = WeeklyBlock(weekday=6, start=time(1, 30), end=time(4), location=1)
    before = datetime(2027, 3, 27, 12, tzinfo=AMSTERDAM)  # summer time starts 28 March 02:00
    slots = free_slots(blocks=[sunday_early], busy=[], minutes=30, now=before, days=2)
    # 2:00–3:00 does not exist that night: no slot starts or ends in it.
    assert [local(slot) for slot in slots] == ["Sun 28 03:00", "Sun 28 03:30"]
    evening = WeeklyBlock(weekday=0, start=time(18), end=time(19), location=1)
    after = free_slots(blocks=[evening], busy=[], minutes=60, now=before, days=3)
    assert after[0].start == datetime(2027, 3, 29, 16, tzinfo=UTC)  # 18:00 summer time
    winter = free_slots(blocks=[evening], busy=[], minutes=60, now=NOW, days=1)
    assert winter[0].start == datetime(2026, 11, 30, 17, tzinfo=UTC)  # 18:00 winter time


def test_nearest_free_offers_the_closest_slots_in_time_order():
    slots = free_slots(blocks=[TUESDAY_MORNING], busy=[], minutes=30, now=NOW, days=14)
    wanted = datetime(2026, 12, 8, 9, 30, tzinfo=AMSTERDAM)
    nearest = nearest_free([slot for slot in slots if slot.start != wanted], wanted)
    assert [local(slot) for slot in nearest] == ["Tue 08 09:00", "Tue 08 10:00", "Tue 08 10:30"]
    assert nearest_free([], wanted) == []


blocks_strategy = st.lists(
    st.builds(
        lambda weekday, start, length, location: WeeklyBlock(
            weekday, time(start // 4, start % 4 * 15), _end(start, length), location
        ),
        st.integers(0, 6),
        st.integers(0, 22 * 4),
        st.integers(1, 12),
        st.integers(1, 2),
    ),
    max_size=6,
)


def _end(start_quarters: int, length_quarters: int) -> time:
    end = min(start_quarters + length_quarters, 24 * 4 - 1)
    return time(end // 4, end % 4 * 15)


moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(AMSTERDAM)
)
busy_strategy = st.lists(
    st.tuples(moments, st.integers(15, 60 * 24 * 3)).map(
        lambda pair: Busy(pair[0], pair[0] + timedelta(minutes=pair[1]))
    ),
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(
    blocks=blocks_strategy,
    busy=busy_strategy,
    minutes=st.sampled_from([30, 45]),
    now=moments,
    notice_minutes=st.integers(0, 48 * 60),
)
def test_no_slot_overlaps_a_busy_time_leaves_its_block_or_lies_in_the_past(
    blocks, busy, minutes, now, notice_minutes
):
    notice = timedelta(minutes=notice_minutes)
    slots = free_slots(blocks=blocks, busy=busy, minutes=minutes, now=now, days=21, notice=notice)
    for slot in slots:
        assert slot.start >= now + notice
        assert slot.end - slot.start == timedelta(minutes=minutes)
        assert not any(slot.overlaps(other) for other in busy)
        start, end = slot.start.astimezone(AMSTERDAM), slot.end.astimezone(AMSTERDAM)
        assert any(
            block.location == slot.location
            and block.weekday == start.weekday()
            and start.date() == end.date()
            and block.start <= start.time()
            and end.time() <= block.end
            for block in blocks
        ), slot
    assert slots == sorted(slots)
