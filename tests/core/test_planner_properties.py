"""Property tests: every combination of situation, week of pregnancy, equipment, minutes, days,
self-tests and triage verdict gives a plan that is safe, fits, builds up and is stable.

The constraints are checked against rules written out here (tests/core/
test_planner_support.py), not against the planner's own helpers.
"""

from __future__ import annotations

import copy
import sys
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugcoach.core.kernel.vocabulary import Condition, Equipment, Position, Situation
from rugcoach.core.library.exercises import Exercise
from rugcoach.core.planner import (
    NoPlan,
    Plan,
    PlanError,
    Profile,
    SelfTests,
    Trigger,
    Week,
    Weekday,
    alternatives,
    build_plan,
    focus_areas,
    swap,
)
from rugcoach.core.triage.schema import Level
from tests.core.test_planner_support import (
    HERNIA_FORBIDDEN,
    PLANKS_AND_ROTATIONS,
    VERDICTS,
    available,
    catalog,
    expected_item_seconds,
    expected_session_seconds,
    expected_work_seconds,
    implied,
    planner_content,
    raw_dose,
    verdict,
)

START = date(2027, 1, 4)  # a Monday: the plan's first day
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LEVELS = ("low", "medium", "high")


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    situation = draw(st.sampled_from(Situation))
    due_date = None
    if situation is Situation.PREGNANCY:
        # Any day of the pregnancy at the plan's start, weeks 0 to 41.
        due_date = START + timedelta(days=draw(st.integers(1, 280)))
    return Profile(
        situation=situation,
        due_date=due_date,
        equipment=draw(st.frozensets(st.sampled_from(Equipment))),
        minutes_per_session=draw(st.sampled_from((5, 10, 15, 20, 30))),
        weekdays=tuple(
            draw(st.lists(st.sampled_from(Weekday), min_size=1, max_size=7, unique=True))
        ),
        complaint_weeks=draw(st.integers(0, 520)),
        triggers=draw(st.frozensets(st.sampled_from(Trigger))),
    )


self_tests = st.builds(
    SelfTests,
    bridge_felt_in=st.none() | st.sampled_from(("glutes", "lower-back", "hamstrings")),
    core_belly_shakes=st.none() | st.booleans(),
    core_breath_stops=st.none() | st.booleans(),
    core_pelvis_moves=st.none() | st.booleans(),
    sitting_hours=st.none() | st.integers(0, 24),
    stress=st.none() | st.sampled_from(LEVELS),
    training_load=st.none() | st.sampled_from(LEVELS),
    movement_variety=st.none() | st.sampled_from(LEVELS),
)
verdict_names = st.sampled_from(sorted(VERDICTS))


def make(member: Profile, tests: SelfTests, name: str) -> Plan | NoPlan:
    focus = focus_areas(member, tests, planner_content())
    return build_plan(member, focus, verdict(name), catalog(), planner_content(), starts_on=START)


def week_of_pregnancy(member: Profile, week: int, weekday: Weekday) -> int | None:
    """Written out here: completed weeks since 280 days before the due date."""
    if member.due_date is None:
        return None
    day = START + timedelta(days=7 * (week - 1) + weekday.offset)
    return (280 - (member.due_date - day).days) // 7


def undated(week: Week) -> Week:
    """The week without each session's week of pregnancy (which moves on by one)."""
    sessions = tuple(s.model_copy(update={"pregnancy_week": None}) for s in week.sessions)
    return week.model_copy(update={"sessions": sessions})


def crosses_week_13(member: Profile) -> bool:
    weeks = {
        (week_of_pregnancy(member, week, day) or 0) >= 13
        for week in range(1, 5)
        for day in member.weekdays
    }
    return len(weeks) == 2


def clear_every_core_cache() -> None:
    """Empty each functools cache in the core (caches keyed on equal values)."""
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("rugcoach.core") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def make_cold(member: Profile, tests: SelfTests, name: str) -> Plan | NoPlan:
    """As ``make``, but on deep copies of the content, so no memo keyed on the content
    objects (the planner's per-catalog index) can answer, and with every cache emptied."""
    clear_every_core_cache()
    fresh = copy.deepcopy(catalog())
    assert fresh is not catalog() and fresh.planner is not planner_content()
    focus = focus_areas(member, tests, fresh.planner)
    return build_plan(
        member, focus, copy.deepcopy(verdict(name)), fresh, fresh.planner, starts_on=START
    )


def items(plan: Plan, weeks: tuple[int, ...] = (1, 2, 3, 4)):
    for week in plan.weeks:
        if week.number in weeks:
            for session in week.sessions:
                yield from session.items


def rule_avoids(name: str) -> set[str]:
    rules = {rule.id: rule for rule in catalog().triage.rules}
    return {
        slug
        for reason in verdict(name).reasons
        if reason.rule in rules
        for slug in rules[reason.rule].avoid
    }


def check_allowed(slug: str, member: Profile, name: str, pregnancy_week: int | None = 40) -> None:
    """One exercise passes every constraint, checked from first principles (for a
    pregnancy: in the given week; by default the latest, strictest one)."""
    given_verdict = verdict(name)
    conditions = set(given_verdict.conditions) | implied(member.situation, pregnancy_week)
    exercise: Exercise = catalog().exercises[slug]
    contraindicated = {c.condition for c in exercise.contraindications}
    assert not contraindicated & conditions, (slug, contraindicated & conditions)
    assert set(exercise.equipment) <= available(member.situation, member.equipment), slug
    assert slug not in rule_avoids(name), slug
    assert exercise.level <= planner_content().max_level
    if given_verdict.level is Level.REST_THEN_REBUILD:
        assert slug in given_verdict.exercises
    if Condition.PREGNANCY in conditions:
        assert exercise.position is not Position.PRONE
        assert slug not in PLANKS_AND_ROTATIONS
    if Condition.PREGNANCY_AFTER_FIRST_TRIMESTER in conditions:
        assert exercise.position is not Position.SUPINE
    if Condition.HERNIA in conditions or Condition.ACUTE_PAIN in conditions:
        assert slug not in HERNIA_FORBIDDEN


