"""Personal responses are never cached; browser features are off; logs keep no secrets;
a weak secret key stops production start-up."""

import io
import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from rugcoach.accounts.models import User
from rugcoach.plans.models import CalendarFeed
from rugcoach.triage.models import TriageResult

ROOT = Path(__file__).resolve().parents[2]
PRIVATE = "private, no-store"


def cache_control(response) -> str:  # type: ignore[no-untyped-def]
    return response.headers.get("Cache-Control", "")


# --- caching -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/plan/",
        "/plan/poster.pdf",
        "/plan/schema.pdf",
        "/plan/agenda/",
        "/plan/intake/",
        "/mag-ik-trainen/geschiedenis/",
        "/account/",
        "/account/wachtwoord/",
        "/api/plans/current",
        "/oefeningen/",  # a library page too: it shows the member's own menu
    ],
)
def test_a_members_pages_and_api_are_never_cached(client, member_with_plan, path):
    client.force_login(member_with_plan)
    response = client.get(path)
    assert response.status_code == 200, path
    assert cache_control(response) == PRIVATE


@pytest.mark.django_db
def test_a_stored_result_is_never_cached(client, member_with_plan):
    client.force_login(member_with_plan)
    result = TriageResult.objects.filter(member=member_with_plan).first()
    response = client.get(f"/mag-ik-trainen/uitslag/{result.pk}/")
    assert response.status_code == 200
    assert cache_control(response) == PRIVATE


@pytest.mark.django_db
def test_the_calendar_feed_is_never_cached(client, member_with_plan):
    feed = CalendarFeed.objects.create(member=member_with_plan, kind="sessions")
    response = client.get(f"/agenda/{feed.token}.ics")
    assert response.status_code == 200
    assert cache_control(response) == PRIVATE


@pytest.mark.django_db
def test_a_visitors_verdict_is_never_cached(client):
    from tests.plan_helpers import triage_answers

    response = client.post(
        "/api/triage", {"answers": triage_answers()}, content_type="application/json"
    )
    assert response.status_code == 200
    assert cache_control(response) == PRIVATE
    # While a visitor's answers ride along in the wizard cookie, the wizard is private too.
    client.cookies["rugcoach_triage"] = "anything"
    assert cache_control(client.get("/mag-ik-trainen/")) == PRIVATE


@pytest.mark.django_db
def test_public_pages_stay_cacheable(client, member):
    assert "no-store" not in cache_control(client.get("/oefeningen/"))
    client.force_login(member)
    figure = client.get("/figures/bird-dog/static.nl.svg")
    assert figure.status_code == 200
    assert cache_control(figure).startswith("public")


# --- Permissions-Policy ----------------------------------------------------------------


@pytest.mark.django_db
def test_every_powerful_browser_feature_is_off_but_the_players_wake_lock(client):
    """Everything off, for every origin; only the screen wake lock is allowed, for our own
    origin (the session player keeps the screen on), and nothing for anyone else."""
    for path in ("/", "/oefeningen/", "/static/css/app.css"):
        policy = client.get(path).headers.get("Permissions-Policy", "")
        features = dict(item.strip().split("=", 1) for item in policy.split(","))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features.get(feature) == "()", (path, feature)
        assert features.pop("screen-wake-lock") == "(self)", path
        assert all(allow == "()" for allow in features.values()), path


# --- logs ----------------------------------------------------------------------------


@contextmanager
def written_by(logger_name: str) -> Iterator[io.StringIO]:
    """What the configured handlers of a logger write (filters and formatters included)."""
    out = io.StringIO()
    # pytest adds its own capturing handlers; ours are the StreamHandlers.
    handlers = [
        h for h in logging.getLogger(logger_name).handlers if isinstance(h, logging.StreamHandler)
    ]
    assert handlers, f"{logger_name} has no handlers of its own"
    previous = [handler.setStream(out) for handler in handlers]
    try:
        yield out
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)


def test_the_request_log_masks_calendar_tokens():
    # runserver logs each request like this (django.core.servers.basehttp).
    with written_by("django.server") as out:
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /agenda/Xy_secret-Token42.ics HTTP/1.1", "200", "512"
        )
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /en/account/reset-password/MQ/ck3-abc123/ HTTP/1.1", "302", "0"
        )
    err = out.getvalue()
    assert "/agenda/***.ics" in err
    assert "Xy_secret-Token42" not in err
    assert "/reset-password/***/***/" in err and "ck3-abc123" not in err


@pytest.mark.django_db
def test_database_errors_do_not_print_email_addresses(member):
    with written_by("django") as out:
        try:
            with transaction.atomic():
                User.objects.create(email="sanne@example.com")
        except IntegrityError:
            logging.getLogger("django.request").exception("Internal Server Error: /account/")
        # PostgreSQL's own wording, which names the address.
        try:
            raise IntegrityError(
                'duplicate key value violates unique constraint "accounts_user_email_key"\n'
                "DETAIL:  Key (email)=(sanne@example.com) already exists."
            )
        except IntegrityError:
            logging.getLogger("django.request").exception("Internal Server Error: /account/")
    err = out.getvalue()
    assert err.count("IntegrityError") >= 2
    assert "Key (email)=(***) already exists" in err
    assert "sanne@example.com" not in err


@pytest.mark.django_db
def test_a_bad_host_header_is_a_warning_without_traceback(client):
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    logger = logging.getLogger("django.security.DisallowedHost")
    keep = Keep()
    logger.addHandler(keep)
    try:
        response = client.get("/", HTTP_HOST="evil.example")
    finally:
        logger.removeHandler(keep)
    assert response.status_code == 400
    [record] = seen
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    assert "evil.example" in record.getMessage()


def test_redaction_keeps_the_rest_of_the_line():
    from rugcoach.log_filters import redact

    line = "GET /agenda/abc.ics?x=1 200 from lid@example.com to /plan/"
    assert redact(line) == "GET /agenda/***.ics?x=1 200 from *** to /plan/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorns_access_log_masks_calendar_tokens(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-",
            "--workers",
            "1",
            # gunicorn's control socket is one path per user: another run of this test
            # (an xdist worker, another checkout) would fight over it.
            "--no-control-socket",
            "rugcoach.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/agenda/Secret-Token-1.ics")
            except urllib.error.HTTPError:
                break  # any answer: the empty database makes it an error, which logs too
            except OSError:
                time.sleep(0.1)
        time.sleep(0.3)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert re.search(r'"GET /agenda/\*\*\*\.ics HTTP/1\.1" 500', output), output[-2000:]
    assert "Secret-Token-1" not in output


# --- the secret key ------------------------------------------------------------------


def start_in_production(secret_key: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "rugcoach.example",
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("short-key", "too short (9 characters)"),
        ("ab" * 40, "too predictable (2 different characters)"),
        ("django-insecure-" + "x1y2z3" * 10, "a development key"),
    ],
)
def test_a_weak_secret_key_stops_production_start_up(key, reason):
    started = start_in_production(key)
    assert started.returncode != 0
    assert f"DJANGO_SECRET_KEY is {reason}" in started.stderr
    assert "secrets.token_urlsafe" in started.stderr


def test_a_strong_secret_key_starts():
    started = start_in_production("Kq8v-3NfZr_w1Yb7uTg2hXo9LcPjE5sAd0iMmRk4yVeHnWqU6tB")
    assert started.returncode == 0, started.stderr
