"""Ready-made programs (issue 14): pages and API, over the challenge Sanne joined."""

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.accounts.access_table.actors import everyone, members_only
from tests.accounts.access_table.row import Row
from tests.accounts.access_table.world import CHALLENGE, World


def _program(route: str) -> Callable[[World], str]:
    return lambda w: reverse(route, args=[CHALLENGE])


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
