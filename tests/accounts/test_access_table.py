"""Who gets what: every page and API endpoint over member data, for every kind of viewer.

One table, in the spirit of wger's API test bases: each row names a URL (or API
operation), how to call it for Sanne's data, and the answer each actor expects. The test
runs every row as every actor against a fresh Sanne, who has a safety check, an intake, a
plan and two calendar feeds, and checks:

- the status (a visitor on a page is sent to the login page, on the API gets 401);
- for anyone but Sanne: nothing of Sanne's data changed (her whole export, her account
  row) and the answer shows none of her markers (e-mail, name, feed token, check link).

The actors are a visitor, Sanne, another member, a trainer with no link to her
(``User.Role.TRAINER``), a trainer she booked an intake with, a trainer she gave consent
to, and an admin (role admin, ``is_staff``). Member pages and the API are scoped to
``request.user``, so every actor but Sanne gets what another member gets there: their
own, empty data, never Sanne's. The rule they meet lives in ``rugcoach/accounts/access.py``
(and the rules the intakes and trainers apps register); ``test_the_rule_for_every_actor``
checks it directly, scope by scope.

The world is built once per module, inside a transaction that is rolled back at the end;
each case runs in its own rolled-back savepoint (pytest-django's ``db``), with the
people re-read from the database, so a case that deletes Sanne leaves the next one whole.

``test_every_url_is_in_the_table_or_listed_as_public`` walks Django's URL resolver and
the ninja API's operations: a URL that is neither in ``TABLE`` nor in ``NOT_MEMBER_DATA``
fails, and so does a table entry for a URL that no longer exists.
"""

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import AccessLogEntry, User
from rugcoach.api.urls import api
from rugcoach.content import get_catalog
from rugcoach.core.planner import Profile, SelfTests, Weekday, alternatives
from rugcoach.core.triage.engine import Verdict
from rugcoach.intakes import selectors as intake_selectors
from rugcoach.intakes.models import AvailabilityBlock
from rugcoach.plans import selectors, services
from rugcoach.plans.models import CalendarFeed, PlanItem
from rugcoach.privacy.services import export_member_data
from rugcoach.programs import services as programs_services
from rugcoach.trainers import consent
from rugcoach.training import services as training_services
from rugcoach.training.models import FollowUp
from rugcoach.triage.models import TriageResult
from tests.plan_helpers import HOME_PROFILE, PASSWORD, TODAY, record_triage
from tests.sharing.helpers import booking, trainer
from tests.triage_answers import benign_answers

pytestmark = pytest.mark.django_db


class Actor(StrEnum):
    VISITOR = "visitor"
    MEMBER = "member"  # Sanne, whose data it is
    OTHER_MEMBER = "other member"
    TRAINER = "trainer without a link"
    BOOKED_TRAINER = "trainer with a booking"  # Sanne booked an intake with them
    CONSENTED_TRAINER = "trainer with consent"  # Sanne consented (after an intake)
    ADMIN = "admin"


# Whoever is not Sanne and not a visitor: on member pages they all get their own data.
OTHERS = (
    Actor.OTHER_MEMBER,
    Actor.TRAINER,
    Actor.BOOKED_TRAINER,
    Actor.CONSENTED_TRAINER,
    Actor.ADMIN,
)
# The actors a rule lets reach some of Sanne's data (the log may gain entries by them).
LINKED = (Actor.BOOKED_TRAINER, Actor.CONSENTED_TRAINER)
BOOKING_REASON = "Pijn bij tillen sinds de verhuizing"


LOGIN = "login"  # a page sends a visitor to the login page (302 to accounts:login)


@dataclass(frozen=True)
class World:
    """Sanne with all her data, and the people who might try to reach it."""

    sanne: User
    people: dict[Actor, User | None]
    result_id: int
    feed_token: str
    first_item: tuple[int, str, str]  # (week, weekday, slug) of her plan's first exercise
    plan_session_id: int  # her plan's first session (the player's URL)
    plan_session_key: str  # the same session's key in her plan (the plan page's start link)
    training_key: str  # the client key of a session she trained
    followup_id: int  # that session's next-morning question, due now
    booked_trainer_id: int  # intakes.Trainer of the trainer she booked
    consented_trainer_id: int  # intakes.Trainer of the trainer she consented to
    booking_id: int  # her upcoming intake with the booked trainer
    location_id: int  # where both trainers work
    free_slot: int  # a free slot of the booked trainer (its key: seconds since 1970)
    plan_item_key: str  # her plan's first item's key (the trainer's swap and dose pages)
    sanne_id: int  # her id (kept: a case may delete her)

    def markers(self) -> dict["Marker", str]:
        """Strings that only an answer about Sanne's data contains."""
        return {
            Marker.EMAIL: self.sanne.email,
            Marker.NAME: self.sanne.first_name,
            Marker.FEED: self.feed_token,
            Marker.CHECK: reverse("triage:member_result", args=[self.result_id]),
            Marker.SESSION: self.training_key,
            Marker.REASON: BOOKING_REASON,
        }


class Marker(StrEnum):
    EMAIL = "e-mail"
    NAME = "first name"
    FEED = "feed token"
    CHECK = "check link"
    SESSION = "session key"
    REASON = "booking reason"


# What a booking shares with its trainer: the first name and the reason (and the level).
BOOKING_SHARES = frozenset({Marker.NAME, Marker.REASON})
# What consent shares: her health data; her feed token and account stay hers.
CONSENT_SHARES = frozenset({Marker.EMAIL, Marker.NAME, Marker.REASON, Marker.SESSION})


