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
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugcoach.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.timing import Timing, timed  # noqa: E402
from rugcoach.accounts.models import User  # noqa: E402
from rugcoach.trainers import selectors  # noqa: E402
from rugcoach.trainers.models import Consent  # noqa: E402

LIMIT_P95_MS = 50.0
BENCH_SQL = {"BEGIN", "ROLLBACK", "SAVEPOINT", "RELEASE"}


class Rollback(Exception):
    """Raised inside each timed call's transaction to undo what it wrote."""


@contextmanager
def rolled_back() -> Iterator[None]:
    """A transaction undone afterwards: the dashboard writes its access-log rows, and each
    call should find the data as generated."""
    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def measure(call: Callable[[], object], options: argparse.Namespace) -> Timing:
    """Each call in a transaction rolled back afterwards (``rolled_back``, outside the time
    taken); its own statements are the bench's, not the call's."""
    return timed(
        call,
        runs=options.runs,
        warmup=options.warmup,
        around=rolled_back,
        ignored_sql=BENCH_SQL,
    )


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
        ("baseline: privacy page", measure(get(privacy), options)),
        ("dashboard page", measure(get(page), options)),
        (
            "baseline: consents counted",
            measure(lambda: Consent.objects.filter(trainer__user=trainer).count(), options),
        ),
        (
            "dashboard selector",
            measure(lambda: selectors.dashboard(trainer, now=timezone.now()), options),
        ),
    ]
    baselines = {"dashboard page": rows[0][1], "dashboard selector": rows[2][1]}
    for name, took in rows:
        base = baselines.get(name)
        ratio = f"  ({took.p50 / base.p50:.1f}x baseline p50)" if base else ""
        print(
            f"{name:<28} p50 {took.p50:7.2f} ms  p95 {took.p95:7.2f} ms  "
            f"{took.queries:2d} queries{ratio}"
        )
    page_p95 = rows[1][1].p95
    verdict = "ok" if page_p95 <= LIMIT_P95_MS else "TOO SLOW"
    print(f"{'norm: page p95':<28} {LIMIT_P95_MS:.0f} ms  ({verdict}, {options.runs} runs)")


if __name__ == "__main__":
    main()
