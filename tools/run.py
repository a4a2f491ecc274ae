"""The launcher of `make run` and `make serve`: the web server and the task worker side by side.

    python tools/run.py [HOST:PORT]           # make run: Django's runserver and db_worker
    python tools/run.py --serve [HOST:PORT]   # make serve: the production profile

Ctrl-C (SIGINT) or SIGTERM stops both; if either stops on its own, the other is stopped
too, so a worker never runs on without its server (or the reverse) and nothing is left
behind. Each child runs in its own process group and is signalled as a group: Django's
autoreloader runs the real server (and worker) in a grandchild, which must stop as well.

The production profile (docs/deploy.md): DEBUG off, PostgreSQL and Redis from
DATABASE_URL and REDIS_URL (the database is created when missing), the queue and the cache
in Redis, a secret key kept in a file when DJANGO_SECRET_KEY is not set, collectstatic
and migrate, then gunicorn and RQ's worker. It serves plain HTTP (RUGCOACH_HTTPS=0) unless
told it stands behind TLS.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # rugcoach.secret_key, when run as a script

from rugcoach.secret_key import key_from_file  # noqa: E402

# How long children get to finish what they are doing after the stop signal (a worker
# may be sending a mail) before they are killed.
GRACE_SECONDS = 10.0
POLL_SECONDS = 0.1


MANAGE = [sys.executable, str(ROOT / "manage.py")]
# What `make serve` sets when the environment does not (docs/deploy.md has the table).
SERVE_DEFAULTS = {
    "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/rugcoach",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "RUGCOACH_TASKS": "redis",
    "RUGCOACH_CACHE": "redis",
    # Plain HTTP on this machine; behind a TLS proxy set RUGCOACH_HTTPS=1.
    "RUGCOACH_HTTPS": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
}
SECRET_KEY_FILE = ROOT / "var" / "secret_key"
DEFAULT_GUNICORN_WORKERS = 2


def worker_command() -> list[str]:
    """The worker of the configured queue (rugcoach/settings.py)."""
    if os.environ.get("RUGCOACH_TASKS", "database").strip().lower() == "redis":
        # RQ's worker; its scheduler releases tasks whose run_after has come. The job
        # class is django-tasks-rq's: RQ's own cannot call a django-tasks Task ("'Task'
        # object is not callable": every task failed before this was added).
        return [
            *MANAGE,
            "rqworker",
            "--with-scheduler",
            "--job-class",
            "django_tasks_rq.Job",
            "default",
        ]
    return [*MANAGE, "db_worker"]


def rugcoach_commands(address: str) -> list[list[str]]:
    """`make run`: Django's development server and the worker."""
    return [[*MANAGE, "runserver", address], worker_command()]


WILDCARD_HOSTS = {"0.0.0.0", "::", ""}


def serve_environment(environ: Mapping[str, str], address: str) -> dict[str, str]:
    """The production profile's variables: DEBUG off always, the defaults above where
    ``environ`` has nothing, and a secret key (from RUGCOACH_SECRET_KEY_FILE, default
    var/secret_key, made once) when DJANGO_SECRET_KEY is not given."""
    env = {**SERVE_DEFAULTS, **environ, "DJANGO_DEBUG": "0"}
    if not env.get("RUGCOACH_BASE_URL"):
        host = address.rsplit(":", 1)[0].strip("[]")
        if host in WILDCARD_HOSTS:
            # Mails link to RUGCOACH_BASE_URL: "http://0.0.0.0:8000" reaches no one.
            raise SystemExit(
                f"serve: {address} listens on every interface, so the address members "
                "use to reach RugCoach cannot be guessed: set RUGCOACH_BASE_URL, for "
                "example RUGCOACH_BASE_URL=https://rugcoach.example.nl"
            )
        env["RUGCOACH_BASE_URL"] = f"http://{address}"
    if not env.get("DJANGO_SECRET_KEY"):
        env["DJANGO_SECRET_KEY"] = key_from_file(
            Path(env.get("RUGCOACH_SECRET_KEY_FILE", SECRET_KEY_FILE))
        )
    return env


def gunicorn_workers(environ: Mapping[str, str]) -> int:
    value = environ.get("GUNICORN_WORKERS", "").strip() or str(DEFAULT_GUNICORN_WORKERS)
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"serve: GUNICORN_WORKERS is {value!r}: give a whole number, 1 or more.")
    return int(value)


def serve_commands(address: str, environ: Mapping[str, str]) -> list[list[str]]:
    """`make serve`: gunicorn (from the project directory, so it reads gunicorn.conf.py)
    and the worker."""
    web = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        address,
        "--workers",
        str(gunicorn_workers(environ)),
        # gunicorn's control socket is one path per user: a second `make serve` (or a
        # test's) would fight over it.
        "--no-control-socket",
        "rugcoach.wsgi",
    ]
    return [web, worker_command()]


