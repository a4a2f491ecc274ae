"""A trainer adjusts a member's plan (issue 15 §4): swap (with the planner's constraints,
and an override that needs a warning, a confirmation and a reason), a dose, pause and
resume (refused while a check forbids training), a note. The member sees each change
with "aangepast door je trainer <name>: <reason>", escaped."""

import pytest
from django.urls import reverse

from rugcoach.accounts.models import AccessLogEntry
from rugcoach.plans import adjust
from rugcoach.plans.models import PlanItem, PlanRevision, PrescriptionVersion
from rugcoach.plans.selectors import parsed_plan
from rugcoach.trainers.models import MemberNote
from tests.plan_helpers import record_triage
from tests.trainers.helpers import client_for, red_flag

pytestmark = pytest.mark.django_db
XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def main_item(member) -> PlanItem:  # type: ignore[no-untyped-def]
    return (
        PlanItem.objects.filter(session__plan=member.plans.get(), role="main")
        .order_by("session__day_offset", "order")
        .first()
    )


def url(name: str, member, item: PlanItem | None = None) -> str:  # type: ignore[no-untyped-def]
    kwargs = {"member_id": member.pk}
    if item is not None:
        kwargs["item_key"] = item.key
    return reverse(f"trainers:{name}", kwargs=kwargs)


