"""A member's trained sessions are in their export (JSON and PDF) and go with the account."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from rugcoach.privacy.services import delete_member, export_member_data
from rugcoach.training import services
from rugcoach.training.models import ExerciseResult, TrainingSession

pytestmark = pytest.mark.django_db


def train(member) -> TrainingSession:
    stored, _created = services.record_session(
        member,
        services.SessionReport(
            client_key=uuid.uuid4(),
            started_at=timezone.now(),
            completed=False,
            pain_after=3,
            effort=7,
            results=(
                services.ExerciseReport(
                    slug="bird-dog", sets_done=1, outcome="hurt", hurt_where=("leg",), pain=6
                ),
            ),
        ),
    )
    return stored


def test_the_export_holds_every_trained_session_with_its_results(member, client):
    stored = train(member)
    sessions = export_member_data(member)["training"]["training_sessions"]
    assert [s["client_key"] for s in sessions] == [str(stored.client_key)]
    assert sessions[0]["effort"] == 7 and sessions[0]["completed"] is False
    assert sessions[0]["results"] == [
        {
            "slug": "bird-dog",
            "item_key": "",
            "sets_done": 1,
            "outcome": "hurt",
            "hurt_where": ["leg"],
            "pain": 6,
            "prescription": None,
        }
    ]
    assert sessions[0]["followups"] == [], "a session outside a plan asks nothing after it"
    client.force_login(member)
    pdf = client.get(reverse("privacy:export_pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_deleting_the_account_deletes_the_sessions(member):
    train(member)
    delete_member(member=member)
    assert not TrainingSession.objects.exists()
    assert not ExerciseResult.objects.exists()


def test_the_export_holds_follow_ups_and_the_plans_dose_changes(member_with_plan):
    from tests.training.helpers import (
        check_in,
        checks_made_yesterday,
        in_next_session,
        plan_starting_today,
        the_next_morning,
    )
    from tests.training.helpers import train as train_plan_session

    first = plan_starting_today(member_with_plan)
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan, pain_now=3)
    hurt = in_next_session(first)
    stored = train_plan_session(member_with_plan, first, {hurt.slug: ("hurt", 7)})
    morning = the_next_morning(stored)
    services.answer_followup(member_with_plan, followup_id=morning.pk, feeling="worse", pain=5)

    data = export_member_data(member_with_plan)["training"]
    session = data["training_sessions"][0]
    assert session["pain_before"] == 3
    assert next(r for r in session["results"] if r["slug"] == hurt.slug)["prescription"]
    answers = {f["kind"]: f for f in session["followups"]}
    assert answers["next_morning"]["feeling"] == "worse" and answers["next_morning"]["pain"] == 5
    assert answers["later"]["answered_at"] is None
    changes = [c for a in data["plan_adaptations"] for c in a["changes"]]
    assert any(c["slug"] == hurt.slug and c["rule"] == "E2" for c in changes)
