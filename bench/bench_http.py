"""The HTTP benchmark against a ceiling (issue 16 §1): `make bench`, or

    .venv/bin/python bench/bench_http.py [--rounds 3] [--duration 5] [--json out.json] [--strict]

It serves the app as production does, under gunicorn (2 sync workers, DJANGO_DEBUG=0, a
generated secret key, collected static files) with bench.settings, which adds one
endpoint to the project's: the ceiling, ``GET /bench/ceiling``, a ninja view returning
5 KB of constant JSON through the same middleware as everything else. Then it loads the
ceiling and the real endpoints with wrk in interleaved rounds (each round: the ceiling,
then each endpoint, ``--duration`` seconds each) and prints, per endpoint, req/s (the
median over the rounds), its share of the ceiling's req/s, p50/p99 latency and PASS/FAIL
against the issue's goals. A share is a ratio measured minutes apart on the same machine,
so it holds across machines where the req/s do not.

Every request carries ``Accept-Encoding: gzip`` (as a browser sends) and
``X-Forwarded-Proto: https`` (as the TLS proxy in front of production does; without it
DJANGO_DEBUG=0 redirects plain HTTP to HTTPS).

The database is a fresh SQLite file in a temporary directory, migrated (the endpoints
read the content files, not the database); with DATABASE_URL set, that database is
migrated and used instead. Without wrk (``apt-get install wrk``; `make bench` installs it)
a Python load generator takes its place: threads with http.client, one connection each;
its numbers are not comparable with wrk's (it shares the GIL and the two cores with the
server), only its shares of its own ceiling are roughly.

Exit code 0 (it is a report), or 1 with ``--strict`` when a goal is not met.
Not part of `make test`; tests/bench/test_http_report.py checks the parsing and verdict.
"""

import argparse
import gzip
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_report import (  # noqa: E402
    CEILING,
    ENDPOINTS,
    Measurement,
    all_goals_met,
    as_json,
    parse_wrk,
    summarize,
    table,
)
from bench.timing import percentile  # noqa: E402

HOST = "127.0.0.1"
# What every request sends besides wrk's own Host header (see the module's docstring).
HEADERS = {"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"}


@dataclass(frozen=True)
class Target:
    key: str
    method: str
    path: str
    body: bytes | None = None


