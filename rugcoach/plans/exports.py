"""The member's intake, self-tests, plans and calendar feeds, for their own export."""

from typing import Any

from rugcoach.accounts.models import User
from rugcoach.plans.models import CalendarFeed, Intake, Plan
from rugcoach.plans.selectors import stored_schedule

# Plan's sessions, items, prescription versions and revisions hang off the plan (no
# member key of their own) and are exported with it below.
MODELS = (Intake, Plan, CalendarFeed)

# A feed's token is a key: whoever has it reads the calendar without logging in. An export
# file is copied, mailed and kept around, so it carries only the token's last characters
# (enough to recognise which calendar subscription is which); the full private address
# stays on the calendar page, behind the login, where it can also be revoked.
TOKEN_HINT_CHARS = 4


def export_member_data(member: User) -> dict[str, Any]:
    intake = Intake.objects.filter(member=member).first()
    plans = Plan.objects.filter(member=member).order_by("created_at", "id")
    feeds = CalendarFeed.objects.filter(member=member).order_by("created_at", "id")
    return {
        "intake": (
            {
                "profile": intake.profile,
                "updated_at": intake.updated_at.isoformat(),
            }
            if intake
            else None
        ),
        "self_tests": intake.self_tests if intake else None,
        "plans": [
            {
                "created_at": plan.created_at.isoformat(),
                "starts_on": plan.starts_on.isoformat(),
                "is_current": plan.is_current,
                "profile": plan.profile,
                "verdict": plan.verdict,
                "plan": plan.plan,
                "schedule": stored_schedule(plan).model_dump(mode="json"),
                "history": [
                    {
                        "number": revision.number,
                        "created_at": revision.created_at.isoformat(),
                        "changed_by": revision.changed_by,
                        "what": revision.what,
                        "why": revision.why,
                    }
                    for revision in plan.revisions.all()
                ],
            }
            for plan in plans
        ],
        "calendar_feeds": [
            {
                "kind": feed.kind,
                "created_at": feed.created_at.isoformat(),
                "revoked_at": feed.revoked_at.isoformat() if feed.revoked_at else None,
                "token_ends_with": feed.token[-TOKEN_HINT_CHARS:],
                "session_time": feed.session_time.isoformat(timespec="minutes"),
                "interval_minutes": feed.interval_minutes,
                "work_start": feed.work_start.isoformat(timespec="minutes"),
                "work_end": feed.work_end.isoformat(timespec="minutes"),
                "workdays": feed.workdays,
            }
            for feed in feeds
        ],
    }
