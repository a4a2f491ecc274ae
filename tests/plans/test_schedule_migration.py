"""Issue 10 §1: plans stored as JSON before the schedule rows are carried over without
loss. Plans are built in the old code's data shape (the planner's JSON, one with a swap),
stored with the models of migration 0002, migrated, and the rows are compared with what
the member sees: the plan page, the schedule PDF's text and the calendar events."""

import html
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from rugcoach.accounts.models import User as LiveUser
from rugcoach.content import get_catalog
from rugcoach.core.planner import Plan as CorePlan
from rugcoach.core.planner import SelfTests, alternatives, build_plan, focus_areas, swap
from rugcoach.plans import selectors
from rugcoach.plans.models import CalendarFeed, Plan, PlanRevision
from tests.plan_helpers import HOME_PROFILE, PASSWORD, record_triage
from tests.plans.migrating import (  # noqa: F401
    back_to_the_latest_schema,
    migrate,
    migrate_to_latest,
)

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("plans", "0002_due_date_from_trimester")]
AFTER = [("plans", "0004_carry_plans_to_rows")]


def old_shape_plan(verdict) -> dict:  # type: ignore[no-untyped-def]
    """A plan as the old code stored it: the planner's JSON, with one swap applied."""
    catalog = get_catalog()
    focus = focus_areas(HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"), catalog.planner)
    starts_on = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    plan = build_plan(HOME_PROFILE, focus, verdict, catalog, catalog.planner, starts_on=starts_on)
    assert isinstance(plan, CorePlan)
    session = plan.weeks[2].sessions[0]
    main = next(i for i in session.items if i.role == "main")
    args = (HOME_PROFILE, verdict, catalog, catalog.planner)
    option = alternatives(plan, 3, session.weekday, main.slug, *args)[0]
    return swap(plan, 3, session.weekday, main.slug, option, *args).model_dump(mode="json")


def pdf_words(tmp_path, content: bytes) -> str:
    path = tmp_path / "schedule.pdf"
    path.write_bytes(content)
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(raw.split())


def test_old_plans_migrate_to_rows_that_match_the_page_the_pdf_and_the_calendar(client, tmp_path):
    member = LiveUser.objects.create_user("sanne@example.com", PASSWORD, first_name="Sanne")
    triage = record_triage(member)
    verdict = triage.stored_verdict
    stored_json = old_shape_plan(verdict)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())

    apps = migrate(BEFORE)
    OldPlan = apps.get_model("plans", "Plan")
    old = OldPlan.objects.create(
        member_id=member.pk,
        starts_on=monday,
        profile=HOME_PROFILE.model_dump(mode="json"),
        verdict=triage.verdict,
        plan=stored_json,
        created_at=timezone.now(),
    )
    migrate(AFTER)
    # Later migrations add what today's code reads (plans' pause, training's tables that the
    # plan page asks for open questions); none of them touches these rows.
    migrate_to_latest()

    stored = Plan.objects.get(pk=old.pk)
    assert stored.plan == stored_json  # the JSON is untouched
    assert PlanRevision.objects.get(plan=stored).what["kind"] == "carried-over"
    schedule = selectors.stored_schedule(stored)
    assert stored.sessions.count() == sum(len(w["sessions"]) for w in stored_json["weeks"])

    catalog = get_catalog()
    # Every session, exercise and dose of the JSON is in the rows, in order.
    for week in stored_json["weeks"]:
        for session in week["sessions"]:
            found = schedule.session(f"w{week['number']}-{session['weekday']}")
            assert found is not None and found.seconds == session["seconds"]
            assert [i.slug for i in found.items] == [i["slug"] for i in session["items"]]
            for planned, item in zip(session["items"], found.items, strict=True):
                dose = item.prescription
                assert (dose.sets, dose.reps, dose.hold_seconds, dose.duration_seconds) == (
                    planned["sets"],
                    planned["reps"],
                    planned["hold_seconds"],
                    planned["duration_seconds"],
                )
                assert item.step == planned["step"] and item.reason.nl == planned["reason"]["nl"]

    client.force_login(member)
    page = " ".join(html.unescape(client.get("/plan/").content.decode()).split())
    pdf = pdf_words(tmp_path, client.get("/plan/schema.pdf").content)
    client.post("/plan/agenda/", {"action": "save-sessions", "session_time": "07:30"})
    feed = CalendarFeed.objects.get(kind="sessions", revoked_at=None)
    events = Calendar.from_ical(client.get(f"/agenda/{feed.token}.ics").content).walk("VEVENT")
    descriptions = {str(e["UID"]): str(e["DESCRIPTION"]).splitlines() for e in events}
    assert len(descriptions) == len(schedule.sessions)
    for session in schedule.sessions:
        lines = descriptions[f"plan-{stored.pk}-{session.key}@rugcoach"]
        for item, line in zip(session.items, lines, strict=False):
            name = catalog.exercises[item.slug].name.nl
            words = item.prescription.words().nl
            assert line == f"{name} ({words})"
            assert words in page and name in page
            assert words in pdf
