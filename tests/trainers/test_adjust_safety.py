"""Reviewer findings on a trainer's plan changes (issue 15): a trainer cannot lift the
progression engine's R4 pause ("see a physio first") without a new full check, and after
a contraindication override the trainer can still swap back to a safe exercise."""

import pytest
from django.db import transaction
from django.urls import reverse

from rugcoach.plans import adjust
from rugcoach.plans import services as plan_services
from rugcoach.plans.models import PlanItem
from tests.plan_helpers import record_triage
from tests.trainers.helpers import client_for

pytestmark = pytest.mark.django_db


def resume_url(member) -> str:  # type: ignore[no-untyped-def]
    return reverse("trainers:pause", kwargs={"member_id": member.pk})


def test_the_progression_pause_ends_only_with_a_full_check_after_it(trainer, linked):
    stored = linked.plans.get()
    with transaction.atomic():
        plan_services.pause_plan(stored, why="R4: two weeks worse", by=linked)
    client = client_for(trainer)
    refused = client.post(
        resume_url(linked), {"action": "resume", "reason": "Gaat beter"}, follow=True
    )
    page = refused.content.decode()
    assert "Hervatten kan niet" in page and "eerst naar een fysiotherapeut" in page
    stored.refresh_from_db()
    assert stored.paused_at is not None, "the member's latest check allows training, still paused"

    record_triage(linked)  # a full check after the pause
    client.post(resume_url(linked), {"action": "resume", "reason": "Fysio akkoord"})
    stored.refresh_from_db()
    assert stored.paused_at is None


def test_a_trainers_own_pause_may_be_resumed_and_the_member_is_the_plans(trainer, linked):
    stored = linked.plans.get()
    client = client_for(trainer)
    client.post(resume_url(linked), {"action": "pause", "reason": "Even rust"})
    stored.refresh_from_db()
    assert stored.paused_at is not None
    assert not adjust.paused_by_progression(stored)
    client.post(resume_url(linked), {"action": "resume", "reason": "Weer verder"})
    stored.refresh_from_db()
    assert stored.paused_at is None
    with pytest.raises(TypeError):  # no separate member argument, reason and by by keyword
        adjust.resume(stored, linked, "x", trainer)  # type: ignore[call-arg, misc]


def test_after_an_override_the_trainer_can_swap_back_to_a_safe_exercise(trainer, linked):
    stored = linked.plans.get()
    item = (
        PlanItem.objects.filter(session__plan=stored, role="main")
        .order_by("session__day_offset", "order")
        .first()
    )
    planned = item.slug
    choices = adjust.swap_choices(stored, item)
    target = choices.excluded[0]
    adjust.swap_item(
        stored,
        item_key=item.key,
        replacement=target.slug,
        reason="Zelf begeleid",
        by=trainer,
        confirm_override=True,
    )
    item.refresh_from_db()
    stored.refresh_from_db()
    assert item.slug == target.slug
    after = adjust.swap_choices(stored, item)
    assert planned in after.alternatives and target.slug not in after.alternatives
    safe = next(slug for slug in after.alternatives if slug != planned)

    response = client_for(trainer).post(
        reverse("trainers:swap", kwargs={"member_id": linked.pk, "item_key": item.key}),
        {"replacement": safe, "reason": "Toch veiliger"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.slug == safe
    assert item.versions.order_by("-number").first().source == "trainer"

    adjust.swap_item(
        stored, item_key=item.key, replacement=planned, reason="Terug naar het plan", by=trainer
    )
    item.refresh_from_db()
    assert item.slug == planned
