"""Issue 10 §2: the build-up climbs the exercise's ladder one rung a week, and week 4
always moves on from week 3 where any step fits the member's minutes.

The ladder is written out here from docs/planner.md ("The ladder"), not taken from the
planner: a range (reps, hold or duration seconds) is climbed in two rungs, each half the
range rounded up (to whole 5 s for time), then one set at a time up to the advised sets
plus one, never above 4. One rung changes one thing.
"""

from __future__ import annotations

from hypothesis import given

from rugcoach.core.kernel.vocabulary import Situation
from rugcoach.core.planner import Plan, PlanItem, Profile, SelfTests, Session, Weekday
from tests.core.test_planner_properties import (
    SETTINGS,
    crosses_week_13,
    make,
    profiles,
    self_tests,
    undated,
    verdict_names,
)
from tests.core.test_planner_support import expected_session_seconds, raw_dose

MAX_SETS = 4
MEASURES = (
    ("reps", "reps", 1),
    ("hold_seconds", "hold_seconds", 5),
    ("duration_seconds", "duration_seconds", 5),
)


def _range(value: object) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value, value
    low, high = value  # type: ignore[misc]
    return low, high


def rung_size(low: int, high: int, unit: int) -> int:
    half = -(-(high - low) // 2)
    return max(unit, -(-half // unit) * unit)


def next_rungs(slug: str, item: PlanItem) -> list[dict[str, int]]:
    """The one next rung of the item's ladder as the fields it changes ([] at the top)."""
    dose = raw_dose(slug)
    for field, key, unit in MEASURES:
        span = _range(dose.get(key))
        now = getattr(item, field)
        if span is not None and now is not None and now < span[1]:
            return [{field: min(span[1], now + rung_size(*span, unit))}]
    sets_high = _range(dose["sets"])[1]  # type: ignore[index]
    if item.sets < min(MAX_SETS, sets_high + 1):
        return [{"sets": item.sets + 1}]
    return []


def one_rung_at_most(before: PlanItem, after: PlanItem) -> bool:
    if (before.sets, before.reps, before.hold_seconds, before.duration_seconds) == (
        after.sets,
        after.reps,
        after.hold_seconds,
        after.duration_seconds,
    ):
        return True
    return any(
        all(getattr(after, field) == value for field, value in rung.items())
        and all(
            getattr(after, field) == getattr(before, field)
            for field in ("sets", "reps", "hold_seconds", "duration_seconds")
            if field not in rung
        )
        for rung in next_rungs(before.slug, before)
    )


def a_rung_fits(session: Session, minutes: int) -> bool:
    """Could one main of the session climb one rung and the session still fit?"""
    for i, item in enumerate(session.items):
        if item.role != "main":
            continue
        for rung in next_rungs(item.slug, item):
            bigger = item.model_copy(update=rung)
            items = [*session.items[:i], bigger, *session.items[i + 1 :]]
            if expected_session_seconds(items) <= minutes * 60:
                return True
    return False


@SETTINGS
@given(profiles(), self_tests, verdict_names)
def test_each_week_climbs_at_most_one_rung_and_week_4_moves_on(
    member: Profile, tests: SelfTests, name: str
):
    plan = make(member, tests, name)
    if not isinstance(plan, Plan) or crosses_week_13(member):
        return
    _, week2, week3, week4 = (undated(week) for week in plan.weeks)
    for earlier, later in ((week2, week3), (week3, week4)):
        for before_session, after_session in zip(earlier.sessions, later.sessions, strict=True):
            for before, after in zip(before_session.items, after_session.items, strict=True):
                if before.slug == after.slug:
                    assert one_rung_at_most(before, after), (before, after)
    for before_session, after_session in zip(week3.sessions, week4.sessions, strict=True):
        if before_session.items == after_session.items:
            assert not a_rung_fits(before_session, member.minutes_per_session), before_session


def test_childs_pose_climbs_one_rung_in_week_3():
    """The fault as found: child's pose at 30 s in weeks 1-2 jumped to its top (60 s,
    and an extra set where there was room). Now week 3 holds 45 s (where it fits), the same sets."""
    member = Profile(
        situation=Situation.HOME,
        equipment=frozenset(),
        minutes_per_session=10,
        weekdays=(Weekday.MON, Weekday.WED, Weekday.FRI),
        complaint_weeks=2,
        triggers=frozenset(),
    )
    plan = make(member, SelfTests(stress="high"), "benign")
    assert isinstance(plan, Plan)
    pairs = [
        (before, after)
        for s2, s3 in zip(plan.weeks[1].sessions, plan.weeks[2].sessions, strict=True)
        for before, after in zip(s2.items, s3.items, strict=True)
        if before.slug == "childs-pose" and before.role == "main"
    ]
    assert pairs
    for before, after in pairs:
        assert before.hold_seconds == 30
        assert after.sets == before.sets and after.hold_seconds in (30, 45)
    assert any(after.hold_seconds == 45 for _, after in pairs)