@dataclass(frozen=True)
class Row:
    """One call of one URL, and the status each actor gets."""

    route: str  # the URL's name (reversed to call it)
    expect: dict[Actor, int | str]
    operation: str = ""  # API rows: "METHOD /path" as the ninja router has it
    method: str = "get"
    path: Callable[[World], str] | None = None  # default: reverse(route)
    data: Callable[[World], dict[str, Any]] | None = None
    json: bool = False  # send ``data`` as a JSON body (the API)
    markers_of_sanne_allowed: bool = False  # a capability URL shows her data to its holder
    # Actors a rule lets see some of Sanne's data here, and which of her markers (nothing
    # of her beyond those); with ``names_her`` their page must show her first name.
    sees_sanne: dict[Actor, frozenset[Marker]] = field(default_factory=dict)
    names_her: bool = False
    # Actors whose request here changes Sanne's data (and is logged in her access log).
    changes_sanne: frozenset[Actor] = frozenset()
    note: str = ""
    id: str = ""  # tells two rows of one URL apart

    def url(self, world: World) -> str:
        return self.path(world) if self.path is not None else reverse(self.route)


def everyone(status: int | str) -> dict[Actor, int | str]:
    return dict.fromkeys(Actor, status)


def members_only(member: int, others: int, visitor: int | str = LOGIN) -> dict[Actor, int | str]:
    """Sanne gets ``member``; every other logged-in actor (another member, the trainers,
    the admin) gets ``others`` (their own, empty data or a refusal); a visitor is sent
    to log in (API: 401)."""
    return {Actor.VISITOR: visitor, Actor.MEMBER: member, **dict.fromkeys(OTHERS, others)}


def _item_query(world: World) -> str:
    week, weekday, slug = world.first_item
    return f"?week={week}&weekday={weekday}&exercise={slug}"


def _swap_path(world: World) -> str:
    return reverse("plans:swap", args=list(world.first_item))


def _swap_body(world: World) -> dict[str, Any]:
    week, weekday, slug = world.first_item
    replacement = _a_replacement(world)
    return {"week": week, "weekday": weekday, "exercise": slug, "replacement": replacement}


def _a_replacement(world: World) -> str:
    """An exercise that may take the place of Sanne's first one (a valid swap for her)."""
    stored = selectors.current_plan(world.sanne)
    assert stored is not None
    catalog = get_catalog()
    week, weekday, slug = world.first_item
    options = alternatives(
        selectors.parsed_plan(stored),
        week,
        Weekday(weekday),
        slug,
        Profile.model_validate(stored.profile),
        Verdict.model_validate(stored.verdict),
        catalog,
        catalog.planner,
    )
    assert options, "Sanne's first exercise needs an alternative for the swap rows"
    return options[0]


def _checkin_answers() -> dict[str, object]:
    content = get_catalog().triage
    benign = benign_answers(content)
    return {question: benign[question] for question in content.checkin_order}


def _checkin_form(world: World) -> dict[str, str]:
    return {
        key: ("yes" if value is True else "no" if value is False else str(value))
        for key, value in _checkin_answers().items()
    }


PROFILE_FORM = {
    "situation": "home",
    "minutes_per_session": "10",
    "weekdays": ["tue", "thu"],
    "complaint_weeks": "3",
}

PROFILE_JSON = {**PROFILE_FORM, "minutes_per_session": 10, "complaint_weeks": 3}

# Every page and API operation that shows or changes member data. Statuses were read off
# the code and checked by hand; a row says in ``note`` why an unusual answer is right.
TABLE: tuple[Row, ...] = (
    # --- the safety check ----------------------------------------------------------------
    Row("triage:start", everyone(200), note="public start; a member sees their last check"),
    Row("triage:step", everyone(200), path=lambda w: reverse("triage:step", args=[1])),
    Row(
        "triage:step",
        everyone(302),
        method="post",
        path=lambda w: reverse("triage:step", args=[1]),
        data=lambda w: {"saddle_numbness": "no"},
        id="answer-step-1",
        note="answers go to the viewer's own wizard cookie",
    ),
    Row("triage:result", everyone(302), note="no answers in this browser: back to the start"),
    Row(
        "triage:member_result",
        members_only(200, 404),
        path=lambda w: reverse("triage:member_result", args=[w.result_id]),
        note="another person's check id is a 404, never a peek",
    ),
    Row("triage:history", members_only(200, 200), note="others see their own, empty history"),
    Row("triage:checkin", members_only(200, 302), note="others have no full check: to start"),
    Row(
        "triage:checkin",
        members_only(302, 302),
        method="post",
        data=_checkin_form,
        id="post-checkin",
    ),
    # --- plans -----------------------------------------------------------------------------
    Row("plans:plan", members_only(200, 200)),
    Row("plans:next", members_only(302, 302), note="each to their own next step"),
    Row(
        "plans:today",
        members_only(200, 302),
        note="Sanne checked today: her session; others have no check: to the check-in",
    ),
    Row("plans:intake", members_only(200, 200)),
    Row(
        "plans:intake",
        members_only(302, 302),
        method="post",
        data=lambda w: PROFILE_FORM,
        id="post-intake",
        note="others save their own intake, never Sanne's",
    ),
    Row("plans:self_tests", members_only(200, 302), note="others have no intake: to the intake"),
    Row(
        "plans:self_tests",
        members_only(302, 302),
        method="post",
        data=lambda w: {"bridge_felt_in": "glutes", "core_belly_shakes": "no"},
        id="post-self-tests",
    ),
    Row("plans:generate", members_only(302, 302), method="post"),
    Row("plans:swap", members_only(200, 302), path=_swap_path, note="others: no plan, to plans"),
    Row(
        "plans:swap",
        members_only(302, 302),
        method="post",
        path=_swap_path,
        data=lambda w: {"replacement": _a_replacement(w)},
        id="post-swap",
    ),
    Row("plans:poster", members_only(200, 302), note="others have no plan: to the plan page"),
    Row("plans:schedule", members_only(200, 302)),
    Row("plans:calendar", members_only(200, 200)),
    Row(
        "plans:posture_schedule",
        members_only(200, 200),
        note="each their own posture setting, never another's",
    ),
    Row(
        "plans:calendar",
        members_only(302, 302),
        method="post",
        data=lambda w: {"action": "revoke-sessions"},
        id="revoke-feed",
    ),
    Row(
        "calendar_feed",
        everyone(200),
        path=lambda w: reverse("calendar_feed", args=[w.feed_token]),
        markers_of_sanne_allowed=True,
        note="the secret token is the key (calendar apps cannot log in); revoking it ends it",
    ),
    Row(
        "calendar_feed",
        everyone(404),
        path=lambda w: reverse("calendar_feed", args=["x" * 43]),
        id="unknown-token",
    ),
    # --- the account and the member's rights --------------------------------------------
    Row("accounts:profile", members_only(200, 200)),
    Row(
        "accounts:profile",
        members_only(302, 302),
        method="post",
        data=lambda w: {"preferred_language": "en"},
        id="post-language",
    ),
    Row(
        "set_language",
        everyone(302),
        method="post",
        data=lambda w: {"language": "en"},
        note="a visitor's choice goes to a cookie; a member's to their own row",
    ),
    Row("accounts:password_change", members_only(200, 200)),
    Row(
        "accounts:password_change",
        members_only(302, 200),
        method="post",
        data=lambda w: {
            "old_password": PASSWORD,
            "new_password1": "another-Strong-back-43",
            "new_password2": "another-Strong-back-43",
        },
        id="post-password",
        note="Sanne's old password is not another person's: their form refuses it",
    ),
    Row("accounts:password_change_done", members_only(200, 200)),
    Row("privacy:my_data", members_only(200, 200)),
    Row("privacy:export_json", members_only(200, 200), note="others download their own data"),
    Row("privacy:export_pdf", members_only(200, 200)),
    Row("privacy:delete", members_only(200, 200)),
    Row(
        "privacy:delete",
        members_only(302, 400),
        method="post",
        data=lambda w: {"password": PASSWORD},
        id="post-delete",
        note="Sanne's password does not delete another account, nor hers",
    ),
    # --- the API -------------------------------------------------------------------------
    Row(
        "api:preview",
        operation="POST /plans",
        expect=members_only(200, 422, visitor=422),
        method="post",
        data=lambda w: {"profile": PROFILE_JSON},
        json=True,
        note="without answers the stored check of the viewer is used; others have none",
    ),
    Row("api:current", members_only(200, 404, visitor=401), operation="GET /plans/current"),
    Row(
        "api:current_alternatives",
        members_only(200, 404, visitor=401),
        operation="GET /plans/current/alternatives",
        path=lambda w: reverse("api:current_alternatives") + _item_query(w),
    ),
    Row(
        "api:swap",
        members_only(200, 404, visitor=401),
        operation="POST /plans/current/swap",
        method="post",
        data=_swap_body,
        json=True,
    ),
    Row(
        "api:regenerate",
        members_only(200, 409, visitor=401),
        method="post",
        operation="POST /plans/current/regenerate",
    ),
    Row(
        "api:checkin",
        members_only(201, 409, visitor=401),
        operation="POST /checkins",
        method="post",
        data=lambda w: {"answers": _checkin_answers()},
        json=True,
        note="others have no full check to add a check-in to",
    ),
)


