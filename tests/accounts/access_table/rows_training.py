"""Guided sessions (issue 12), their follow-up questions (issue 13) and the home page."""

import uuid
from typing import Any

from django.urls import reverse

from tests.accounts.access_table.actors import Actor, everyone, members_only
from tests.accounts.access_table.row import Row
from tests.accounts.access_table.world import World


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
