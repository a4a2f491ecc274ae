"""The schedule package: one dose type that words itself as the library does, stable
keys, day offsets (nothing assumes 4 weeks or weekdays), versions where the latest is
what to do next time."""

from __future__ import annotations

import pytest
from django.utils import translation
from pydantic import ValidationError

from rugcoach.core.kernel.text import Text
from rugcoach.core.planner import Plan, SelfTests, build_plan, focus_areas
from rugcoach.core.planner.schedule import plan_schedule, prescription_of
from rugcoach.core.schedule import (
    Item,
    Prescription,
    PrescriptionVersion,
    Schedule,
    ScheduleSession,
)
from rugcoach.library.presenters import format_dose
from tests.core.test_planner_properties import START
from tests.core.test_planner_support import catalog, planner_content, verdict
from tests.plan_helpers import HOME_PROFILE


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_prescription_says_its_dose_as_the_library_does(language):
    """For every exercise at a fixed dose (the low end of each range), the words of the
    one dose type are the library's dose line, in both languages."""
    for exercise in catalog().exercises.values():
        dose = exercise.dose
        fixed = dose.model_copy(
            update={
                field: type(getattr(dose, field))(
                    low=getattr(dose, field).low, high=getattr(dose, field).low
                )
                for field in ("sets", "reps", "hold_seconds", "duration_seconds")
                if getattr(dose, field) is not None
            }
        )
        with translation.override(language):
            expected = format_dose(fixed).summary
        item = Prescription(
            sets=fixed.sets.low,
            reps=fixed.reps.low if fixed.reps else None,
            hold_seconds=fixed.hold_seconds.low if fixed.hold_seconds else None,
            duration_seconds=fixed.duration_seconds.low if fixed.duration_seconds else None,
            per_side=fixed.per_side,
            rest_seconds=fixed.rest_seconds,
            breathing=None
            if fixed.breathing_pace is None
            else {"inhale": fixed.breathing_pace.inhale, "exhale": fixed.breathing_pace.exhale},
        )
        assert item.words().get(language) == expected, exercise.slug


def plan() -> Plan:
    content = planner_content()
    focus = focus_areas(HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"), content)
    made = build_plan(HOME_PROFILE, focus, verdict("benign"), catalog(), content, starts_on=START)
    assert isinstance(made, Plan)
    return made


def test_a_plan_becomes_a_schedule_with_stable_keys_and_day_offsets():
    made = plan()
    schedule = plan_schedule(made, catalog().exercises)
    assert [s.key for s in schedule.sessions][:3] == ["w1-mon", "w1-wed", "w1-fri"]
    assert [s.day_offset for s in schedule.sessions][:4] == [0, 2, 4, 7]
    assert schedule.days == 7 * 3 + 4 + 1
    for week in made.weeks:
        for session in week.sessions:
            found = schedule.session(f"w{week.number}-{session.weekday.value}")
            assert found is not None
            for order, item in enumerate(session.items):
                got = found.item(f"{found.key}.{order}")
                assert got is not None and got.slug == item.slug
                words = got.prescription.words()
                assert words == prescription_of(item, catalog().exercises[item.slug]).words()
    # Week 1 starts at the base of every main's ladder, or below it with fewer sets: a
    # negative rung counts the sets left out.
    firsts = [i for i in schedule.sessions[0].items if i.role == "main"]
    assert firsts
    for i in firsts:
        low = catalog().exercises[i.slug].dose.sets.low
        assert i.prescription.rung == i.prescription.sets - low <= 0


def test_a_seven_day_schedule_is_as_valid_and_next_time_is_the_latest_version():
    base = Prescription(sets=2, reps=10, rest_seconds=30, rung=0)
    harder = base.model_copy(update={"reps": 12, "rung": 1})
    why = Text(nl="Ging goed", en="Went well")
    item = Item(
        key="d1.0",
        order=0,
        slug="bird-dog",
        role="main",
        reason=why,
        step="base",
        versions=(
            PrescriptionVersion(number=1, prescription=base, reason=why),
            PrescriptionVersion(number=2, prescription=harder, reason=why, source="progression"),
        ),
    )
    sessions = tuple(
        ScheduleSession(key=f"d{day}", day_offset=day, order=0, seconds=300, items=(item,))
        if day == 1
        else ScheduleSession(key=f"d{day}", day_offset=day, order=0, seconds=0, items=())
        for day in range(7)
    )
    schedule = Schedule(kind="recovery-7-days", sessions=sessions)
    assert schedule.days == 7
    assert schedule.session("d1").item("d1.0").prescription == harder  # type: ignore[union-attr]
    with pytest.raises(ValidationError):
        Schedule(kind="x", sessions=(sessions[1], sessions[1]))
    with pytest.raises(ValidationError):
        item.model_copy(update={}).model_validate(
            {**item.model_dump(), "versions": [item.versions[1].model_dump()]}
        )