# --- the server ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def production_environment(workdir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),  # 67 characters
        "DJANGO_ALLOWED_HOSTS": HOST,
        "RUGCOACH_BENCH_STATIC_ROOT": str(workdir / "static"),
        "RUGCOACH_EMAIL_DIR": str(workdir / "mail"),
        "RUGCOACH_BUILT_DIR": str(workdir / "built"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    return env


def prepare(env: dict[str, str]) -> dict[str, object]:
    """Migrate, collect static files, and return the body to post to /api/triage."""
    python = sys.executable
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    printed = subprocess.run(
        [python, "-m", "bench.triage_body"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(printed.stdout)


@contextmanager
def gunicorn(env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    """gunicorn as README's production recipe starts it (it reads gunicorn.conf.py)."""
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                "2",
                # One control socket per user: another gunicorn on the machine would clash.
                "--no-control-socket",
                "rugcoach.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_serving(port, server, log)
            yield
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def wait_until_serving(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            request(port, Target("ceiling", "GET", "/bench/ceiling"))
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer within 60 s:\n{log.read_text()[-3000:]}")


# --- the endpoints ---------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    encoding: str


def request(port: int, target: Target) -> Answer:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        headers = dict(HEADERS)
        if target.body is not None:
            headers["Content-Type"] = "application/json"
        connection.request(target.method, target.path, body=target.body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.read(), response.getheader("Content-Encoding", ""))
    finally:
        connection.close()


def decoded_json(answer: Answer) -> object:
    body = gzip.decompress(answer.body) if answer.encoding == "gzip" else answer.body
    return json.loads(body)


def targets(port: int, triage_body: dict[str, object]) -> dict[str, Target]:
    """The endpoints, each checked once: a 200 (a redirect or an error would be measured
    as throughput by wrk), and the list holds 20 exercises."""
    listing = Target("list_api", "GET", "/api/exercises?lang=nl")
    answer = request(port, listing)
    if answer.status != 200:
        sys.exit(f"GET {listing.path} answered {answer.status}")
    found = decoded_json(answer)
    assert isinstance(found, dict)
    items = found["items"]
    if len(items) != 20:
        sys.exit(f"GET {listing.path} listed {len(items)} exercises, not 20")
    slug = items[0]["slug"]
    chosen = {
        CEILING.key: Target(CEILING.key, "GET", "/bench/ceiling"),
        "list_api": listing,
        "detail_api": Target("detail_api", "GET", f"/api/exercises/{slug}?lang=nl"),
        "library_page": Target("library_page", "GET", "/oefeningen/"),
        "exercise_page": Target("exercise_page", "GET", f"/oefeningen/{slug}/"),
        "triage_api": Target(
            "triage_api", "POST", "/api/triage?lang=nl", json.dumps(triage_body).encode()
        ),
    }
    assert set(chosen) == {endpoint.key for endpoint in ENDPOINTS}
    print("Each endpoint once (status, Content-Encoding, bytes sent):")
    for target in chosen.values():
        answer = request(port, target)
        if answer.status != 200:
            sys.exit(f"{target.method} {target.path} answered {answer.status}: {answer.body!r}")
        print(
            f"  {target.method} {target.path}: {answer.status}, "
            f"{answer.encoding or 'identity'}, {len(answer.body):,} bytes"
        )
    verdict = decoded_json(request(port, chosen["triage_api"]))
    assert isinstance(verdict, dict)
    print(f"  the calm answers' verdict: {verdict['level']}")
    return chosen


# --- the load generators ---------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    port: int
    duration: float
    connections: int
    threads: int
    scripts: Path  # where wrk's lua scripts for POST bodies go
    raw_output: Path | None  # where to keep each wrk run's output (--raw-output)


def run_wrk(load: Load, target: Target, duration: float) -> Measurement:
    command = [
        "wrk",
        f"--threads={load.threads}",
        f"--connections={load.connections}",
        f"--duration={max(1, round(duration))}s",
        "--latency",
        # A request slower than wrk's default 2 s would be dropped from the latencies
        # (a socket error); on a busy shared machine the slowest page can take that long.
        "--timeout=10s",
    ]
    for name, value in HEADERS.items():
        command += ["--header", f"{name}: {value}"]
    if target.body is not None:
        script = load.scripts / f"{target.key}.lua"
        # A long bracket string: the JSON needs no escaping inside [==[ ... ]==].
        script.write_text(
            f'wrk.method = "{target.method}"\n'
            f"wrk.body = [==[{target.body.decode()}]==]\n"
            'wrk.headers["Content-Type"] = "application/json"\n'
        )
        command += ["--script", str(script)]
    command.append(f"http://{HOST}:{load.port}{target.path}")
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    if load.raw_output is not None:
        load.raw_output.mkdir(parents=True, exist_ok=True)
        runs = len(list(load.raw_output.glob(f"{target.key}-*.txt")))
        (load.raw_output / f"{target.key}-{runs + 1}.txt").write_text(finished.stdout)
    return parse_wrk(finished.stdout)


def run_python(load: Load, target: Target, duration: float) -> Measurement:
    """``load.connections`` threads, each sending requests one after the other for
    ``duration`` seconds on its own keep-alive connection (http.client opens a new one
    when gunicorn closes it)."""
    latencies: list[float] = []
    failed_responses = 0
    socket_errors = 0
    lock = threading.Lock()
    headers = dict(HEADERS)
    if target.body is not None:
        headers["Content-Type"] = "application/json"
    deadline = time.monotonic() + duration

    def worker() -> None:
        nonlocal failed_responses, socket_errors
        mine: list[float] = []
        failed = broken = 0
        connection = http.client.HTTPConnection(HOST, load.port, timeout=30)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request(target.method, target.path, body=target.body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except (OSError, http.client.HTTPException):
                broken += 1
                connection.close()
                continue
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            failed_responses += failed
            socket_errors += broken

    workers = [threading.Thread(target=worker) for _ in range(load.connections)]
    started = time.monotonic()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.monotonic() - started

    def at(share: float) -> float:
        return percentile(latencies, share) if latencies else 0.0

    return Measurement(
        requests_per_second=len(latencies) / elapsed,
        p50_ms=at(0.50),
        p99_ms=at(0.99),
        requests=len(latencies),
        failed_responses=failed_responses,
        socket_errors=socket_errors,
    )


# --- the run ---------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=5, help="seconds per endpoint")
    parser.add_argument("--warmup", type=float, default=1, help="seconds per endpoint, once")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument(
        "--load-generator",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="auto: wrk when it is installed, else the Python one",
    )
    parser.add_argument("--json", type=Path, help="write the numbers here")
    parser.add_argument(
        "--raw-output", type=Path, help="keep each wrk run's output in this directory"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal fails")
    options = parser.parse_args()

    use_wrk = options.load_generator == "wrk" or (
        options.load_generator == "auto" and shutil.which("wrk") is not None
    )
    if use_wrk and shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk, or --load-generator python")
    run = run_wrk if use_wrk else run_python

    with tempfile.TemporaryDirectory(prefix="rugcoach-bench-") as directory:
        workdir = Path(directory)
        env = production_environment(workdir)
        database = env["DATABASE_URL"].split(":", 1)[0]
        print(f"Preparing: migrate ({database}), collectstatic, the triage body …", flush=True)
        triage_body = prepare(env)
        port = free_port()
        with gunicorn(env, port, workdir / "gunicorn.log"):
            chosen = targets(port, triage_body)
            load = Load(
                port,
                options.duration,
                options.connections,
                options.threads,
                scripts=workdir,
                raw_output=options.raw_output,
            )
            generator = (
                f"wrk, {options.threads} threads" if use_wrk else "the Python load generator"
            )
            print(
                f"\ngunicorn, 2 sync workers, DJANGO_DEBUG=0, {database}; {generator}, "
                f"{options.connections} connections; rounds: {options.rounds}, "
                f"{options.duration:g} s per endpoint each; {os.cpu_count()} cores, load average "
                f"{os.getloadavg()[0]:.2f} at the start.",
                flush=True,
            )
            for target in chosen.values():  # both workers load the catalog and templates
                run(load, target, options.warmup)
            rounds: dict[str, list[Measurement]] = {key: [] for key in chosen}
            for number in range(1, options.rounds + 1):
                for key, target in chosen.items():
                    measured = run(load, target, options.duration)
                    rounds[key].append(measured)
                    print(
                        f"  round {number} {key}: {measured.requests_per_second:,.0f} req/s, "
                        f"p50 {measured.p50_ms:.1f} ms, p99 {measured.p99_ms:.1f} ms"
                        + (
                            f", {measured.failed_responses} answers ≥ 400"
                            if measured.failed_responses
                            else ""
                        )
                        + (
                            f", {measured.socket_errors} socket errors"
                            if measured.socket_errors
                            else ""
                        ),
                        flush=True,
                    )
    rows = summarize(rounds)
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f}\n")
    print(table(rows))
    met = all_goals_met(rows)
    print("\nEvery goal met." if met else "\nNot every goal met.")
    if options.json:
        options.json.write_text(json.dumps(as_json(rows, rounds), indent=2) + "\n")
    return 1 if options.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