def test_a_swap_to_an_alternative_is_a_trainer_version_the_member_reads(trainer, linked):
    item = main_item(linked)
    choices = adjust.swap_choices(linked.plans.get(), item)
    assert choices.alternatives, "the planner offers alternatives for a main exercise"
    replacement = choices.alternatives[0]
    response = client_for(trainer).post(
        url("swap", linked, item),
        {"replacement": replacement, "reason": f"Beter voor je knie {XSS}"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.slug == replacement
    latest = item.versions.order_by("-number").first()
    assert (latest.source, latest.author_id) == ("trainer", trainer.pk)
    assert parsed_plan(linked.plans.get()).week(1) is not None  # the planner's JSON follows
    revision = PlanRevision.objects.filter(changed_by="trainer").get()
    assert revision.what["to"] == replacement and revision.what["author_id"] == trainer.pk
    page = client_for(linked).get(reverse("plans:plan")).content.decode()
    assert f"Aangepast door je trainer Tom: Beter voor je knie {ESCAPED}" in page
    assert XSS not in page
    assert (
        AccessLogEntry.objects.filter(member=linked, what="plan-swap", action="change").count() == 1
    )


def test_an_excluded_exercise_needs_a_warning_a_confirmation_and_a_reason(trainer, linked):
    item = main_item(linked)
    stored = linked.plans.get()
    excluded = adjust.swap_choices(stored, item).excluded
    assert excluded, "the home plan excludes exercises (equipment, level, …)"
    target = excluded[0]
    versions_before = PrescriptionVersion.objects.count()
    client = client_for(trainer)
    refused = client.post(
        url("swap", linked, item), {"replacement": target.slug, "reason": "Ik weet het"}
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Let op, uitgesloten voor dit lid:" in html and target.reason.nl in html
    assert "Bevestig dat je dit bewust doet" in html
    no_reason = client.post(
        url("swap", linked, item), {"replacement": target.slug, "confirm": "on", "reason": " "}
    )
    assert no_reason.status_code == 400
    assert PrescriptionVersion.objects.count() == versions_before  # nothing changed
    done = client.post(
        url("swap", linked, item),
        {"replacement": target.slug, "confirm": "on", "reason": "Zelf begeleid in de zaal"},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert (item.slug, item.replaces) == (target.slug, main_item(linked).replaces)
    revision = PlanRevision.objects.filter(changed_by="trainer").get()
    assert revision.what["override"] is True and revision.what["cause"] == target.cause
    assert revision.what["excluded_because"]["nl"] == target.reason.nl


def test_a_dose_change_picks_a_rung_and_can_reach_later_sessions(trainer, linked):
    item = main_item(linked)
    steps = adjust.dose_steps(item)
    current = item.versions.order_by("-number").first().prescription
    index = next(i for i, p in enumerate(steps) if p.model_dump(mode="json") != current)
    later = PlanItem.objects.filter(
        session__plan=item.session.plan,
        slug=item.slug,
        session__day_offset__gt=item.session.day_offset,
    )
    response = client_for(trainer).post(
        url("dose", linked, item), {"step": index, "reason": "Rustiger opbouwen", "later_too": "on"}
    )
    assert response.status_code == 302
    for row in [item, *later]:
        latest = row.versions.order_by("-number").first()
        assert (latest.source, latest.prescription) == (
            "trainer",
            steps[index].model_dump(mode="json"),
        )
    assert (
        "Aangepast door je trainer Tom: Rustiger opbouwen"
        in client_for(linked).get(reverse("plans:plan")).content.decode()
    )


def test_a_custom_dose_and_its_errors(trainer, linked):
    item = main_item(linked)
    client = client_for(trainer)
    nothing = client.post(url("dose", linked, item), {"reason": "x"})
    assert nothing.status_code == 400 and "Kies een stap" in nothing.content.decode()
    too_many = client.post(url("dose", linked, item), {"sets": 40, "reason": "x"})
    assert too_many.status_code == 400
    done = client.post(url("dose", linked, item), {"sets": 1, "reason": "Eén set deze week"})
    assert done.status_code == 302
    assert item.versions.order_by("-number").first().prescription["sets"] == 1


def test_pause_tells_the_member_and_resume_waits_for_a_check_that_allows_training(trainer, linked):
    client = client_for(trainer)
    client.post(url("pause", linked), {"action": "pause", "reason": f"Eerst naar de fysio {XSS}"})
    stored = linked.plans.get()
    assert stored.paused_at is not None
    note = MemberNote.objects.get(member=linked)
    assert "Eerst naar de fysio" in note.text
    plan_page = client_for(linked).get(reverse("plans:plan")).content.decode()
    assert "Van je trainer" in plan_page and ESCAPED in plan_page and XSS not in plan_page
    home = client_for(linked).get("/").content.decode()
    assert "Je trainer heeft je plan gepauzeerd" in home and XSS not in home

    red_flag(linked, level="GP_TODAY", hours_ago=0)  # a check-in after the full check
    refused = client.post(
        url("pause", linked), {"action": "resume", "reason": "Gaat beter"}, follow=True
    )
    assert "Hervatten kan niet" in refused.content.decode()
    stored.refresh_from_db()
    assert stored.paused_at is not None

    record_triage(linked)  # a new full check that allows training
    client.post(url("pause", linked), {"action": "resume", "reason": "Gaat beter"})
    stored.refresh_from_db()
    assert stored.paused_at is None
    kinds = list(
        PlanRevision.objects.filter(changed_by="trainer").values_list("what__kind", flat=True)
    )
    assert kinds == ["paused", "resumed"]


def test_a_note_reaches_the_member_escaped(trainer, linked):
    response = client_for(trainer).post(url("note", linked), {"text": f"Goed bezig! {XSS}"})
    assert response.status_code == 302
    for page in ("/", reverse("plans:plan")):
        html = client_for(linked).get(page).content.decode()
        assert f"Goed bezig! {ESCAPED}" in html and XSS not in html
    assert (
        AccessLogEntry.objects.filter(member=linked, what="member-note", action="change").count()
        == 1
    )
    empty = client_for(trainer).post(url("note", linked), {"text": "  "})
    assert empty.status_code == 400 and "Dit veld is verplicht" in empty.content.decode()


def test_the_schedule_pdf_prints_the_trainers_dose(trainer, linked):
    """The PDF prints doses, not reasons (a reason with markup must not break it either)."""
    item = main_item(linked)
    adjust.change_dose(
        linked.plans.get(), item_key=item.key, reason=f"Let op {XSS} & <b>meer", by=trainer, sets=1
    )
    response = client_for(linked).get(reverse("plans:schedule") + "?size=A4")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_each_change_is_one_line_in_the_members_log(trainer, linked):
    AccessLogEntry.objects.all().delete()
    item = main_item(linked)
    client = client_for(trainer)
    client.post(url("dose", linked, item), {"sets": 2, "reason": "Meer"})
    client.post(url("note", linked), {"text": "Hallo"})
    client.post(url("pause", linked), {"action": "pause", "reason": "Even rust"})
    rows = list(AccessLogEntry.objects.order_by("id").values_list("action", "what"))
    assert rows == [("change", "plan-dose"), ("change", "member-note"), ("change", "plan-pause")]
