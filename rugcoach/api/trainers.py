"""The trainer's dashboard over the API: ``GET /api/trainer/dashboard`` gives the open and
handled alerts (each with its evidence link and stable key), today's intakes and the
members with consent, from the same selector as the page
(``rugcoach.trainers.selectors.dashboard``). Trainers only: anyone else gets 403."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from rugcoach.api.auth import MEMBER_AUTH
from rugcoach.api.schemas import MEMBERS_ONLY
from rugcoach.trainers.presenters import AlertView
from rugcoach.trainers.selectors import dashboard, is_trainer

router = Router(tags=["trainers"])


class AlertOut(Schema):
    key: str = Field(description="stable: kind and row id, or inactive:<last session date>")
    kind: str = Field(description="red-flag, safety-signal, session, morning, inactive")
    member_id: int
    member: str
    at: datetime
    evidence: str = Field(description="the member's page, anchored at the evidence")
    level: str | None = None
    pain: int | None = None
    effort: int | None = None
    days: int | None = None
    handled_by: str | None = None
    handled_at: datetime | None = None
    note: str | None = None


class IntakeOut(Schema):
    starts_at: datetime
    location: str
    member: str | None
    reason: str


class MemberOut(Schema):
    id: int
    name: str
    consent_at: datetime
    last_trained: datetime | None
    open_alerts: int


class DashboardOut(Schema):
    open_alerts: list[AlertOut]
    handled_alerts: list[AlertOut]
    intakes: list[IntakeOut]
    members: list[MemberOut]
    member_count: int
    page: int


class PageQuery(Schema):
    page: int = Field(default=1, ge=1, le=100_000)


def _alert(view: AlertView) -> dict[str, Any]:
    a, handled = view.alert, view.handled
    return {
        "key": a.key,
        "kind": a.kind.value,
        "member_id": a.member_id,
        "member": view.member_name,
        "at": a.at,
        "evidence": view.url,
        "level": a.level.value if a.level else None,
        "pain": a.pain,
        "effort": a.effort,
        "days": a.days,
        "handled_by": handled.handled_by_name if handled else None,
        "handled_at": handled.at if handled else None,
        "note": handled.note if handled else None,
    }


@router.get(
    "/dashboard",
    auth=MEMBER_AUTH,
    url_name="trainer_dashboard",
    response={200: DashboardOut, **MEMBERS_ONLY},
    summary="The trainer's dashboard: alerts first, today's intakes, members with consent",
)
def get_dashboard(request: HttpRequest, query: Query[PageQuery]) -> Any:
    viewer = request.user
    if not is_trainer(viewer):
        raise HttpError(403, "Only trainers have a dashboard.")
    found = dashboard(viewer, now=timezone.now(), page=query.page)  # type: ignore[arg-type]
    return {
        "open_alerts": [_alert(v) for v in found.open_alerts],
        "handled_alerts": [_alert(v) for v in found.handled_alerts],
        "intakes": [
            {
                "starts_at": b.starts_at,
                "location": b.location.name,
                "member": (b.member.first_name or None) if b.member else None,
                "reason": b.reason,
            }
            for b in found.intakes
        ],
        "members": [
            {
                "id": m.id,
                "name": m.name,
                "consent_at": m.consent_at,
                "last_trained": m.last_trained,
                "open_alerts": m.open_alerts,
            }
            for m in found.members
        ],
        "member_count": found.member_count,
        "page": query.page,
    }
