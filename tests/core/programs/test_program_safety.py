"""The review's safety fixes in the programs' core (issue 14):

- a member may do only what BOTH the full check and today's check-in allow;
- the check-in's "clearly worse after my last session" holds the next day (R2);
- a held day goes down from the dose PLAYED, so pain keeps lowering it, and an exercise
  at its lightest is swapped or left out with the reason;
- two held days in a row send the member to a physiotherapist (R4);
- a substitute says what it replaces and why.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rugcoach.core.kernel.vocabulary import Condition, Situation
from rugcoach.core.planner.constraints import member_conditions
from rugcoach.core.planner.profile import Profile, Weekday
from rugcoach.core.programs.build import NO_INTAKE, for_member, program_schedule, session_seconds
from rugcoach.core.programs.days import (
    DayDone,
    gentler_day,
    item_session,
    lighter,
    next_day,
    physio_first,
)
from rugcoach.core.progression.models import CheckIn, ExerciseLog, SessionLog
from rugcoach.core.schedule import Schedule
from rugcoach.core.triage.conditions import Level
from rugcoach.core.triage.engine import evaluate
from tests.core.programs.support import member
from tests.core.test_planner_support import VERDICTS, catalog, verdict
from tests.core.test_triage import checkin_answers

START = date(2027, 3, 1)
RULES = catalog().progression
PROGRAMS = sorted(catalog().programs.programs)


def _checkin(pain: int):  # type: ignore[no-untyped-def]
    return evaluate(checkin_answers(pain_now=pain), catalog().triage, checkin=True)


# --- 1. both verdicts -----------------------------------------------------------------


@pytest.mark.parametrize("pain", [6, 7, 8, 9])
def test_a_check_in_with_high_pain_allows_only_its_gentle_list_whatever_the_full_check(
    pain: int,
) -> None:
    """Clinical reference §9: above 5/10 only breathing and gentle mobility. Every full
    check the tests know, every program: nothing outside today's gentle list plays."""
    c = catalog()
    today = _checkin(pain)
    assert today.level is Level.REST_THEN_REBUILD
    gentle = set(today.exercises)
    for name in VERDICTS:
        full = verdict(name)
        if not full.level.allows_training:
            continue
        who = for_member(full, c, c.planner, also=[today])
        alone = for_member(full, c, c.planner)
        assert who.allowed <= gentle & alone.allowed, name
        assert who.level is Level.REST_THEN_REBUILD or who.level.severity > today.level.severity
        for slug in PROGRAMS:
            found = program_schedule(c.programs.programs[slug], who, c.exercises)
            if isinstance(found, Schedule):
                played = {i.slug for s in found.sessions for i in s.items}
                assert played <= gentle, f"{name} / {slug}: {played - gentle}"


def test_conditions_of_both_verdicts_join() -> None:
    c = catalog()
    who = for_member(verdict("fragile-bones"), c, c.planner, also=[_checkin(7)])
    assert Condition.OSTEOPOROSIS in who.conditions
    assert Condition.ACUTE_PAIN in who.conditions


def test_a_pregnancy_known_only_from_the_check_counts_as_the_latest_trimester() -> None:
    """One home: ``member_conditions`` (the plans ask it too)."""
    found = member_conditions(NO_INTAKE, verdict("pregnant-1"), catalog().planner)
    assert Condition.PREGNANCY_AFTER_FIRST_TRIMESTER in found
    with_week = member_conditions(NO_INTAKE, verdict("pregnant-1"), catalog().planner, 8)
    assert Condition.PREGNANCY_AFTER_FIRST_TRIMESTER not in with_week
    not_pregnant = member_conditions(NO_INTAKE, verdict("benign"), catalog().planner)
    assert Condition.PREGNANCY_AFTER_FIRST_TRIMESTER not in not_pregnant


# --- 2. the check-in's "clearly worse" -------------------------------------------------


def _log(key: str, on: date, *, peak: int = 3, **extra: object) -> SessionLog:
    return SessionLog(session_key=key, on=on, baseline=3, peak=peak, **extra)  # type: ignore[arg-type]


def _day(key: str, offset: int, *, peak: int = 3) -> DayDone:
    on = START + timedelta(days=offset)
    return DayDone(key, on, _log(key, on, peak=peak))


def test_a_check_in_clearly_worse_after_the_last_session_holds_the_day() -> None:
    program = catalog().programs.programs["challenge-30-days"]
    done = [DayDone("d01", START, _log("d01", START))]
    assert next_day(program, done, RULES).key == "d02"
    worse = [CheckIn(on=START + timedelta(days=1), clearly_worse=True)]
    held = next_day(program, done, RULES, worse)
    assert held.key == "d01" and held.repeat and held.gentler
    assert [r.rule for r in held.reasons] == ["R2"]
    # A check-in before (or on the day of) the session is about another session.
    earlier = [CheckIn(on=START, clearly_worse=True)]
    assert next_day(program, done, RULES, earlier).key == "d02"
    fine = [CheckIn(on=START + timedelta(days=1), clearly_worse=False)]
    assert next_day(program, done, RULES, fine).key == "d02"


# --- 3. pain keeps lowering the dose, then swaps or leaves out --------------------------


