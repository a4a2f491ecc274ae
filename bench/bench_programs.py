"""The programs' core (issue 14 §1): `python bench/bench_programs.py`.

Timed per call: the 30-day challenge as a Schedule for a member (``program_schedule``,
the biggest program: 30 sessions), the page's standing and next day after 30 done days,
and a lighter repeat (``gentler_session``). Beside them, a baseline measured in the same
run: the planner's ``plan_schedule`` of a 4-week plan of 3 sessions a week (the same
kind of work: a Schedule of pydantic items), so the ratio says what a program costs
whatever the machine. Norm: a program's schedule in well under 20 ms, the day logic
under 1 ms.
"""

import sys
import timeit
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rugcoach.core.catalog import load_catalog  # noqa: E402
from rugcoach.core.planner import Profile, SelfTests, build_plan, focus_areas  # noqa: E402
from rugcoach.core.planner.constraints import constraints_for, index_for  # noqa: E402
from rugcoach.core.planner.schedule import plan_schedule  # noqa: E402
from rugcoach.core.programs.build import ForMember, program_schedule  # noqa: E402
from rugcoach.core.programs.days import (  # noqa: E402
    DayDone,
    gentler_session,
    next_day,
    standing,
)
from rugcoach.core.progression.models import FollowUp, SessionLog  # noqa: E402
from rugcoach.core.schedule import Schedule  # noqa: E402
from rugcoach.core.triage.engine import evaluate  # noqa: E402
from tests.triage_answers import benign_answers  # noqa: E402

START = date(2027, 1, 4)
LIMIT_SCHEDULE_MS = 20.0
LIMIT_DAYS_MS = 1.0


def per_call_ms(call, number: int = 50) -> float:  # type: ignore[no-untyped-def]
    return min(timeit.repeat(call, number=number, repeat=5)) / number * 1000


def main() -> None:
    catalog = load_catalog(ROOT / "content")
    triage = catalog.triage
    answers = {k: v for k, v in benign_answers(triage).items() if triage.questions[k].triage}
    verdict = evaluate(answers, triage)
    profile = Profile(
        situation="home", minutes_per_session=10, weekdays=("mon", "wed", "fri"),
        complaint_weeks=6,
    )  # fmt: skip
    index = index_for(catalog, catalog.planner)
    constraints = constraints_for(profile, verdict, index)
    member = ForMember(
        level=verdict.level,
        conditions=frozenset(constraints.conditions),
        allowed=index.allowed(constraints).slugs,
    )
    plan = build_plan(
        profile, focus_areas(profile, SelfTests(), catalog.planner), verdict, catalog,
        catalog.planner, starts_on=START,
    )  # fmt: skip
    challenge = catalog.programs.programs["challenge-30-days"]
    built = program_schedule(challenge, member, catalog.exercises)
    assert isinstance(built, Schedule)
    done = [
        DayDone(
            key=s.key,
            on=START + timedelta(days=n),
            log=SessionLog(
                session_key=s.key, on=START + timedelta(days=n), baseline=3, peak=3,
                next_morning=FollowUp(feeling="same", pain=3),
            ),
        )
        for n, s in enumerate(challenge.sessions[:29])
    ]  # fmt: skip
    hurt = done[-1].log.model_copy(update={"next_morning": FollowUp(feeling="worse", pain=6)})  # type: ignore[union-attr]
    minutes = {s.key: 5 for s in challenge.sessions}
    today = START + timedelta(days=30)

    baseline = per_call_ms(lambda: plan_schedule(plan, catalog.exercises))
    schedule_ms = per_call_ms(lambda: program_schedule(challenge, member, catalog.exercises))
    days_ms = per_call_ms(
        lambda: (
            next_day(challenge, done, catalog.progression),
            standing(challenge, done, today, minutes),
        )
    )
    gentler_ms = per_call_ms(
        lambda: gentler_session(
            built.sessions[28], hurt, challenge, catalog.exercises, rules=catalog.progression
        )
    )
    rows = [
        ("baseline (plan_schedule, 12)", baseline),
        ("challenge schedule (30 sessions)", schedule_ms),
        ("next day + standing (29 done)", days_ms),
        ("gentler session", gentler_ms),
    ]
    for name, ms in rows:
        print(f"{name:<34} {ms:8.3f} ms  ({ms / baseline:.2f}x baseline)")
    ok = schedule_ms < LIMIT_SCHEDULE_MS and days_ms < LIMIT_DAYS_MS
    verdict = "ok" if ok else "TOO SLOW"
    print(f"{'norm':<34} {LIMIT_SCHEDULE_MS:.0f} ms / {LIMIT_DAYS_MS:.0f} ms  ({verdict})")


if __name__ == "__main__":
    main()
