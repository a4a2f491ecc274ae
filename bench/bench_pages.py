"""A member's check history and plan page (issue 16): `python bench/bench_pages.py`.

Migrates the database of ``DATABASE_URL`` (use an empty scratch one; with
``DJANGO_DEBUG=0`` it runs collectstatic once for the manifest), then makes two
members once: one with a full check, an intake and a plan (the plan page "with one
row"), and one with the same plus ``--results`` stored checks (the history page). Times
``--runs`` warm requests of each page through Django's test client (middleware, session,
template: the whole page) and prints the median, p95 and the queries of one request.

    DATABASE_URL=sqlite:////tmp/bench-pages.sqlite3 DJANGO_DEBUG=0 \\
        DJANGO_SECRET_KEY=<50 random characters> DJANGO_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/bench_pages.py --runs 200

Production settings (``DJANGO_DEBUG=0``) are what the numbers in docs/performance.md
are; with ``DJANGO_DEBUG=1`` the debug template engine makes pages slower. Not part of
`make test`. The pages write nothing the next request would read differently.

The plan page is timed twice: as a member sees it again (its weeks taken from the store
of rendered bodies, rugcoach/plans/body.py), and as the first view of a day, which
renders them (the store is emptied before each of those requests).
"""

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugcoach.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.timing import timed  # noqa: E402
from rugcoach.accounts.models import User  # noqa: E402
from rugcoach.core.planner import SelfTests  # noqa: E402
from rugcoach.plans import services  # noqa: E402
from rugcoach.triage.models import TriageResult  # noqa: E402
from tests.plan_helpers import HOME_PROFILE, record_triage  # noqa: E402

PASSWORD = "bench-Strong-back-42"


def member_with_plan(email: str) -> User:
    member = User.objects.filter(email=email).first()
    if member is not None:
        return member
    member = User.objects.create_user(email, PASSWORD, first_name="Bench")
    record_triage(member)
    services.save_intake(member, HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"))
    services.generate_plan(member, timezone.localdate())
    return member


def add_history(member: User, count: int) -> None:
    """``count`` older checks (copies of the member's full check, alternating with
    check-ins, one every 6 hours back in time) so the history has ``count`` + 1 rows."""
    have = TriageResult.objects.filter(member=member).count()
    if have > count:
        return
    first = TriageResult.objects.filter(member=member).get()
    kinds = (TriageResult.Kind.CHECKIN, TriageResult.Kind.TRIAGE)
    rows = [
        TriageResult(
            member=member,
            kind=kinds[number % 2],
            created_at=first.created_at - timedelta(hours=6 * number),
            answers=first.answers,
            level=first.level,
            may_train=first.may_train,
            verdict=first.verdict,
            questions_version=first.questions_version,
        )
        for number in range(1, count + 1)
    ]
    with transaction.atomic():
        TriageResult.objects.bulk_create(rows, batch_size=500)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--results", type=int, default=2000)
    parser.add_argument("--cpu", action="store_true", help="time CPU, not wall, time")
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not settings.DEBUG and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        # Production pages name static files through the manifest collectstatic writes.
        call_command("collectstatic", interactive=False, verbosity=0)
    # No setup_test_environment(): it makes every template render send a signal the test
    # client answers with a copy of the context, which would weigh on template-heavy
    # pages as no server does. DJANGO_ALLOWED_HOSTS must name "testserver" instead.
    one = member_with_plan("bench-plan@rugcoach.test")
    many = member_with_plan("bench-history@rugcoach.test")
    add_history(many, options.results)
    print(
        f"{connection.vendor}, DEBUG={settings.DEBUG}: the history member has "
        f"{TriageResult.objects.filter(member=many).count():,} checks"
    )

    def get(member: User, url: str) -> Callable[[], object]:
        client = Client()
        client.force_login(member)

        def call() -> object:
            # secure: production settings (DJANGO_DEBUG=0) redirect plain HTTP to HTTPS.
            response = client.get(url, secure=True)
            assert response.status_code == 200, response.status_code
            return response

        return call

    pages = [
        ("privacy page (baseline)", get(one, reverse("privacy_policy"))),
        ("history, 1 check", get(one, reverse("triage:history"))),
        (f"history, {options.results + 1} checks", get(many, reverse("triage:history"))),
        ("plan page, 1 plan", get(one, reverse("plans:plan"))),
    ]
    try:  # the plan's body kept per exact input (issue 16): a day's first view renders it
        from rugcoach.plans.body import rendered_bodies as kept
    except ImportError:  # a checkout from before the body was kept
        try:  # only its weeks were kept
            from rugcoach.plans.weeks import rendered_weeks as kept  # type: ignore[no-redef]
        except ImportError:  # nothing was kept
            kept = None
    if kept is not None:
        plan_page = get(one, reverse("plans:plan"))

        def first_view() -> object:
            kept.clear()
            return plan_page()

        pages.append(("plan page, weeks to render", first_view))
    try:  # keyset paging (issue 16): the page of the 1,001st to 1,025th newest checks
        from rugcoach.core.kernel.keyset import Cursor
    except ImportError:  # a checkout from before the history was paged
        pass
    else:
        above = TriageResult.objects.filter(member=many).order_by("-created_at", "-id")[999]
        deep = f"{reverse('triage:history')}?ouder={Cursor(above.created_at, above.pk)}"
        pages.insert(3, ("history, deep page", get(many, deep)))
    # Wall time, and this process's CPU time: on a shared machine the CPU time moves
    # less with the other processes' load (on SQLite it includes the database's work; on
    # PostgreSQL the server's share is only in the wall time).
    clock = time.process_time if options.cpu else time.perf_counter
    print(f"{'cpu' if options.cpu else 'wall'} time, median and p95 of {options.runs} requests")
    for name, call in pages:
        took = timed(call, runs=options.runs, warmup=options.warmup, clock=clock)
        print(
            f"{name:<27} p50 {took.p50:7.2f} ms  p95 {took.p95:7.2f} ms  {took.queries:2d} queries"
        )


if __name__ == "__main__":
    main()
