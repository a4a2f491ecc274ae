"""The safety check and the daily check-in: pages and API."""

from django.urls import reverse

from rugcoach.content import get_catalog
from tests.accounts.access_table.actors import everyone, members_only
from tests.accounts.access_table.row import Row
from tests.accounts.access_table.world import World
from tests.triage_answers import benign_answers


def _checkin_answers() -> dict[str, object]:
    content = get_catalog().triage
    benign = benign_answers(content)
    return {question: benign[question] for question in content.checkin_order}


def _checkin_form(world: World) -> dict[str, str]:
    return {
        key: ("yes" if value is True else "no" if value is False else str(value))
        for key, value in _checkin_answers().items()
    }


TRIAGE_ROWS: tuple[Row, ...] = (
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