def check_safe(plan: Plan, member: Profile, name: str) -> None:
    for week in plan.weeks:
        for session in week.sessions:
            pregnancy_week = week_of_pregnancy(member, week.number, session.weekday)
            assert session.pregnancy_week == pregnancy_week
            for item in session.items:
                check_allowed(item.slug, member, name, pregnancy_week)


def check_fits(plan: Plan, member: Profile) -> None:
    for week in plan.weeks:
        assert [s.weekday for s in week.sessions] == sorted(
            member.weekdays, key=lambda day: day.offset
        )
        for session in week.sessions:
            assert session.items
            assert session.seconds == expected_session_seconds(session.items)
            assert session.seconds <= member.minutes_per_session * 60
            for item in session.items:
                assert item.per_side == bool(raw_dose(item.slug).get("per_side"))
                assert item.seconds == expected_item_seconds(item.slug, item), item.slug
                assert item.work_seconds == expected_work_seconds(item.slug, item), item.slug


@SETTINGS
@given(profiles(), self_tests, verdict_names)
def test_every_plan_is_safe_fits_and_builds_up(member: Profile, tests: SelfTests, name: str):
    plan = make(member, tests, name)
    if not verdict(name).may_train:
        assert isinstance(plan, NoPlan)
        assert plan.reason == verdict(name).title
        return
    assert isinstance(plan, Plan)
    assert plan.level is verdict(name).level
    check_safe(plan, member, name)
    check_fits(plan, member)

    if crosses_week_13(member):
        return  # the build-up across the switch: test_week_13_switches_on_its_date
    week1, week2, week3, week4 = (undated(week) for week in plan.weeks)
    assert week1 == week2.model_copy(update={"number": 1, "theme": week1.theme})
    for later in (week3, week4):
        assert later.work_seconds >= week1.work_seconds
        for early, late in zip(week1.sessions, later.sessions, strict=True):
            assert late.work_seconds >= early.work_seconds

    exercises = catalog().exercises
    for session in week1.sessions:
        roles = [item.role for item in session.items]
        assert 1 <= roles.count("main") <= 4
        assert roles == sorted(roles, key=("warm-up", "main", "cool-down").index)
        for item in session.items:
            dose = exercises[item.slug].dose
            assert item.reps == (dose.reps.low if dose.reps else None)
            assert item.sets <= max(dose.sets.low, 1)
            assert item.reason.nl and item.reason.en
            assert (item.focus is not None) == (item.role == "main")
    excluded = {e.slug for e in plan.excluded}
    assert excluded.isdisjoint({item.slug for item in items(plan)})
    assert excluded | {item.slug for item in items(plan)} <= set(exercises)
    latest = week_of_pregnancy(member, 4, member.weekdays[-1])
    for slug in set(exercises) - excluded:  # what the planner may still offer in a swap
        check_allowed(slug, member, name, latest)


@SETTINGS
@given(profiles(), self_tests, verdict_names)
def test_same_input_same_plan_and_json_round_trip(member: Profile, tests: SelfTests, name: str):
    """The plan from warm caches (filled by every earlier example) is the plan computed
    from nothing: fresh copies of the content, every memo emptied. Compared as JSON."""
    first = make(member, tests, name)
    again = make_cold(Profile.model_validate(member.model_dump(mode="json")), tests, name)
    assert first is not again
    assert first.model_dump_json() == again.model_dump_json()
    kind = type(first)
    assert kind.model_validate(first.model_dump(mode="json")) == first
    assert kind.model_validate_json(first.model_dump_json()) == first


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    profiles(),
    self_tests,
    verdict_names,
    st.integers(1, 4),
    st.integers(0, 6),
    st.integers(0, 9),
    st.sampled_from(sorted(catalog().exercises)),
)
def test_swap_accepts_only_valid_alternatives(
    member: Profile,
    tests: SelfTests,
    name: str,
    week: int,
    day_index: int,
    item_index: int,
    stranger: str,
):
    plan = make(member, tests, name)
    if isinstance(plan, NoPlan):
        return
    session = plan.weeks[week - 1].sessions[day_index % len(member.weekdays)]
    item = session.items[item_index % len(session.items)]
    args = (member, verdict(name), catalog(), planner_content())
    options = alternatives(plan, week, session.weekday, item.slug, *args)
    assert item.slug not in options
    assert set(options).isdisjoint({i.slug for i in session.items})
    for option in options:
        check_allowed(option, member, name, week_of_pregnancy(member, week, session.weekday))
    for option in options[:3]:
        try:
            swapped = swap(plan, week, session.weekday, item.slug, option, *args)
        except PlanError as error:  # only when the alternative cannot fit in the time
            assert "does not fit" in str(error)
            continue
        new_session = swapped.week(week).session(session.weekday)
        assert new_session is not None and new_session.item(option) is not None
        assert new_session.seconds <= member.minutes_per_session * 60
        check_safe(swapped, member, name)
        assert Plan.model_validate(swapped.model_dump(mode="json")) == swapped
    if stranger not in options:
        try:
            swap(plan, week, session.weekday, item.slug, stranger, *args)
        except PlanError as error:
            assert str(error)
        else:
            raise AssertionError(f"swap accepted {stranger}, not an alternative")
