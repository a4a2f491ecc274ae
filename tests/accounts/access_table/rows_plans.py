"""The plan: intake, self-tests, the plan and its pages, calendars; and the plan API."""

from typing import Any

from django.urls import reverse

from tests.accounts.access_table.actors import everyone, members_only
from tests.accounts.access_table.row import Row
from tests.accounts.access_table.world import World, a_replacement


def _item_query(world: World) -> str:
    week, weekday, slug = world.first_item
    return f"?week={week}&weekday={weekday}&exercise={slug}"


def _swap_path(world: World) -> str:
    return reverse("plans:swap", args=list(world.first_item))


def _swap_body(world: World) -> dict[str, Any]:
    week, weekday, slug = world.first_item
    replacement = a_replacement(world)
    return {"week": week, "weekday": weekday, "exercise": slug, "replacement": replacement}


PROFILE_FORM = {
    "situation": "home",
    "minutes_per_session": "10",
    "weekdays": ["tue", "thu"],
    "complaint_weeks": "3",
}

PROFILE_JSON = {**PROFILE_FORM, "minutes_per_session": 10, "complaint_weeks": 3}

PLAN_ROWS: tuple[Row, ...] = (
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
        data=lambda w: {"replacement": a_replacement(w)},
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
    # --- the plan API ----------------------------------------------------------------------
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
)
