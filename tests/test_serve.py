"""`make serve` (issue 16 §2): the production profile started as a new user would, on a
database that does not exist yet and Redis, then stopped with Ctrl-C.

The launcher runs with its serve profile on a free port, a PostgreSQL database named for
this run (created by the launcher, dropped here) and Redis database 14, with its own
static folder and key file: two xdist workers or two checkouts never share one.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/14"
# Migrating a new database and collecting static files took 18–40 s on an idle machine and
# 80 s with the machine's two cores shared by other test runs: the bound is for a start
# that hangs, not a speed goal.
START_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def fresh_database():
    name = f"rc_serve_{uuid.uuid4().hex[:12]}"
    yield f"postgresql://postgres@127.0.0.1:5432/{name}", name
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_exists(name: str) -> bool:
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()


def test_make_serve_serves_pages_and_the_api_in_production_mode_and_stops_on_ctrl_c(
    tmp_path, fresh_database
):
    database_url, name = fresh_database
    assert not database_exists(name)
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "RUGCOACH_"))},
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "RUGCOACH_SECRET_KEY_FILE": str(tmp_path / "secret_key"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "RUGCOACH_BUILT_DIR": str(tmp_path / "built"),
        "GUNICORN_WORKERS": "1",
    }
    launcher = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "run.py"), "--serve", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert launcher.poll() is None, launcher.communicate()[0][-3000:]
            assert time.monotonic() < deadline, "make serve did not answer in time"
            try:
                status, headers, body = get(base + "/")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200
        assert database_exists(name), "the launcher creates the missing database"
        # Production, over plain HTTP: no redirect to https://, no secure-only cookies.
        assert "Strict-Transport-Security" not in headers
        assert "/static/" in body.decode()
        assert ".css" in body.decode()
        stylesheet = body.decode().split('href="/static/', 1)[1].split('"', 1)[0]
        # Hashed names from the manifest collectstatic wrote: DEBUG is off.
        assert stylesheet.count(".") >= 2, stylesheet
        assert get(f"{base}/static/{stylesheet}")[0] == 200

        status, _, body = get(base + "/api/exercises")
        assert status == 200
        assert json.loads(body)["count"] > 0

        # The secret key was made once, in the file, readable by its owner only.
        key_file = tmp_path / "secret_key"
        assert len(key_file.read_text().strip()) >= 50
        assert key_file.stat().st_mode & 0o077 == 0
        # An unknown page gets the 404 page, not Django's debug page.
        status, _, body = get(base + "/bestaat-niet/")
        assert status == 404 and b"Page not found at" not in body
    finally:
        launcher.send_signal(signal.SIGINT)
        try:
            code = launcher.wait(timeout=30)
        finally:
            if launcher.poll() is None:
                launcher.kill()
        output = launcher.communicate()[0]
    assert code == 0, output[-3000:]
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "gunicorn still listens"