def _session_path(world: World) -> str:
    return reverse("training:session", args=[world.plan_session_id])


def _training_body(world: World) -> dict[str, Any]:
    return {
        "client_key": str(uuid.uuid4()),
        "plan_session": world.plan_session_id,
        "started_at": "2026-11-30T18:00:00+01:00",
        "completed": True,
        "results": [{"slug": "bird-dog", "sets_done": 1, "outcome": "right"}],
    }


# --- guided sessions (issue 12) ----------------------------------------------------------
TRAINING_ROWS: tuple[Row, ...] = (
    Row("training:today", members_only(200, 200), note="others: what comes first (a check)"),
    Row(
        "training:session",
        members_only(200, 404),
        path=_session_path,
        note="a session of another member's plan is a 404",
    ),
    Row(
        "training:by_key",
        members_only(302, 404),
        path=lambda world: reverse("training:by_key", args=[world.plan_session_key]),
        note="by key in the member's own plan; another member's key is a 404",
    ),
    Row(
        "training:offline_urls",
        members_only(200, 200, visitor=401),
        note="others get their own (empty) list; a visitor 401, it is fetched by the worker",
    ),
    Row("api:sessions", members_only(200, 200, visitor=401), operation="GET /sessions"),
    Row(
        "api:sessions",
        members_only(201, 422, visitor=401),
        operation="POST /sessions",
        method="post",
        data=_training_body,
        json=True,
        id="post-session",
        note="others may not file a session under Sanne's plan session: 422 plan_session",
    ),
    # --- follow-up questions (issue 13) ------------------------------------------------------
    Row(
        "training:followup",
        members_only(200, 404),
        path=lambda w: reverse("training:followup", args=[w.followup_id]),
        note="another member's question is a 404",
    ),
    Row(
        "training:followup",
        members_only(302, 404),
        method="post",
        path=lambda w: reverse("training:followup", args=[w.followup_id]),
        data=lambda w: {"feeling": "same", "pain": "2"},
        id="answer-followup",
    ),
    Row(
        "api:session_followup",
        members_only(201, 404, visitor=401),
        operation="POST /sessions/{client_key}/followup",
        method="post",
        path=lambda w: reverse("api:session_followup", args=[w.training_key]),
        data=lambda w: {"feeling": "same", "pain": 2},
        json=True,
        note="the session is Sanne's client key: unknown to anyone else, a 404",
    ),
    Row(
        "home",
        {
            **everyone(200),
            **dict.fromkeys((Actor.TRAINER, Actor.BOOKED_TRAINER, Actor.CONSENTED_TRAINER), 302),
        },
        note="the same page for all, plus the viewer's own open follow-up question; a "
        "trainer's home is the dashboard (302 to /trainer/, issue 15 §4)",
    ),
)
TABLE = TABLE + TRAINING_ROWS

_PSFS = [
    {"name": "Bukken", "score": 3},
    {"name": "Tillen", "score": 4},
    {"name": "Fietsen", "score": 6},
]

