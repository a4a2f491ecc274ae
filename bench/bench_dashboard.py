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

Each call runs as the server runs it: the access-log rows the dashboard writes are
committed (durably: PostgreSQL flushes its log at each commit) inside the time taken;
afterwards, outside it, those rows are deleted, so the data stays as generated and runs
compare. ``--roll-back`` runs each call in a transaction rolled back instead (the
previous method: no commit, no flush, and the deferred foreign-key checks never run, so
it measures less than a member's trainer waits). Not part of `make test`.

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
from contextlib import AbstractContextManager, contextmanager
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
from rugcoach.accounts.models import AccessLogEntry, User  # noqa: E402
from rugcoach.trainers import selectors  # noqa: E402
from rugcoach.trainers.models import Consent  # noqa: E402

LIMIT_P95_MS = 50.0
BENCH_SQL = {"BEGIN", "ROLLBACK", "SAVEPOINT", "RELEASE", "DELETE"}


class Rollback(Exception):
    """Raised inside each timed call's transaction to undo what it wrote."""


@contextmanager
def rolled_back() -> Iterator[None]:
    """A transaction undone afterwards (``--roll-back``)."""
    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def committed(viewer: User) -> Callable[[], AbstractContextManager[None]]:
    """The call commits what it writes, as on the server; afterwards (outside the time
    taken, one DELETE the count leaves out) the access-log rows of ``viewer`` go again,
    so each call finds the data as generated. Only the bench logs in as the generated
    trainer of this database."""

    @contextmanager
    def around() -> Iterator[None]:
        try:
            yield
        finally:
            AccessLogEntry.objects.filter(viewer=viewer).delete()

    return around


def measure(call: Callable[[], object], options: argparse.Namespace, viewer: User) -> Timing:
    """Each call ``committed`` (or ``rolled_back``), outside the time taken; the bench's
    own transaction statements are not counted as the call's."""
    return timed(
        call,
        runs=options.runs,
        warmup=options.warmup,
        around=rolled_back if options.roll_back else committed(viewer),
        ignored_sql=BENCH_SQL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--trainer-email", default="scale-trainer@rugcoach.test")
    parser.add_argument(
        "--roll-back",
        action="store_true",
        help="roll each call back instead of committing it (measures less than a server)",
    )
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
        ("baseline: privacy page", measure(get(privacy), options, trainer)),
        ("dashboard page", measure(get(page), options, trainer)),
        (
            "baseline: consents counted",
            measure(
                lambda: Consent.objects.filter(trainer__user=trainer).count(), options, trainer
            ),
        ),
        (
            "dashboard selector",
            measure(lambda: selectors.dashboard(trainer, now=timezone.now()), options, trainer),
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
    method = "rolled back" if options.roll_back else "committed"
    print(
        f"{'norm: page p95':<28} {LIMIT_P95_MS:.0f} ms  "
        f"({verdict}, {options.runs} runs, each {method})"
    )


if __name__ == "__main__":
    main()
