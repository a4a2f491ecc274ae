"""Intakes (issue 15 §1–2): booking, the member's intakes, the trainer's agenda; pages and API."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.urls import reverse

from tests.accounts.access_table.actors import BOOKING_SHARES, LOGIN, Actor, members_only
from tests.accounts.access_table.row import Row
from tests.accounts.access_table.world import World


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