# --- progress and outcomes (issue 13 §3) -----------------------------------------------------
PROGRESS_ROWS: tuple[Row, ...] = (
    Row("progress:page", members_only(200, 200), note="others see their own, empty progress"),
    Row("progress:psfs", members_only(200, 200)),
    Row(
        "progress:psfs",
        members_only(302, 302),
        method="post",
        data=lambda w: {f"{k}_{n}": a[k] for n, a in enumerate(_PSFS, 1) for k in a},
        id="post-psfs",
        note="others save their own assessment, never Sanne's",
    ),
    Row("api:progress", members_only(200, 200, visitor=401), operation="GET /progress"),
    Row(
        "api:progress_psfs",
        members_only(201, 201, visitor=401),
        operation="POST /progress/psfs",
        method="post",
        data=lambda w: {"activities": _PSFS},
        json=True,
        id="post-psfs-api",
        note="others store their own assessment",
    ),
)
TABLE = TABLE + PROGRESS_ROWS


CHALLENGE = "challenge-30-days"


def _program(route: str) -> Callable[[World], str]:
    return lambda w: reverse(route, args=[CHALLENGE])


# --- programs (issue 14) ------------------------------------------------------------------
PROGRAM_ROWS: tuple[Row, ...] = (
    Row("programs:list", everyone(200), note="the programs for all; a member's own standing"),
    Row(
        "programs:detail",
        everyone(200),
        path=_program("programs:detail"),
        note="Sanne is in the challenge; others see the program and their own standing",
    ),
    *(
        Row(
            f"programs:{action}",
            members_only(302, 302),
            method="post",
            path=_program(f"programs:{action}"),
            note="others join, leave or restart their own, never Sanne's",
        )
        for action in ("join", "leave", "restart")
    ),
    Row(
        "programs:play",
        members_only(200, 200),
        path=_program("programs:play"),
        note="the viewer's own gate: others have no check, so the check comes first",
    ),
    Row("api:programs", everyone(200), operation="GET /programs"),
    Row(
        "api:program_sessions",
        members_only(409, 409, visitor=401),
        operation="POST /programs/{slug}/sessions",
        method="post",
        path=_program("api:program_sessions"),
        data=lambda w: {
            "client_key": str(uuid.uuid4()),
            "session_key": f"{CHALLENGE}/d01",
            "started_at": (timezone.now() + timedelta(minutes=1)).isoformat(),  # after her check
            "completed": True,
            "results": [],
        },
        json=True,
        id="post-program-day",
        note="a day of the viewer's own, stored but no day: others have no check, and the "
        "session Sanne trained used hers (one session per check-in)",
    ),
    Row(
        "api:program",
        everyone(200),
        operation="GET /programs/{slug}",
        path=_program("api:program"),
        note="a member's own standing beside the program; a visitor the program alone",
    ),
)
TABLE = TABLE + PROGRAM_ROWS

# --- sharing and the access log (issue 15 §3) ----------------------------------------------
SHARING_ROWS: tuple[Row, ...] = (
    Row("sharing:consents", members_only(200, 200), note="others: their own (empty) list"),
    Row(
        "sharing:give",
        members_only(302, 400),
        method="post",
        data=lambda w: {"trainer": w.booked_trainer_id, "understood": "on"},
        note="others have no booking with Sanne's trainer: the form refuses, nothing given",
    ),
    Row(
        "sharing:revoke",
        members_only(302, 302),
        method="post",
        data=lambda w: {"trainer": w.consented_trainer_id},
        note="others share nothing with that trainer: a message, nothing revoked",
    ),
    Row("accounts:access_log", members_only(200, 200), note="others: their own log"),
)
TABLE = TABLE + SHARING_ROWS
# Security (tests/security covers the owner's own actions): each page shows the viewer's
# own two-factor state and tokens; another person's token id is "not found".
SECURITY_ROWS = (
    Row("accounts:two_factor", members_only(200, 200), note="the viewer's own setup"),
    Row("accounts:tokens", members_only(200, 200), note="the viewer's own tokens"),
    Row(
        "accounts:tokens_revoke",
        members_only(404, 404),
        method="post",
        path=lambda w: reverse("accounts:tokens_revoke", args=[999_999]),
        note="only the owner's own token ids exist for them",
    ),
)
TABLE = TABLE + SECURITY_ROWS


# --- intakes: booking, the member's intakes, the trainer's agenda (issue 15 §1–2) ----------
def _booking_path(route: str) -> Callable[[World], str]:
    return lambda w: reverse(route, args=[w.booking_id])


def _slot_query(world: World) -> str:
    return (
        f"?trainer={world.booked_trainer_id}&location={world.location_id}&start={world.free_slot}"
    )


def _slot_form(world: World) -> dict[str, Any]:
    return {
        "trainer": world.booked_trainer_id,
        "location": world.location_id,
        "start": world.free_slot,
        "reason": "Stijve rug",
    }


def _api_booking(world: World) -> dict[str, Any]:
    starts_at = datetime.fromtimestamp(world.free_slot, tz=UTC).isoformat()
    return {**_slot_form(world), "starts_at": starts_at}


def agenda_only(trainers: int, *, booked: int | None = None) -> dict[Actor, int | str]:
    """The agenda's pages exist for trainers only: anyone else a 404, a visitor to log in."""
    found: dict[Actor, int | str] = {**members_only(404, 404), Actor.VISITOR: LOGIN}
    found.update(
        dict.fromkeys((Actor.TRAINER, Actor.BOOKED_TRAINER, Actor.CONSENTED_TRAINER), trainers)
    )
    if booked is not None:
        found[Actor.BOOKED_TRAINER] = booked
    return found


