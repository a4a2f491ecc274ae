"""A load test of members training (issue 16 §2): `python bench/load.py` against `make serve`.

A member session is what a member does on a training day, request by request, as the
browser and the player send them:

1. the check-in (``POST /api/checkins``, calm answers);
2. the plan page (``GET /plan/``);
3. the session with the results of 6 exercises, as the player's outbox posts it (one
   ``POST /api/sessions``; the server stores 6 result rows and runs the progression engine);
4. the next-morning question answered (``POST /api/sessions/<key>/followup``): the
   session is posted as trained two days ago, so its question is due at once (the same
   work as answering yesterday's session's question on a later visit);
5. two library pages: ``/oefeningen/`` and one exercise.

Members are made beforehand in this process, with the server's own settings
(``tools/run.py``'s serve profile: the same database and secret key): a calm full check,
an intake and a plan, through the app's services, and a logged-in browser session each
(a member stays logged in for weeks: logging in, an Argon2 hash of about half a second of
CPU, is not part of a training day). A virtual member runs sessions back to back, with no
pause, with one member at a time; the concurrency is ramped and each level runs for
``--duration`` seconds. The table says, per level, member sessions per second, p50/p95/p99
of all requests and of each step, and errors; the verdict is the highest rate whose p95
stays under 200 ms with no errors. The load generator runs on the same machine as the
server (its CPU counts against the server's). Beside the times, the CPU milliseconds
one member session costs the app servers (gunicorn) and PostgreSQL, read from /proc: on a
shared machine the rates depend on who else runs, the CPU per session does not, and it is
what the capacity estimate in docs/deploy.md rests on.

    make serve                                   # in one terminal
    .venv/bin/python bench/load.py --members 64 --levels 1,2,4,8,16 --duration 30
    .venv/bin/python bench/load.py --json        # the same, as JSON
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import secrets
import statistics
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench import timing  # noqa: E402

P95_LIMIT_MS = 200.0
STEPS = ("checkin", "plan", "session", "followup", "library", "exercise")


@dataclass(frozen=True)
class Member:
    email: str
    session_cookie: str
    plan_session: int
    items: list[tuple[str, str]]  # (item key, slug) of the session's first 6 exercises


def prepare(count: int, prefix: str, address: str) -> tuple[list[Member], dict[str, Any]]:
    """``count`` members ``<prefix>-NNNN@load.rugcoach.test`` with a calm check, an intake,
    a plan and a logged-in session each; members made by an earlier run are reused."""
    import run  # tools/run.py: the serve profile's variables, one home

    os.environ.update(run.serve_environment(os.environ, address))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugcoach.settings")
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from rugcoach.accounts.models import User
    from rugcoach.content import get_catalog
    from rugcoach.core.planner import Profile, SelfTests
    from rugcoach.core.triage.engine import evaluate
    from rugcoach.plans import services as plans
    from rugcoach.plans.models import Plan, PlanSession
    from rugcoach.triage.calm import calm_answers
    from rugcoach.triage.services import record_result

    triage = get_catalog().triage
    full = calm_answers(triage)
    checkin = {k: v for k, v in full.items() if triage.questions[k].checkin}
    profile = Profile(
        situation="home",
        minutes_per_session=20,
        weekdays=("mon", "wed", "fri", "sat"),
        complaint_weeks=10,
    )
    password = make_password(secrets.token_urlsafe(16))  # one hash; nobody logs in with it
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    today = timezone.localdate()
    members = []
    for number in range(1, count + 1):
        email = f"{prefix}-{number:04d}@load.rugcoach.test"
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": f"Load {number}", "password": password}
        )
        if created or not Plan.objects.filter(member=user).exists():
            record_result(user, full, evaluate(full, triage))
            plans.save_intake(user, profile, SelfTests(bridge_felt_in="lower-back"))
            plans.generate_plan(user, today - timedelta(days=today.weekday()))
        plan_session = (
            PlanSession.objects.filter(plan__member=user, plan__is_current=True)
            .prefetch_related("items")
            .first()
        )
        assert plan_session is not None, f"{email} has no plan"
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        items = [(item.key, item.slug) for item in plan_session.items.all()][:6]
        members.append(Member(email, store.session_key or "", plan_session.pk, items))
    return members, {
        "checkin": checkin,
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "database": settings.DATABASES["default"]["NAME"],
    }


@dataclass
class Level:
    concurrency: int
    seconds: float = 0.0
    sessions: int = 0
    errors: list[str] = field(default_factory=list)
    times: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    cpu: dict[str, float] = field(default_factory=dict)

    def all_times(self) -> list[float]:
        return [t for step in STEPS for t in self.times[step]]


def cpu_seconds(port: int, database: str) -> dict[str, float]:
    """CPU seconds used so far by this server's gunicorn processes (by their --bind port)
    and by the PostgreSQL backends of its database: what a member session costs, whatever
    else the machine runs. Linux only (/proc); backends that ended are not counted (the
    app keeps its connections, CONN_MAX_AGE)."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {"app": 0.0, "db": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        if "gunicorn" in command and f":{port} " in command:
            used["app"] += seconds
        elif command.startswith("postgres: ") and f" {database} " in command:
            used["db"] += seconds
    return used


