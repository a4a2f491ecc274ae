"""Micro-benchmarks of the pure engines (not tests): `python bench/bench_core.py`.

The norm: a triage or a plan in well under a millisecond; a library search likewise.
"""

import sys
import timeit
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rugcoach.core.catalog import load_catalog  # noqa: E402
from rugcoach.core.kernel.vocabulary import Situation  # noqa: E402
from rugcoach.core.library.search import ExerciseQuery, find_exercises  # noqa: E402
from rugcoach.core.planner import Profile, SelfTests, build_plan, focus_areas  # noqa: E402
from rugcoach.core.triage.engine import evaluate  # noqa: E402
from tests.triage_answers import benign_answers  # noqa: E402


def per_call_us(statement, number: int = 2000) -> float:
    best = min(timeit.repeat(statement, number=number, repeat=5))
    return best / number * 1e6


def main() -> None:
    started = timeit.default_timer()
    catalog = load_catalog(ROOT / "content")
    print(f"load_catalog: {(timeit.default_timer() - started) * 1000:.0f} ms (once per process)")

    triage = catalog.triage
    answers = {k: v for k, v in benign_answers(triage).items() if triage.questions[k].triage}
    flagged = {**answers, "saddle_numbness": True}
    checkin = {k: v for k, v in benign_answers(triage).items() if k in triage.checkin_order}
    home = ExerciseQuery(situations=frozenset({Situation.HOME}))
    verdict = evaluate(answers, triage)
    profiles = [
        Profile(situation=situation,
                due_date=date(2027, 6, 1) if situation == "pregnancy" else None,
                minutes_per_session=minutes, weekdays=days, complaint_weeks=6)
        for situation in ("home", "gym", "pregnancy", "hernia-lumbago")
        for minutes in (5, 15, 30)
        for days in (("mon", "thu"), ("mon", "wed", "fri"), ("mon", "tue", "wed", "thu", "fri"))
    ]  # fmt: skip
    focus = focus_areas(profiles[0], SelfTests(bridge_felt_in="lower-back"), catalog.planner)

    def plan_each_profile() -> None:
        for profile in profiles:
            build_plan(profile, focus, verdict, catalog, catalog.planner,
                       starts_on=date(2027, 1, 4))  # fmt: skip

    per_plan = per_call_us(plan_each_profile, number=20) / len(profiles)
    cases = {
        "triage, benign": lambda: evaluate(answers, triage),
        "triage, red flag": lambda: evaluate(flagged, triage),
        "check-in": lambda: evaluate({**answers, **checkin}, triage, checkin=True),
        "library: situation filter": lambda: find_exercises(catalog, home),
        "library: search 'kat koe'": lambda: find_exercises(catalog, ExerciseQuery(text="kat koe")),
    }
    for name, call in cases.items():
        print(f"{name:<28} {per_call_us(call):8.1f} µs")
    print(f"{'plan (36 profiles, avg)':<28} {per_plan:8.1f} µs")


if __name__ == "__main__":
    main()