INTAKE_ROWS: tuple[Row, ...] = (
    Row(
        "intakes:book",
        members_only(200, 200),
        path=lambda w: reverse("intakes:book") + _slot_query(w),
        note="the form with the viewer's own reason prefilled (from their own check)",
    ),
    Row(
        "intakes:book",
        {
            **members_only(200, 200),
            Actor.OTHER_MEMBER: 302,
        },
        method="post",
        data=_slot_form,
        id="post-book",
        note="Sanne has an upcoming intake: the form says so (one at a time); another member "
        "books their own; trainers and the admin are not members: the form refuses",
    ),
    Row("intakes:mine", members_only(200, 200), note="others: their own (empty) intakes"),
    Row(
        "intakes:done",
        members_only(200, 404),
        path=_booking_path("intakes:done"),
        note="another person's booking id is a 404",
    ),
    Row("intakes:reschedule", members_only(200, 404), path=_booking_path("intakes:reschedule")),
    Row(
        "intakes:reschedule",
        members_only(302, 404),
        method="post",
        path=_booking_path("intakes:reschedule"),
        data=lambda w: {"start": w.free_slot},
        id="post-move",
    ),
    Row(
        "intakes:cancel",
        members_only(302, 404),
        method="post",
        path=_booking_path("intakes:cancel"),
    ),
    Row(
        "agenda:today",
        agenda_only(200),
        names_her=True,
        sees_sanne={Actor.BOOKED_TRAINER: BOOKING_SHARES},
        note="each trainer their own agenda; the booked trainer reads her first name, reason "
        "and level (the consented trainer's intake with her was last week)",
    ),
    Row("agenda:availability", agenda_only(200), note="each trainer their own availability"),
    Row(
        "agenda:mark",
        agenda_only(404, booked=302),
        method="post",
        path=_booking_path("agenda:mark"),
        data=lambda w: {"status": "attended"},
        note="her booking is the booked trainer's only; it has not begun: refused, a message",
    ),
    Row(
        "agenda:note",
        agenda_only(404, booked=302),
        method="post",
        path=_booking_path("agenda:note"),
        data=lambda w: {f"b{w.booking_id}-note": "Sterk <script>begin</script>"},
        changes_sanne=frozenset({Actor.BOOKED_TRAINER}),
        note="the intake's note is in her export and her log",
    ),
    Row(
        "api:intake_book",
        {
            **members_only(409, 403, visitor=401),
            Actor.OTHER_MEMBER: 201,
        },
        operation="POST /intakes",
        method="post",
        data=_api_booking,
        json=True,
        note="Sanne already has an upcoming intake: 409 (one at a time); another member books "
        "their own; trainers and the admin are not members: 403",
    ),
    Row("api:intake_mine", members_only(200, 200, visitor=401), operation="GET /intakes/mine"),
    Row(
        "api:intake_cancel",
        members_only(200, 404, visitor=401),
        operation="POST /intakes/{booking_id}/cancel",
        method="post",
        path=lambda w: reverse("api:intake_cancel", args=[w.booking_id]),
    ),
)
TABLE = TABLE + INTAKE_ROWS


# --- the trainers' pages (issue 15 §4) -------------------------------------------------------
def trainers_only(trainer: int, *, consented: int | None = None) -> dict[Actor, int | str]:
    """Staff pages: a visitor logs in; members and the admin 403; a trainer ``trainer``, the
    trainer with Sanne's consent ``consented`` (on her pages; others there 404)."""
    found: dict[Actor, int | str] = {**members_only(403, 403), Actor.VISITOR: LOGIN}
    found.update(dict.fromkeys((Actor.TRAINER, Actor.BOOKED_TRAINER), trainer))
    found[Actor.CONSENTED_TRAINER] = trainer if consented is None else consented
    return found


def _member_path(route: str, *extra: str) -> Callable[[World], str]:
    return lambda w: reverse(route, args=[w.sanne_id, *extra])


def _item_path(route: str) -> Callable[[World], str]:
    return lambda w: reverse(route, args=[w.sanne_id, w.plan_item_key])


def _trainer_swap(world: World) -> dict[str, Any]:
    from rugcoach.plans import adjust

    stored = selectors.current_plan(world.sanne)
    item = PlanItem.objects.get(session__plan=stored, key=world.plan_item_key)
    choices = adjust.swap_choices(stored, item)
    assert choices.alternatives, "her first item needs an alternative for the trainer's swap"
    return {"replacement": choices.alternatives[0], "reason": "Minder <script>druk</script>"}


CONSENTED = frozenset({Actor.CONSENTED_TRAINER})
SHE_SHARED = {Actor.CONSENTED_TRAINER: CONSENT_SHARES}

TRAINER_ROWS: tuple[Row, ...] = (
    Row(
        "trainers:dashboard",
        trainers_only(200),
        names_her=True,
        sees_sanne=SHE_SHARED,
        note="every trainer their own dashboard; only the consented one lists her",
    ),
    Row(
        "api:trainer_dashboard",
        {**trainers_only(200), Actor.VISITOR: 401},
        operation="GET /trainer/dashboard",
        names_her=True,
        sees_sanne=SHE_SHARED,
    ),
    Row("trainers:alerts", trainers_only(200), note="her alerts only for the consented trainer"),
    Row(
        "trainers:alerts",
        trainers_only(404, consented=302),
        method="post",
        data=lambda w: {"member": w.sanne_id, "key": "inactive:never", "note": "Gebeld"},
        changes_sanne=CONSENTED,
        id="post-handled",
        note="a member the trainer has no consent of is a 404",
    ),
    Row(
        "trainers:member",
        trainers_only(404, consented=200),
        path=_member_path("trainers:member"),
        names_her=True,
        sees_sanne=SHE_SHARED,
        note="her detail only with her consent; without, the same 404 as an unknown id",
    ),
    Row(
        "trainers:note",
        trainers_only(404, consented=302),
        method="post",
        path=_member_path("trainers:note"),
        data=lambda w: {"text": "Goed bezig <script>x</script>"},
        changes_sanne=CONSENTED,
    ),
    Row(
        "trainers:pause",
        trainers_only(404, consented=302),
        method="post",
        path=_member_path("trainers:pause"),
        data=lambda w: {"action": "pause", "reason": "Eerst naar de huisarts"},
        changes_sanne=CONSENTED,
    ),
    Row(
        "trainers:swap",
        trainers_only(404, consented=200),
        path=_item_path("trainers:swap"),
        sees_sanne=SHE_SHARED,
    ),
    Row(
        "trainers:swap",
        trainers_only(404, consented=302),
        method="post",
        path=_item_path("trainers:swap"),
        data=_trainer_swap,
        changes_sanne=CONSENTED,
        id="post-trainer-swap",
    ),
    Row(
        "trainers:dose",
        trainers_only(404, consented=200),
        path=_item_path("trainers:dose"),
        sees_sanne=SHE_SHARED,
    ),
    Row(
        "trainers:dose",
        trainers_only(404, consented=302),
        method="post",
        path=_item_path("trainers:dose"),
        data=lambda w: {"step": "0", "reason": "Rustiger opbouwen"},
        changes_sanne=CONSENTED,
        id="post-dose",
    ),
)
TABLE = TABLE + TRAINER_ROWS