def ensure_database(database_url: str) -> None:
    """Create the PostgreSQL database of ``database_url`` when it does not exist yet (a
    new user's first `make serve`); other databases are left to migrate."""
    parts = urlsplit(database_url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
            found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if found.fetchone() is None:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"serve: created the database {name!r}", file=sys.stderr)
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"serve: PostgreSQL at {parts.hostname}:{parts.port or 5432} does not answer "
            f"({error}). Start it, or set DATABASE_URL."
        ) from None


def ensure_redis(redis_url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        raise SystemExit(
            f"serve: Redis at {redis_url} does not answer ({error}). Start it "
            "(redis-server), or set REDIS_URL."
        ) from None


def prepare_to_serve(environ: Mapping[str, str]) -> None:
    """What runs once before the processes start: the database and Redis are there, the
    static files collected (hashed and compressed), the schema migrated; with
    RUGCOACH_SERVE_DEMO=1 also the demo accounts and their history. (The Herstelgids is
    queued by its first request: rugcoach/programs/guide_views.py.)"""
    ensure_database(environ["DATABASE_URL"])
    redis_urls = set()
    if environ.get("RUGCOACH_TASKS", "").strip().lower() == "redis":
        redis_urls.add(environ["REDIS_URL"])
    if environ.get("RUGCOACH_CACHE", "").strip().lower() == "redis":
        redis_urls.add(environ.get("RUGCOACH_CACHE_URL") or environ["REDIS_URL"])
    for url in sorted(redis_urls):
        ensure_redis(url)
    steps = [["collectstatic", "--noinput", "--verbosity", "0"], ["migrate", "--noinput"]]
    for step in steps:
        subprocess.run([*MANAGE, *step], cwd=ROOT, env=dict(environ), check=True)
    if environ.get("RUGCOACH_SERVE_DEMO", "0").strip().lower() in {"1", "true", "yes", "on"}:
        # The demo commands refuse to run with DEBUG off (known passwords must never reach
        # a real database by accident); asking for them by name is the deliberate way.
        demo = {**environ, "DJANGO_DEBUG": "1"}
        for command in ("demo_accounts", "demo_history", "demo_programs", "demo_trainers"):
            subprocess.run([*MANAGE, command], cwd=ROOT, env=demo, check=True)


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the whole group is gone already
        os.killpg(process.pid, signum)


def supervise(
    commands: Sequence[Sequence[str]],
    *,
    grace: float = GRACE_SECONDS,
    poll: float = POLL_SECONDS,
) -> int:
    """Run the commands until a signal or until one of them ends; then stop the rest.

    Returns 0 after a stop by signal, else the exit code of the child that ended first
    (1 if it ended with 0: it was not supposed to end).
    """
    stop_signal: list[int] = []

    def request_stop(signum: int, _frame: object) -> None:
        stop_signal.append(signum)

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    children: list[subprocess.Popen[bytes]] = []
    try:
        for command in commands:
            # Own session: the terminal's Ctrl-C reaches only this launcher, which passes
            # it on to each group once (a double SIGINT would make Django's worker abort
            # its current task).
            children.append(subprocess.Popen(list(command), start_new_session=True))
        result = 0
        while not stop_signal:
            ended = next((c for c in children if c.poll() is not None), None)
            if ended is not None:
                print(
                    f"run: {shlex.join(ended.args)} ended with {ended.returncode}; "
                    "stopping the rest",
                    file=sys.stderr,
                )
                result = ended.returncode or 1
                break
            time.sleep(poll)
        _stop(children, stop_signal[0] if stop_signal else signal.SIGTERM, grace)
        return result
    finally:
        # Even on an error here (a command that cannot start), leave no child behind.
        _stop(children, signal.SIGKILL, 0)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop(children: list[subprocess.Popen[bytes]], signum: int, grace: float) -> None:
    for child in children:
        # Also the groups whose leader has ended: its reloaded grandchild may live on.
        _signal_group(child, signum)
    deadline = time.monotonic() + grace
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            _signal_group(child, signal.SIGKILL)
            child.wait()


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", nargs="?", default="127.0.0.1:8000")
    parser.add_argument("--serve", action="store_true", help="the production profile")
    options = parser.parse_args(argv)
    if not options.serve:
        return supervise(rugcoach_commands(options.address))
    environ = serve_environment(os.environ, options.address)
    os.environ.update(environ)  # for the children supervise() starts
    try:
        prepare_to_serve(environ)
    except subprocess.CalledProcessError as error:
        print(f"serve: {shlex.join(error.cmd)} failed ({error.returncode})", file=sys.stderr)
        return error.returncode or 1
    print(f"serve: RugCoach at http://{options.address}/ (Ctrl-C stops)", file=sys.stderr)
    return supervise(serve_commands(options.address, environ))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
