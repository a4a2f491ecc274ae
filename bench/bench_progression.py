"""The progression engine over a year of daily history (issue 13 §2):
`python bench/bench_progression.py`.

The norm: one evaluation of a member with a session every day for a year in well under
10 ms. Beside it, a baseline measured in the same run (the same call with an empty
history), so the ratio says what the history costs whatever the machine.
"""

import random
import sys
import timeit
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rugcoach.core.catalog import load_catalog  # noqa: E402
from rugcoach.core.kernel.text import Text  # noqa: E402
from rugcoach.core.progression.engine import evaluate  # noqa: E402
from rugcoach.core.progression.models import (  # noqa: E402
    CheckIn,
    ExerciseLog,
    FollowUp,
    SessionLog,
)
from rugcoach.core.schedule import (  # noqa: E402
    Item,
    Prescription,
    PrescriptionVersion,
    Schedule,
    ScheduleSession,
)

DAYS = 365
START = date(2027, 1, 4)
MAINS = ("glute-bridge", "bird-dog", "dead-bug", "side-plank-knee")
LIMIT_MS = 10.0


def per_call_ms(statement, number: int = 50) -> float:
    best = min(timeit.repeat(statement, number=number, repeat=5))
    return best / number * 1e3


def main() -> None:
    catalog = load_catalog(ROOT / "content")
    reason = Text(nl="Zo gepland.", en="As planned.")

    def prescription(slug: str) -> Prescription:
        dose = catalog.exercises[slug].dose
        return Prescription(
            sets=dose.sets.low,
            reps=dose.reps.low if dose.reps else None,
            hold_seconds=dose.hold_seconds.low if dose.hold_seconds else None,
            duration_seconds=dose.duration_seconds.low if dose.duration_seconds else None,
            per_side=dose.per_side,
            rest_seconds=dose.rest_seconds,
            rung=0,
        )

    schedule = Schedule(
        kind="bench-year",
        sessions=tuple(
            ScheduleSession(
                key=f"d{day}", day_offset=day, order=0, seconds=900,
                items=tuple(
                    Item(key=f"d{day}.{n}", order=n, slug=slug, role="main", reason=reason,
                         step="base",
                         versions=(PrescriptionVersion(number=1, prescription=prescription(slug),
                                                       reason=reason),))
                    for n, slug in enumerate(MAINS)
                ),
            )
            for day in range(DAYS + 1)
        ),
    )  # fmt: skip
    rng = random.Random(13)
    history = [
        SessionLog(
            session_key=f"d{day}", on=START + timedelta(days=day),
            baseline=rng.randint(0, 4), peak=rng.randint(0, 6),
            exercises=tuple(
                ExerciseLog(item_key=f"d{day}.{n}", slug=slug, prescription=prescription(slug),
                            outcome=rng.choice(["done", "too_easy", "right", "too_hard"]),
                            pain=rng.randint(0, 5))
                for n, slug in enumerate(MAINS)
            ),
            next_morning=FollowUp(feeling="same", pain=rng.randint(0, 4)),
        )
        for day in range(DAYS)
    ]  # fmt: skip
    check_ins = [CheckIn(on=START + timedelta(days=d), clearly_worse=False) for d in range(DAYS)]

    def run(with_history: bool) -> None:
        evaluate(
            schedule,
            starts_on=START,
            today=START + timedelta(days=DAYS),
            history=history if with_history else [],
            check_ins=check_ins if with_history else [],
            exercises=catalog.exercises,
            rules=catalog.progression,
        )

    baseline = per_call_ms(lambda: run(False))
    year = per_call_ms(lambda: run(True))
    print(f"{'baseline (no history)':<32} {baseline:8.3f} ms")
    print(f"{'a year of daily history':<32} {year:8.3f} ms  ({year / baseline:.1f}× baseline)")
    print(f"{'norm':<32} {LIMIT_MS:8.3f} ms  ({'ok' if year < LIMIT_MS else 'TOO SLOW'})")


if __name__ == "__main__":
    main()