# URLs that show or change no member's data, each with why. The admin is Django's own,
# behind is_staff and model permissions; its URLs are listed by namespace.
NOT_MEMBER_DATA: dict[str, str] = {
    "privacy_policy": "the policy text",
    "generic_poster": "the guide's poster, the same for everyone",
    "programs:herstelgids": "the recovery guide PDF from content, the same for everyone",
    "train_hub": "links to the plan, programs and progress pages",
    "figure": "exercise drawings",
    "favicon": "a redirect to the static icon",
    "library:list": "the exercise library (content files)",
    "library:gallery": "the exercise library (content files)",
    "library:detail": "the exercise library (content files)",
    "library:not_advised": "the exercise library (content files)",
    "knowledge:index": "the knowledge pages (content files)",
    "knowledge:page": "the knowledge pages (content files)",
    "knowledge:habits": "the knowledge pages (content files)",
    "knowledge:muscle_figure": "a muscle drawing (content files)",
    "knowledge:faq": "the FAQ and its search (content files)",
    "knowledge:heat": "the heat-or-cold helper: answers in the query, nothing stored",
    "GET /faq": "the FAQ search (content files)",
    "triage:reset": "empties the visitor's own wizard cookie",
    "accounts:signup": "makes a new account; a logged-in person is sent to their profile",
    "accounts:login": "the login form",
    "accounts:logout": "ends the viewer's own session",
    "accounts:password_reset": "the same 'sent' answer whether or not the address exists",
    "accounts:password_reset_done": "a static page",
    "accounts:password_reset_confirm": "the e-mailed signed token is the key (Django's view)",
    "accounts:password_reset_complete": "a static page",
    "accounts:two_factor_login": "the code step of the browser's own half-done login",
    "intakes:locations": "the locations, their opening hours and trainers (public)",
    "intakes:slots": "a location's free intake times (public; no member's booking shows)",
    "GET /intakes/slots": "a location's free intake times (public)",
    "api:api-root": "the API's root",
    "api:openapi-json": "the API's schema",
    "api:openapi-view": "the API's documentation page",
    "GET /exercises": "the exercise library",
    "GET /exercises/{slug}": "the exercise library",
    "GET /triage/questions": "the safety check's questions",
    "POST /triage": "evaluates answers it is sent; stores nothing",
}
NOT_MEMBER_DATA_NAMESPACES = {
    "admin": "Django's admin: staff only, its own permissions",
    "pwa": "the service worker, the manifest, the icon and the offline page: the same for all",
}


# --- the world ----------------------------------------------------------------------------


OTHER_PASSWORD = "not-Sannes-password-77"


def _person(email: str, role: str = User.Role.MEMBER) -> User:
    name = email.split("@")[0]
    return User.objects.create_user(email, OTHER_PASSWORD, first_name=name, role=role)


def _build_world() -> World:
    sanne = User.objects.create_user("sanne@example.com", PASSWORD, first_name="Sanneke")
    result = record_triage(sanne)
    services.save_intake(sanne, HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"))
    services.generate_plan(sanne, TODAY)
    feed = CalendarFeed.objects.create(member=sanne, kind="sessions")
    CalendarFeed.objects.create(member=sanne, kind="posture", workdays=["mon"])
    stored = selectors.current_plan(sanne)
    assert stored is not None
    first_session = selectors.parsed_plan(stored).weeks[0].sessions[0]
    plan_session = stored.sessions.order_by("day_offset", "order").first()
    assert plan_session is not None
    trained, _created = training_services.record_session(
        sanne,
        training_services.SessionReport(
            client_key=uuid.uuid4(),
            started_at=plan_session.plan.created_at,
            completed=True,
            plan_session=plan_session.pk,
            pain_after=1,
        ),
    )
    programs_services.join(sanne, program=CHALLENGE)
    # The next morning has come: her question is open (home, plan, its page, the API).
    FollowUp.objects.filter(session=trained).update(due_at=timezone.now() - timedelta(minutes=1))
    # An intake booked with one trainer; another she met at an intake and consented to,
    # who looked at her plan once (so her access log has an entry).
    booked = trainer("booked@example.com", "Bettina", "Geboekt", password=OTHER_PASSWORD)
    upcoming = booking(sanne, booked, reason=BOOKING_REASON)
    for weekday in range(7):  # free slots to book (the booking pages and the API)
        AvailabilityBlock.objects.create(
            trainer=booked,
            location=upcoming.location,
            weekday=weekday,
            starts=time(9),
            ends=time(17),
        )
    free = intake_selectors.slots_of(booked, now=timezone.now(), location_id=upcoming.location_id)
    first_item = (
        PlanItem.objects.filter(session=plan_session).order_by("order", "id").values("key").first()
    )
    assert free and first_item is not None
    consented = trainer("consented@example.com", "Chris", "Gedeeld", password=OTHER_PASSWORD)
    booking(
        sanne,
        consented,
        starts_at=timezone.now() - timedelta(days=7),
        status="attended",
        reason=BOOKING_REASON,
    )
    consent.give(member=sanne, trainer=consented)
    selectors.current_plan(sanne, viewer=consented.user)
    people: dict[Actor, User | None] = {
        Actor.VISITOR: None,
        Actor.MEMBER: sanne,
        Actor.OTHER_MEMBER: _person("ruud@example.com"),
        Actor.TRAINER: trainer("coach@example.com", "Coco", password=OTHER_PASSWORD).user,
        Actor.BOOKED_TRAINER: booked.user,
        Actor.CONSENTED_TRAINER: consented.user,
        Actor.ADMIN: User.objects.create_user(
            "admin@example.com", OTHER_PASSWORD, first_name="Ada", role="admin", is_staff=True
        ),
    }
    return World(
        sanne=sanne,
        people=people,
        result_id=result.pk,
        feed_token=feed.token,
        first_item=(1, first_session.weekday.value, first_session.items[0].slug),
        plan_session_id=plan_session.pk,
        plan_session_key=plan_session.key,
        training_key=str(trained.client_key),
        followup_id=FollowUp.objects.get(session=trained).pk,
        booked_trainer_id=booked.pk,
        consented_trainer_id=consented.pk,
        booking_id=upcoming.pk,
        location_id=upcoming.location_id,
        free_slot=int(free[-1].start.timestamp()),
        plan_item_key=first_item["key"],
        sanne_id=sanne.pk,
    )


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Sanne's world, built once for the module inside a transaction rolled back at its end
    (building it takes about a second; the table has hundreds of cases)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = _build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def world(_module_world: World, db) -> World:  # type: ignore[no-untyped-def]
    """The module's world for one case (run in a savepoint that is rolled back), with the
    people read again: a case may log in as them, deactivate or delete them."""
    people = {
        actor: None if person is None else User.objects.get(pk=person.pk)
        for actor, person in _module_world.people.items()
    }
    sanne = people[Actor.MEMBER]
    assert sanne is not None
    return replace(_module_world, sanne=sanne, people=people)


def _snapshot(member: User) -> str:
    """Everything of Sanne's that a write could change: her export and her account row.
    Her access log is left out: a linked trainer's view adds to it (checked apart)."""
    member = User.objects.get(pk=member.pk)
    export = export_member_data(member)
    export.pop("exported_at")
    export["accounts"].pop("access_log")
    account = {
        "password": member.password,
        "language": member.preferred_language,
        "active": member.is_active,
        "checks": TriageResult.objects.filter(member=member).count(),
    }
    return json.dumps([export, account], sort_keys=True, default=str)


def _call(client: Client, row: Row, world: World):  # type: ignore[no-untyped-def]
    url = row.url(world)
    data = row.data(world) if row.data is not None else None
    if row.json:
        return getattr(client, row.method)(
            url, json.dumps(data or {}), content_type="application/json"
        )
    return getattr(client, row.method)(url, data or {})


CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=|data-csrf=|content=)"[A-Za-z0-9]{64}"')