def percentile(values: list[float], share: float) -> float:
    """``bench.timing.percentile``, or NaN for a step no request reached at this level."""
    return timing.percentile(values, share) if values else float("nan")


class Visitor:
    """One virtual member's HTTP calls (gunicorn's sync workers close each connection)."""

    def __init__(self, base: str, member: Member, shared: dict[str, Any]) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.member = member
        self.csrf = secrets.token_hex(16)  # any 32 characters, the same in cookie and header
        self.cookie = f"{shared['cookie_name']}={member.session_cookie}; csrftoken={self.csrf}"
        self.checkin = shared["checkin"]

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, float]:
        headers = {"Cookie": self.cookie, "Accept-Encoding": "gzip"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers |= {"Content-Type": "application/json", "X-CSRFToken": self.csrf}
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=data, headers=headers)
            answer = connection.getresponse()
            answer.read()
        finally:
            connection.close()
        return answer.status, (time.perf_counter() - started) * 1000

    def session(self, level: Level, lock: threading.Lock) -> None:
        from datetime import UTC, datetime

        key = str(uuid.uuid4())
        started = datetime.now(UTC) - timedelta(days=2)
        member = self.member
        results = [
            {"slug": slug, "item_key": item, "sets_done": 2, "outcome": "right"}
            for item, slug in member.items
        ]
        steps = [
            ("checkin", "POST", "/api/checkins?lang=nl", {"answers": self.checkin}, 201),
            ("plan", "GET", "/plan/", None, 200),
            (
                "session",
                "POST",
                "/api/sessions",
                {
                    "client_key": key,
                    "plan_session": member.plan_session,
                    "started_at": started.isoformat(),
                    "finished_at": (started + timedelta(minutes=20)).isoformat(),
                    "completed": True,
                    "pain_after": 2,
                    "effort": 5,
                    "results": results,
                },
                201,
            ),
            (
                "followup",
                "POST",
                f"/api/sessions/{key}/followup",
                {"feeling": "same", "pain": 2},
                201,
            ),
            ("library", "GET", "/oefeningen/", None, 200),
            ("exercise", "GET", f"/oefeningen/{member.items[0][1]}/", None, 200),
        ]
        measured = []
        for name, method, path, body, expected in steps:
            status, ms = self.call(method, path, body)
            if status != expected:
                with lock:
                    level.errors.append(f"{name} {path}: {status}")
                return
            measured.append((name, ms))
        with lock:
            for name, ms in measured:
                level.times[name].append(ms)
            level.sessions += 1


