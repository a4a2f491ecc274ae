"""The trainer's dashboard at scale (issue 15 §5): `python bench/bench_dashboard.py`.

Runs on the database of ``DATABASE_URL`` after ``manage.py generate_scale_data`` (100,000
members, 5 million session logs, 1 million check results, a trainer with 500 consented
members and about 50 open alerts; docs/scale.md). Times N requests of the dashboard
through Django's test client (middleware, session, template: the whole page) and N calls
of the selector alone (``trainers.selectors.dashboard``), and prints p50/p95 and the
query count of each. Beside them, baselines measured in the same run: a page that reads
no member data (the privacy page) and one indexed query (the trainer's consents
counted), so the ratios say what the dashboard costs whatever the machine.
Norm: p95 of the page at most 50 ms.

Each run is rolled back (the dashboard writes its access-log rows), so the data stays
as generated and runs compare. Not part of `make test`.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/rc_scale DJANGO_DEBUG=0 \\
        DJANGO_SECRET_KEY=<50 random characters> DJANGO_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/bench_dashboard.py --runs 200

(production settings, as the app is served; ``DJANGO_DEBUG=1`` works too and is slower:
the debug template engine records every node).
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugcoach.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from rugcoach.accounts.models import User  # noqa: E402
from rugcoach.trainers import selectors  # noqa: E402
from rugcoach.trainers.models import Consent  # noqa: E402

LIMIT_P95_MS = 50.0
BENCH_SQL = {"BEGIN", "ROLLBACK", "SAVEPOINT", "RELEASE"}


class Rollback(Exception):
    """Raised inside each timed call's transaction to undo what it wrote."""


def timed(call: Callable[[], object], runs: int, warmup: int) -> tuple[list[float], int]:
    """Milliseconds of each of ``runs`` calls (after ``warmup`` untimed ones), each in a
    transaction rolled back afterwards, and the queries of one call."""

    def once() -> float:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                call()
                took = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        return took * 1000

    for _ in range(warmup):
        once()
    with CaptureQueriesContext(connection) as queries:
        once()
    # The transaction's own statements (BEGIN, ROLLBACK) are the bench's, not the call's.
    counted = [q for q in queries.captured_queries if q["sql"].split()[0] not in BENCH_SQL]
    return [once() for _ in range(runs)], len(counted)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--trainer-email", default="scale-trainer@rugcoach.test")
    options = parser.parse_args()

    # No setup_test_environment(): it instruments every template render so the test
    # client can keep each context, which a server never does; with a hundred included
    # partials it added ~10 ms to the page. DJANGO_ALLOWED_HOSTS=testserver is enough.
    trainer = User.objects.filter(email=options.trainer_email).first()
    if trainer is None:
        sys.exit(f"No {options.trainer_email}: run manage.py generate_scale_data first.")
    found = selectors.dashboard(trainer, now=timezone.now())
    print(
        f"{connection.vendor}: {User.objects.count():,} users; the trainer has "
        f"{found.member_count:,} consented members and {len(found.open_alerts)} open alerts"
    )
    client = Client()
    client.force_login(trainer)
    page = reverse("trainers:dashboard")
    privacy = reverse("privacy_policy")

    def get(url: str) -> Callable[[], object]:
        def call() -> object:
            # secure: production settings (DJANGO_DEBUG=0) redirect plain HTTP to HTTPS.
            response = client.get(url, secure=True)
            assert response.status_code == 200, response.status_code
            return response

        return call

    rows = [
        ("baseline: privacy page", *timed(get(privacy), options.runs, options.warmup)),
        ("dashboard page", *timed(get(page), options.runs, options.warmup)),
        (
            "baseline: consents counted",
            *timed(
                lambda: Consent.objects.filter(trainer__user=trainer).count(),
                options.runs,
                options.warmup,
            ),
        ),
        (
            "dashboard selector",
            *timed(
                lambda: selectors.dashboard(trainer, now=timezone.now()),
                options.runs,
                options.warmup,
            ),
        ),
    ]
    baselines = {"dashboard page": rows[0][1], "dashboard selector": rows[2][1]}
    for name, times, queries in rows:
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        base = baselines.get(name)
        ratio = f"  ({p50 / statistics.median(base):.1f}x baseline p50)" if base else ""
        print(f"{name:<28} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  {queries:2d} queries{ratio}")
    page_p95 = percentile(rows[1][1], 0.95)
    verdict = "ok" if page_p95 <= LIMIT_P95_MS else "TOO SLOW"
    print(f"{'norm: page p95':<28} {LIMIT_P95_MS:.0f} ms  ({verdict}, {options.runs} runs)")


if __name__ == "__main__":
    main()