def _comparable(response) -> bool:  # type: ignore[no-untyped-def]
    content_type = response.get("Content-Type", "")
    return content_type.startswith(("text/html", "application/json")) or not response.content


EXPORT_TIME = re.compile(r'"exported_at": "[^"]+"')


def _normalised(response) -> str:  # type: ignore[no-untyped-def]
    """The answer without what differs between any two requests (token, export time)."""
    text = CSRF_TOKEN.sub(r"\1<csrf>", response.content.decode("utf-8"))
    return EXPORT_TIME.sub('"exported_at": "<now>"', text)


def _row_id(row: Row) -> str:
    return f"{row.method.upper()} {row.route}{' ' + row.id if row.id else ''}"


CASES = [
    pytest.param(row, actor, id=f"{_row_id(row)} as {actor}") for row in TABLE for actor in Actor
]


@pytest.mark.parametrize(("row", "actor"), CASES)
def test_each_actor_gets_the_expected_answer_and_nothing_of_sannes(row: Row, actor: Actor, world):
    client = Client()
    person = world.people[actor]
    if person is not None:
        client.force_login(person)
    before = _snapshot(world.sanne)
    logged = AccessLogEntry.objects.filter(member=world.sanne).count()
    logged_by = AccessLogEntry.objects.filter(member=world.sanne, viewer=person).count()

    response = _call(client, row, world)

    expected = row.expect[actor]
    if expected == LOGIN:
        assert response.status_code == 302, row.note
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, (row.note, response.content[:300])
    if actor is Actor.MEMBER:
        return
    if actor in row.changes_sanne:
        # A linked trainer's change is real (or the table could not tell) and in her log.
        assert _snapshot(world.sanne) != before, "the trainer's change did not reach Sanne"
        changes = AccessLogEntry.objects.filter(
            member=world.sanne, viewer=person, action=access.Action.CHANGE
        )
        assert AccessLogEntry.objects.filter(member=world.sanne, viewer=person).count() > logged_by
        assert changes.exists(), "her log says a trainer changed something"
    else:
        assert _snapshot(world.sanne) == before, "another person's request changed Sanne's data"
    if actor not in LINKED:
        # Only a rule that grants access logs it: nobody else leaves a trace in her log.
        assert AccessLogEntry.objects.filter(member=world.sanne).count() == logged
    if row.markers_of_sanne_allowed:
        return
    allowed = row.sees_sanne.get(actor, frozenset())
    body = response.content.decode("utf-8", errors="replace")
    if allowed and row.names_her:
        assert world.sanne.first_name in body, "the page that shares her data shows her"
    if row.method == "get" and _comparable(response) and not allowed:
        # What another person reads must not depend on Sanne's data at all: the same
        # request once Sanne is gone gives the same page (bar the CSRF token).
        world.sanne.delete()
        again = _call(client, row, world)
        assert (again.status_code, _normalised(again)) == (
            response.status_code,
            _normalised(response),
        ), "the answer depends on Sanne's data"
    # A visitor's login redirect names the URL they asked for (?next=): not a leak.
    location = "" if expected == LOGIN else response.get("Location", "")
    for name, marker in world.markers().items():
        if name in allowed:
            continue
        assert marker not in body and marker not in location, f"{name} {marker!r} leaked"


def test_a_member_writing_their_own_data_does_change_it(world):
    """The unchanged-data check above can fail: the same write as Sanne changes her data."""
    client = Client()
    client.force_login(world.sanne)
    before = _snapshot(world.sanne)
    row = next(r for r in TABLE if r.id == "post-intake")
    assert _call(client, row, world).status_code == 302
    assert _snapshot(world.sanne) != before


# --- the table covers every URL --------------------------------------------------------------


