"""Planner timings, cold and warm (issue 10 §3): `python bench/bench_planner.py`.

Cold: every plan from an empty memo (the per-catalog Index and its eight caches made
anew), as the first plan after a deploy or for a new combination of constraints. Warm:
the same plan again with the caches filled. Both over the benchmark's 36 profiles (four
situations × three session lengths × three day patterns); p50 and p95 per plan.
"""

import statistics
import sys
import timeit
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import percentile  # noqa: E402
from rugcoach.core.catalog import load_catalog  # noqa: E402
from rugcoach.core.planner import Profile, SelfTests, build_plan, focus_areas  # noqa: E402
from rugcoach.core.planner import constraints as planner_constraints  # noqa: E402
from rugcoach.core.triage.engine import evaluate  # noqa: E402
from tests.triage_answers import benign_answers  # noqa: E402

ROUNDS = 15


def profiles() -> list[Profile]:
    return [
        Profile(situation=situation,
                due_date=date(2027, 6, 1) if situation == "pregnancy" else None,
                minutes_per_session=minutes, weekdays=days, complaint_weeks=6)
        for situation in ("home", "gym", "pregnancy", "hernia-lumbago")
        for minutes in (5, 15, 30)
        for days in (("mon", "thu"), ("mon", "wed", "fri"), ("mon", "tue", "wed", "thu", "fri"))
    ]  # fmt: skip


def main() -> None:
    catalog = load_catalog(ROOT / "content")
    triage = catalog.triage
    answers = {k: v for k, v in benign_answers(triage).items() if triage.questions[k].triage}
    verdict = evaluate(answers, triage)
    tests = SelfTests(bridge_felt_in="lower-back", stress="high")
    cases = [(p, focus_areas(p, tests, catalog.planner)) for p in profiles()]

    def one(profile: Profile, focus) -> None:  # type: ignore[no-untyped-def]
        build_plan(profile, focus, verdict, catalog, catalog.planner, starts_on=date(2027, 1, 4))

    cold: list[float] = []
    warm: list[float] = []
    for _ in range(ROUNDS):
        for profile, focus in cases:
            planner_constraints._INDEXES.clear()
            started = timeit.default_timer()
            one(profile, focus)
            cold.append(timeit.default_timer() - started)
            started = timeit.default_timer()
            one(profile, focus)
            warm.append(timeit.default_timer() - started)
    for name, samples in (("cold (no memo)", cold), ("warm (memo filled)", warm)):
        milliseconds = [s * 1000 for s in samples]
        p50, p95 = statistics.median(milliseconds), percentile(milliseconds, 0.95)
        print(f"{name:<20} p50 {p50:7.3f} ms   p95 {p95:7.3f} ms   ({len(samples)} plans)")


if __name__ == "__main__":
    main()