def _schedule(slug: str, who: str = "benign") -> Schedule:
    found = program_schedule(
        catalog().programs.programs[slug], member("home", who), catalog().exercises
    )
    assert isinstance(found, Schedule)
    return found


@pytest.mark.parametrize("slug", PROGRAMS)
def test_pain_every_day_keeps_lowering_until_the_exercise_is_swapped_or_left_out(slug: str) -> None:
    """20 days with pain 7 on the first main item: each repeat starts from the dose
    played, so it goes down every time (never one step below the base forever)."""
    program = catalog().programs.programs[slug]
    exercises = catalog().exercises
    base = _schedule(slug).sessions[0]
    target = next((i for i in base.items if i.role == "main"), base.items[0])
    session = base
    previous = None
    changed = 0
    for day in range(20):
        item = next((i for i in session.items if i.key == target.key), None)
        if item is None:
            break  # left out, with its reason (checked below)
        log = _log(
            base.key,
            START + timedelta(days=day),
            peak=7,
            exercises=(
                ExerciseLog(
                    item_key=item.key,
                    slug=item.slug,
                    prescription=item.prescription,
                    outcome="hurt",
                    pain=7,
                ),
            ),
        )
        lowered = gentler_day(session, log, program, exercises, rules=RULES, allowed=None)
        after = next((i for i in lowered.session.items if i.key == target.key), None)
        if after is None:
            assert lowered.dropped, "left out says why"
            assert "vandaag weg" in lowered.dropped[0].nl
            break
        assert (after.slug, after.prescription) != (item.slug, item.prescription), day
        if after.slug == item.slug and day > 0:
            # (The first repeat may take the content's own gentler dose instead.)
            assert after.prescription == lighter(item.prescription), "from the dose played"
        now = session_seconds(item_session(after), exercises)
        if previous is not None and after.slug == item.slug:
            assert now <= previous
        previous = now
        changed += 1
        session = lowered.session
    assert changed >= 1


def test_a_second_bad_day_goes_below_the_first_repeat() -> None:
    program = catalog().programs.programs["challenge-30-days"]
    exercises = catalog().exercises
    session = _schedule("challenge-30-days").sessions[0]
    item = next(i for i in session.items if i.role == "main")
    played = item.prescription.model_copy(update={"sets": 2})

    def hurt(p):  # type: ignore[no-untyped-def]
        return _log(
            "d01",
            START,
            peak=7,
            exercises=(
                ExerciseLog(
                    item_key=item.key, slug=item.slug, prescription=p, outcome="hurt", pain=7
                ),
            ),
        )

    first = gentler_day(session, hurt(played), program, exercises, rules=RULES, allowed=None)
    got = next(i for i in first.session.items if i.key == item.key)
    if got.slug == item.slug:
        assert got.prescription.sets == 1, "one below what was played (2), not below the base"


# --- 3b. two held days: a physiotherapist -----------------------------------------------


def test_two_days_held_for_pain_in_a_row_send_to_a_physio() -> None:
    program = catalog().programs.programs["challenge-30-days"]
    one = [DayDone("d01", START, _log("d01", START, peak=7))]
    assert physio_first(program, one, RULES) is None
    two = [
        *one,
        DayDone("d01", START + timedelta(days=1), _log("d01", START + timedelta(days=1), peak=8)),
    ]
    found = physio_first(program, two, RULES)
    assert found is not None and found.rule == "R4"
    assert found.text == RULES.rules["R4"].text
    # A calm day in between breaks the run.
    calm = DayDone("d01", START + timedelta(days=1), _log("d01", START + timedelta(days=1)))
    broken = [
        one[0],
        calm,
        DayDone("d02", START + timedelta(days=2), _log("d02", START + timedelta(days=2), peak=7)),
    ]
    assert physio_first(program, broken, RULES) is None


def test_a_check_in_clearly_worse_counts_as_a_held_day() -> None:
    program = catalog().programs.programs["challenge-30-days"]
    days = [_day("d01", 0, peak=7), _day("d02", 1)]
    assert physio_first(program, days, RULES) is None
    worse = [CheckIn(on=START + timedelta(days=2), clearly_worse=True)]
    assert physio_first(program, days, RULES, worse) is not None
    assert RULES.programs.physio_after_held_days == 2


# --- 4. a substitute says why ----------------------------------------------------------


def test_a_substitute_says_what_it_replaces_and_why() -> None:
    c = catalog()
    profile = Profile(
        situation=Situation.HOME, minutes_per_session=10, weekdays=(Weekday.MON,), complaint_weeks=0
    )
    who = for_member(verdict("pregnant-3"), c, c.planner, profile)
    program = c.programs.programs["challenge-30-days"]
    found = program_schedule(program, who, c.exercises, rules=RULES.programs)
    assert isinstance(found, Schedule)
    swapped = [i for s in found.sessions for i in s.items if i.replaces]
    assert swapped, "the challenge swaps something for a late pregnancy"
    for item in swapped:
        why = item.why_changed
        assert why is not None
        old = c.exercises[item.replaces].name  # type: ignore[index]
        assert why.nl.startswith(f"In plaats van {old.nl}, omdat")
        assert why.en.startswith(f"In place of {old.en}, because")
        reason = who.why_not(item.replaces)  # type: ignore[arg-type]
        assert reason is not None and reason.nl in why.nl