def _resolver_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            names |= _resolver_names(pattern.url_patterns, joined)
        elif isinstance(pattern, URLPattern):
            if pattern.callback.__module__ == "ninja.operation":
                continue  # one URL for several methods: the API's operations are walked below
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            names.add(f"{namespace}:{name}" if namespace else name)
    return names


def _api_operations() -> set[str]:
    """Every operation of the ninja API as "METHOD /path" (a path may have several)."""
    found = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                found |= {f"{method} {prefix}{path}" for method in operation.methods}
    return found


def _known() -> set[str]:
    return {row.operation or row.route for row in TABLE} | set(NOT_MEMBER_DATA)


def test_every_url_is_in_the_table_or_listed_as_public():
    found = {
        name
        for name in _resolver_names(get_resolver().url_patterns)
        if name.split(":")[0] not in NOT_MEMBER_DATA_NAMESPACES
    }
    found |= _api_operations()
    missing = found - _known()
    assert not missing, (
        f"{sorted(missing)}: add each to TABLE in {__name__} (with what every actor gets) "
        "or, if it shows no member's data, to NOT_MEMBER_DATA with why"
    )
    stale = _known() - found
    assert not stale, f"{sorted(stale)} no longer exist: remove them from the table"


def test_the_table_names_every_actor_for_every_row():
    for row in TABLE:
        assert set(row.expect) == set(Actor), _row_id(row)
    ids = [_row_id(row) for row in TABLE]
    assert len(ids) == len(set(ids)), "two rows of one URL need different ids"


# --- the policy itself ------------------------------------------------------------------------


READ, CHANGE = access.Action.READ, access.Action.CHANGE
HEALTH, BOOKING, ACCOUNT = access.Scope.HEALTH, access.Scope.BOOKING, access.Scope.ACCOUNT

# What each actor may do with Sanne's data, by the rule alone (issue 15 §3): a booking
# shares the booking, to read; consent shares health and booking, to read and change; the
# account (export, deletion, consents, the log) is Sanne's alone. Nobody else gets anything.
RULE: dict[Actor, set[tuple[access.Action, access.Scope]]] = {
    Actor.VISITOR: set(),
    Actor.MEMBER: {(a, s) for a in access.Action for s in access.Scope},
    Actor.OTHER_MEMBER: set(),
    Actor.TRAINER: set(),
    Actor.BOOKED_TRAINER: {(READ, BOOKING)},
    Actor.CONSENTED_TRAINER: {(READ, HEALTH), (CHANGE, HEALTH), (READ, BOOKING), (CHANGE, BOOKING)},
    Actor.ADMIN: set(),
}


def _may(world: World, actor: Actor) -> set[tuple[access.Action, access.Scope]]:
    from django.contrib.auth.models import AnonymousUser

    person = world.people[actor] or AnonymousUser()
    return {
        (action, scope)
        for action in access.Action
        for scope in access.Scope
        if access.may(person, world.sanne.pk, action, scope)
    }


def test_the_rule_for_every_actor(world):
    assert {actor: _may(world, actor) for actor in Actor} == RULE
    # The lists of many members agree with the rule (the dashboard's and agenda's filter).
    for actor in OTHERS:
        person = world.people[actor]
        for action in access.Action:
            for scope in access.Scope:
                ids = access.reachable_member_ids(person, action, scope)
                reached = ids is not None and world.sanne.pk in set(ids)
                assert reached == ((action, scope) in RULE[actor]), (actor, action, scope)


def test_revoked_consent_and_a_cancelled_booking_share_nothing(world):
    consented = world.people[Actor.CONSENTED_TRAINER]
    from rugcoach.intakes.models import Booking, Trainer

    consent.revoke(member=world.sanne, trainer=Trainer.objects.get(pk=world.consented_trainer_id))
    assert _may(world, Actor.CONSENTED_TRAINER) == {(READ, BOOKING)}, "only the intake's booking"
    with pytest.raises(access.AccessDenied):
        selectors.current_plan(world.sanne, viewer=consented)
    Booking.objects.filter(member=world.sanne).update(status=Booking.Status.CANCELLED)
    assert _may(world, Actor.CONSENTED_TRAINER) == set()
    assert _may(world, Actor.BOOKED_TRAINER) == set()


def test_a_deactivated_member_reaches_nothing(world):
    sanne = world.sanne
    sanne.is_active = False
    assert not any(access.may(sanne, sanne.pk, a, s) for a in access.Action for s in access.Scope)


def test_selectors_and_services_refuse_another_viewer(world):
    for actor in (Actor.OTHER_MEMBER, Actor.TRAINER, Actor.BOOKED_TRAINER, Actor.ADMIN):
        viewer = world.people[actor]
        with pytest.raises(access.AccessDenied):
            selectors.current_plan(world.sanne, viewer=viewer)
        with pytest.raises(access.AccessDenied):
            selectors.intake_of(world.sanne, viewer=viewer)
        with pytest.raises(access.AccessDenied):
            from rugcoach.triage.selectors import member_results

            member_results(world.sanne, viewer=viewer)
        stored = selectors.current_plan(world.sanne)
        week, weekday, slug = world.first_item
        with pytest.raises(access.AccessDenied):
            services.swap_exercise(
                stored, week, Weekday(weekday), slug, _a_replacement(world), by=viewer
            )
        with pytest.raises(access.AccessDenied):
            access.reads(world.sanne, viewer, scope=ACCOUNT)  # her export, consents, log
    assert selectors.current_plan(world.sanne, viewer=world.sanne) is not None


def test_the_consented_trainer_reads_and_it_is_logged(world):
    consented = world.people[Actor.CONSENTED_TRAINER]
    before = AccessLogEntry.objects.filter(member=world.sanne).count()
    assert selectors.current_plan(world.sanne, viewer=consented) is not None
    assert selectors.intake_of(world.sanne, viewer=consented) is not None
    entries = AccessLogEntry.objects.filter(member=world.sanne)
    assert entries.count() == before + 2
    assert {e.viewer_id for e in entries} == {consented.pk}