def run_level(
    base: str, members: list[Member], shared: dict, concurrency: int, seconds: float
) -> Level:
    level = Level(concurrency)
    port = urlsplit(base).port or 80
    cpu_before = cpu_seconds(port, shared["database"])
    lock = threading.Lock()
    free: queue.Queue[Member] = queue.Queue()
    for member in members:
        free.put(member)
    stop_at = time.monotonic() + seconds

    def virtual_member() -> None:
        while time.monotonic() < stop_at:
            member = free.get()  # one session per member at a time
            try:
                Visitor(base, member, shared).session(level, lock)
            except OSError as error:
                with lock:
                    level.errors.append(f"{type(error).__name__}: {error}")
            finally:
                free.put(member)

    started = time.monotonic()
    threads = [threading.Thread(target=virtual_member) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    level.seconds = time.monotonic() - started
    cpu_after = cpu_seconds(port, shared["database"])
    level.cpu = {k: cpu_after[k] - cpu_before[k] for k in cpu_after}
    return level


def summary(level: Level) -> dict[str, Any]:
    every = level.all_times()
    return {
        "concurrency": level.concurrency,
        "seconds": round(level.seconds, 1),
        "sessions": level.sessions,
        "sessions_per_second": round(level.sessions / level.seconds, 2),
        "requests_per_second": round(len(every) / level.seconds, 1),
        "p50_ms": round(percentile(every, 0.50), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "p99_ms": round(percentile(every, 0.99), 1),
        "p95_ms_by_step": {s: round(percentile(level.times[s], 0.95), 1) for s in STEPS},
        "mean_ms_by_step": {
            s: round(statistics.fmean(level.times[s]), 1) if level.times[s] else None for s in STEPS
        },
        # CPU per member session: app servers (gunicorn) and PostgreSQL, for capacity.
        "app_cpu_ms_per_session": round(1000 * level.cpu["app"] / max(level.sessions, 1), 1),
        "db_cpu_ms_per_session": round(1000 * level.cpu["db"] / max(level.sessions, 1), 1),
        "errors": len(level.errors),
        "first_errors": level.errors[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--members", type=int, default=64)
    parser.add_argument("--prefix", default="load")
    parser.add_argument("--levels", default="1,2,4,8,16", help="concurrencies, ramped up")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per level")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    levels = [int(n) for n in options.levels.split(",")]
    if options.members < max(levels):
        parser.error("give at least as many --members as the highest level")
    address = urlsplit(options.url).netloc
    members, shared = prepare(options.members, options.prefix, address)
    # One untimed session per member first: connections, caches and the plan pages warm.
    run_level(options.url, members, shared, min(4, len(members)), 3)
    results = [
        summary(run_level(options.url, members, shared, c, options.duration)) for c in levels
    ]
    passing = [r for r in results if r["p95_ms"] < P95_LIMIT_MS and not r["errors"]]
    best = max(passing, key=lambda r: r["sessions_per_second"], default=None)
    report = {
        "url": options.url,
        "cores": os.cpu_count(),
        "load_generator": "same machine",
        "levels": results,
        "sustained_sessions_per_second_p95_under_200ms": best["sessions_per_second"] if best else 0,
        "at_concurrency": best["concurrency"] if best else None,
    }
    if options.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{'conc':>4} {'sess/s':>7} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'err':>4} "
        f"{'app ms':>6} {'db ms':>6}  "
        + " ".join(f"{s[:8]:>8}" for s in STEPS)
        + "  (p95 per step, ms)"
    )
    for r in results:
        print(
            f"{r['concurrency']:>4} {r['sessions_per_second']:>7} {r['requests_per_second']:>6} "
            f"{r['p50_ms']:>6} {r['p95_ms']:>6} {r['p99_ms']:>6} {r['errors']:>4} "
            f"{r['app_cpu_ms_per_session']:>6} {r['db_cpu_ms_per_session']:>6}  "
            + " ".join(f"{r['p95_ms_by_step'][s]:>8}" for s in STEPS)
        )
        for error in r["first_errors"]:
            print(f"      error: {error}")
    if best:
        print(
            f"Sustained: {best['sessions_per_second']} member sessions/s with p95 "
            f"{best['p95_ms']} ms < {P95_LIMIT_MS:.0f} ms (concurrency {best['concurrency']}; "
            f"{os.cpu_count()} cores, load generator on the same machine)."
        )
    else:
        print(f"No level kept p95 under {P95_LIMIT_MS:.0f} ms without errors.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
