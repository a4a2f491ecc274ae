"""The trainers' pages (issue 15 §4): the dashboard, alerts, a member's detail and the
changes a trainer with consent may make; pages and API."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from rugcoach.plans import selectors
from rugcoach.plans.models import PlanItem
from tests.accounts.access_table.actors import CONSENT_SHARES, LOGIN, Actor, members_only
from tests.accounts.access_table.row import Row
from tests.accounts.access_table.world import World


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
