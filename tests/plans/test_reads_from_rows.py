"""Issue 10 §1: the plan page, the PDFs, the calendar feed and the API read the schedule
rows, and "what to do next time" is an item's latest prescription version. A new version
(as the progression engine or a trainer will write) shows everywhere; the planner's JSON
is not what the member reads."""

import html
import subprocess

import pytest
from icalendar import Calendar

from rugcoach.content import get_catalog
from rugcoach.core.schedule import Prescription
from rugcoach.plans.models import CalendarFeed, Plan, PlanItem, PrescriptionVersion

pytestmark = pytest.mark.django_db

# A dose the planner never gives (13 repetitions, 7 sets), so finding it proves the row.
NEXT_TIME = Prescription(sets=7, reps=13, rest_seconds=50)


def pdf_words(tmp_path, content: bytes) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(raw.split())


def test_a_new_prescription_version_is_what_every_reader_shows(client, member_with_plan, tmp_path):
    stored = Plan.objects.get(is_current=True)
    before_json = stored.plan
    item = (
        PlanItem.objects.filter(session__plan=stored, session__key="w1-mon", role="main")
        .order_by("order")
        .first()
    )
    planned = PrescriptionVersion.objects.get(item=item, number=1)
    PrescriptionVersion.objects.create(
        item=item,
        number=2,
        prescription=NEXT_TIME.model_dump(mode="json"),
        reason={"nl": "Het ging goed: een stap verder.", "en": "It went well: one step on."},
        source="progression",
    )
    words_nl = NEXT_TIME.words().nl
    name = get_catalog().exercises[item.slug].name.nl
    client.force_login(member_with_plan)

    page = " ".join(html.unescape(client.get("/plan/").content.decode()).split())
    assert words_nl in page
    assert words_nl in pdf_words(tmp_path, client.get("/plan/schema.pdf").content)
    poster = pdf_words(tmp_path, client.get("/plan/poster.pdf?size=A3").content)
    assert NEXT_TIME.words(brief=True).nl in poster  # the wall poster says it briefly

    client.post("/plan/agenda/", {"action": "save-sessions", "session_time": "07:30"})
    feed = CalendarFeed.objects.get(kind="sessions", revoked_at=None)
    events = Calendar.from_ical(client.get(f"/agenda/{feed.token}.ics").content).walk("VEVENT")
    monday = next(e for e in events if str(e["UID"]) == f"plan-{stored.pk}-w1-mon@rugcoach")
    assert f"{name} ({words_nl})" in str(monday["DESCRIPTION"]).splitlines()

    body = client.get("/api/plans/current").json()
    session = next(s for s in body["schedule"]["sessions"] if s["key"] == "w1-mon")
    versions = next(i for i in session["items"] if i["key"] == item.key)["versions"]
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[-1]["prescription"]["reps"] == 13

    # The planned dose is kept as version 1, and the planner's JSON is untouched.
    assert PrescriptionVersion.objects.get(item=item, number=1) == planned
    stored.refresh_from_db()
    assert stored.plan == before_json


def test_the_swap_page_finds_the_exercise_in_the_rows(client, member_with_plan):
    stored = Plan.objects.get(is_current=True)
    item = (
        PlanItem.objects.filter(session__plan=stored, session__key="w1-mon", role="main")
        .order_by("order")
        .first()
    )
    client.force_login(member_with_plan)
    assert client.get(f"/plan/wissel/1/mon/{item.slug}/").status_code == 200
    # The same exercise on a day without a session, or not in that session: no page.
    taken = set(
        PlanItem.objects.filter(session__plan=stored, session__key="w1-mon").values_list(
            "slug", flat=True
        )
    )
    other = next(slug for slug in get_catalog().exercises if slug not in taken)
    assert client.get(f"/plan/wissel/1/mon/{other}/").status_code == 404
