"""Twenty requests at once against a live server, on SQLite and on PostgreSQL.

Each test fires its requests from 20 threads released together by a barrier, then checks
that no request got a 5xx and that the database holds exactly the rows it should. The
live server answers each request in its own thread with its own database connection,
as runserver and gunicorn's threads do (tests use a file SQLite database for this).
"""

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest
from django.test import Client

from rugcoach.accounts.models import User
from rugcoach.core.planner import SelfTests
from rugcoach.plans import services
from rugcoach.plans.models import CalendarFeed, Plan
from rugcoach.triage.models import TriageResult
from tests.api.test_triage_api import checkin_answers
from tests.plan_helpers import HOME_PROFILE, PASSWORD, TODAY, record_triage

CROWD = 20
# Any 32 letters will do: Django compares the form's or header's token with the cookie.
CSRF = "c" * 32


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # These tests are about database races, not password hashing; Argon2 at 20 at once
    # would only make them slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass(frozen=True)
class Answer:
    status: int
    body: str


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = build_opener(_NoRedirects)


def post(url: str, *, session: str | None = None, form=None, json_body=None) -> Answer:  # type: ignore[no-untyped-def]
    cookies = f"csrftoken={CSRF}" + (f"; sessionid={session}" if session else "")
    headers = {"Cookie": cookies, "X-CSRFToken": CSRF}
    if json_body is not None:
        body = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    else:
        body = urlencode({**(form or {}), "csrfmiddlewaretoken": CSRF}).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        with _opener.open(Request(url, data=body, headers=headers), timeout=60) as response:
            return Answer(response.status, response.read().decode())
    except HTTPError as error:  # redirects land here too, as they are not followed
        return Answer(error.code, error.read().decode())


def all_at_once(calls: list[Callable[[], Answer]]) -> list[Answer]:
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], Answer]) -> Answer:
        start.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def no_server_errors(answers: list[Answer]) -> None:
    errors = [a.status for a in answers if a.status >= 500]
    assert not errors, f"{len(errors)} server errors: {errors}"


def session_of(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def new_member(number: int, *, plan_ready: bool = False, plan: bool = False) -> User:
    member = User.objects.create_user(f"lid{number}@example.com", PASSWORD)
    if plan_ready or plan:
        record_triage(member)
        services.save_intake(member, HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"))
    if plan:
        services.generate_plan(member, TODAY)
    return member


def signup_form(email: str) -> dict[str, str]:
    return {"email": email, "password1": PASSWORD, "password2": PASSWORD}


# --- sign-up ---------------------------------------------------------------------------


def test_twenty_sign_ups_with_one_address_make_one_account(live_server):
    url = f"{live_server.url}/account/aanmelden/"
    answers = all_at_once(
        [lambda: post(url, form=signup_form("Same@Example.com")) for _ in range(CROWD)]
    )
    no_server_errors(answers)
    assert User.objects.count() == 1
    assert [a.status for a in answers].count(302) == 1
    refused = [a for a in answers if a.status != 302]
    assert all(a.status == 200 for a in refused)
    assert all("Er bestaat al een account met dit e-mailadres" in a.body for a in refused)


def test_twenty_sign_ups_with_twenty_addresses_make_twenty_accounts(live_server):
    url = f"{live_server.url}/account/aanmelden/"
    answers = all_at_once(
        [(lambda n=n: post(url, form=signup_form(f"nieuw{n}@example.com"))) for n in range(CROWD)]
    )
    no_server_errors(answers)
    assert {a.status for a in answers} == {302}
    assert User.objects.count() == CROWD


# --- calendar feeds ----------------------------------------------------------------------


def test_twenty_first_feeds_for_one_member_make_one_feed(live_server):
    member = new_member(1, plan=True)
    session = session_of(member)
    url = f"{live_server.url}/plan/agenda/"
    form = {"action": "save-sessions", "session_time": "07:30"}
    answers = all_at_once([lambda: post(url, session=session, form=form)] * CROWD)
    no_server_errors(answers)
    assert {a.status for a in answers} == {302}
    assert CalendarFeed.objects.count() == 1
    feed = CalendarFeed.objects.get()
    assert feed.revoked_at is None and feed.session_time.strftime("%H:%M") == "07:30"


def test_twenty_members_each_get_their_own_feed(live_server):
    sessions = [session_of(new_member(n, plan=True)) for n in range(CROWD)]
    url = f"{live_server.url}/plan/agenda/"
    form = {"action": "save-posture", "interval_minutes": "30", "work_start": "09:00",
            "work_end": "17:00", "workdays": "mon"}  # fmt: skip
    answers = all_at_once([(lambda s=s: post(url, session=s, form=form)) for s in sessions])
    no_server_errors(answers)
    assert {a.status for a in answers} == {302}
    assert CalendarFeed.objects.filter(revoked_at=None, kind="posture").count() == CROWD
    assert CalendarFeed.objects.values("member").distinct().count() == CROWD


# --- plan regeneration ---------------------------------------------------------------


def test_twenty_clicks_on_make_my_plan_make_one_plan(live_server):
    member = new_member(1, plan_ready=True)
    session = session_of(member)
    url = f"{live_server.url}/plan/maken/"
    answers = all_at_once([lambda: post(url, session=session)] * CROWD)
    no_server_errors(answers)
    assert {a.status for a in answers} == {302}
    assert Plan.objects.filter(member=member).count() == 1
    assert Plan.objects.get(member=member).is_current


def test_twenty_members_make_their_plans_at_once(live_server):
    members = [new_member(n, plan_ready=True) for n in range(CROWD)]
    sessions = [session_of(m) for m in members]
    url = f"{live_server.url}/plan/maken/"
    answers = all_at_once([(lambda s=s: post(url, session=s)) for s in sessions])
    no_server_errors(answers)
    assert {a.status for a in answers} == {302}
    for member in members:
        assert Plan.objects.filter(member=member, is_current=True).count() == 1


# --- check-ins -----------------------------------------------------------------------


def test_twenty_check_ins_for_one_member_are_all_stored(live_server, catalog):
    member = new_member(1, plan_ready=True)
    session = session_of(member)
    url = f"{live_server.url}/api/checkins"
    body = {"answers": checkin_answers(catalog.triage)}
    answers = all_at_once([lambda: post(url, session=session, json_body=body)] * CROWD)
    no_server_errors(answers)
    assert {a.status for a in answers} == {201}
    assert TriageResult.objects.filter(member=member, kind="checkin").count() == CROWD


def test_twenty_members_check_in_at_once(live_server, catalog):
    members = [new_member(n, plan_ready=True) for n in range(CROWD)]
    sessions = [session_of(m) for m in members]
    url = f"{live_server.url}/api/checkins"
    body = {"answers": checkin_answers(catalog.triage)}
    answers = all_at_once([(lambda s=s: post(url, session=s, json_body=body)) for s in sessions])
    no_server_errors(answers)
    assert {a.status for a in answers} == {201}
    for member in members:
        assert TriageResult.objects.filter(member=member, kind="checkin").count() == 1
