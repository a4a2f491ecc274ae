"""Pain feedback changes the next session: stored sessions, follow-ups and checks run the
progression engine, whose decisions become prescription versions with their reasons."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from rugcoach.core.schedule import Prescription
from rugcoach.plans.models import PrescriptionVersion
from rugcoach.training import services
from rugcoach.training.models import Adaptation, FollowUp
from rugcoach.training.services import ExerciseReport, SessionReport
from tests.training.helpers import (
    check_in,
    checks_made_yesterday,
    in_next_session,
    main_items,
    next_session,
    only_glute_bridge,
    plan_starting_today,
    the_next_morning,
    train,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(member_with_plan):
    """Today is the plan's first session day and the member checked in (pain 2)."""
    first = plan_starting_today(member_with_plan)
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan, pain_now=3)
    return member_with_plan, first


def test_it_hurt_lowers_that_exercise_next_time_with_its_reason(ready):
    member, first = ready
    done = only_glute_bridge(first)  # 2 × 12: a set below its base
    later = only_glute_bridge(next_session(first))
    shown = done.versions.get().prescription

    session = train(member, first, {"glute-bridge": ("hurt", 7)})

    assert session.pain_before == 3, "the check-in's pain is the session's baseline"
    given = session.results.get(slug="glute-bridge").prescription
    assert given == shown, "the dose the member was given is kept with the result"
    adaptation = Adaptation.objects.get(member=member, trigger="session")
    assert adaptation.status == "held", "a peak above 5 holds the rest"
    [change] = adaptation.changes
    assert (change["slug"], change["rule"], change["action"]) == ("glute-bridge", "E2", "regress")
    assert change["en"], "a change always says why"
    newest = later.versions.order_by("-number").first()
    assert newest.source == "progression"
    assert newest.reason["en"] == change["en"]
    after = Prescription.model_validate(newest.prescription)
    assert (after.sets, after.reps) == (1, 12), "one set fewer than the 2 × 12 that hurt"


def test_a_session_asks_the_next_morning_and_a_worse_morning_asks_again_and_holds(ready):
    member, first = ready
    session = train(member, first, {})
    morning = FollowUp.objects.get(session=session)
    assert morning.kind == "next_morning"
    local = timezone.localtime(morning.due_at)
    assert local.date() == timezone.localdate(session.started_at) + timedelta(days=1)
    assert (local.hour, local.minute) == (8, 0)
    with pytest.raises(services.FollowUpNotDue):  # not before the morning
        services.answer_followup(member, followup_id=morning.pk, feeling="worse", pain=5)

    the_next_morning(session)
    services.answer_followup(member, followup_id=morning.pk, feeling="worse", pain=5)

    later = FollowUp.objects.get(session=session, kind="later")
    assert later.due_at == session.started_at + timedelta(hours=48)
    state = Adaptation.objects.filter(member=member).first()
    assert state.trigger == "followup"
    assert state.status == "held"
    assert state.reasons[0]["rule"] == "R2"
    with pytest.raises(services.FollowUpAlreadyAnswered):
        services.answer_followup(member, followup_id=morning.pk, feeling="better", pain=0)


def test_a_calm_session_and_a_good_morning_progress_one_step(ready):
    member, first = ready
    main = main_items(first)
    session = train(member, first, {}, pain_after=1)
    morning = the_next_morning(session)
    services.answer_followup(member, followup_id=morning.pk, feeling="better", pain=1)
    state = Adaptation.objects.filter(member=member).first()
    assert [r["rule"] for r in state.reasons] == ["P1"]
    assert not FollowUp.objects.filter(session=session, kind="later").exists()
    rises = [c for c in state.changes if c["action"] in ("progress", "advance")]
    assert rises, "P1: each main exercise one step up (or on to its progression)"
    assert all(c["rule"] in ("P1", "E3") for c in rises)
    assert {c["slug"] for c in rises} <= {i.slug for i in main}


def test_running_the_engine_again_on_the_same_history_changes_nothing(ready):
    member, first = ready
    train(member, first, {in_next_session(first).slug: ("hurt", 7)})
    versions = PrescriptionVersion.objects.count()
    runs = Adaptation.objects.count()
    from rugcoach.training import progression

    assert progression.adapt(member, trigger="session") is None
    assert PrescriptionVersion.objects.count() == versions
    assert Adaptation.objects.count() == runs


def test_a_check_with_a_red_flag_stops_the_plan(ready):
    member, first = ready
    train(member, first, {})
    check_in(member, fever=True)
    state = Adaptation.objects.filter(member=member).first()
    assert state.trigger == "checkin"
    assert state.status == "stopped"
    assert state.reasons[0]["rule"] == "P0"


def test_an_answer_outside_the_choices_names_its_field(ready):
    member, first = ready
    session = train(member, first, {})
    morning = the_next_morning(session)
    with pytest.raises(services.InvalidFollowUpAnswer) as error:
        services.answer_followup(member, followup_id=morning.pk, feeling="meh", pain=3)
    assert error.value.field == "feeling"
    with pytest.raises(services.InvalidFollowUpAnswer) as error:
        services.answer_followup(member, followup_id=morning.pk, feeling="same", pain=11)
    assert error.value.field == "pain"
    morning.refresh_from_db()
    assert morning.answered_at is None


def test_another_members_follow_up_is_not_found(ready, django_user_model):
    member, first = ready
    session = train(member, first, {})
    other = django_user_model.objects.create_user("other@example.com", "x-long-password-1")
    with pytest.raises(services.FollowUpNotFound):
        services.answer_followup(
            other, followup_id=FollowUp.objects.get(session=session).pk, feeling="same", pain=1
        )


def test_the_plan_page_and_the_player_say_why_a_dose_changed(ready, client):
    member, first = ready
    only_glute_bridge(first)
    following = next_session(first)
    only_glute_bridge(following)
    train(member, first, {"glute-bridge": ("hurt", 7)})
    [change] = Adaptation.objects.get(member=member, trigger="session").changes
    client.force_login(member)
    page = client.get("/plan/").content.decode()
    assert "Waarom dit veranderde:" in page
    assert change["nl"] in page

    # The next session, after the next check-in: the player shows the reason too.
    check_in(member, pain_now=2)
    player = client.get(f"/training/{following.pk}/")
    assert player.status_code == 200, player.content[:300]
    assert change["nl"] in player.content.decode()


def _pause(member, first) -> None:
    """What the engine does on R4: the run with its reason, and the plan paused."""
    from rugcoach.plans.services import pause_plan

    Adaptation.objects.create(
        member=member,
        plan=first.plan,
        trigger="followup",
        status="paused-advise-physio",
        reasons=[{"rule": "R4", "nl": "Twee weken op rij slechter.", "en": "Worse two weeks."}],
        safety_signal=True,
    )
    pause_plan(first.plan, why="R4", by=member)


def test_a_plan_paused_by_the_engine_sends_the_member_to_a_physio_not_the_player(ready, client):
    member, first = ready
    _pause(member, first)
    client.force_login(member)
    page = client.get(f"/training/{first.pk}/").content.decode()
    assert "Je plan staat op pauze" in page
    assert "Twee weken op rij slechter." in page
    assert "fysiotherapeut" in page
    assert 'id="player"' not in page and "player.js" not in page
    today = client.get("/plan/vandaag/").content.decode()
    assert "Je plan staat op pauze" in today
    assert "training-start" not in today, "no start button on a paused plan"


def test_a_pause_holds_until_a_full_check_after_it_and_a_new_plan(ready, client):
    from rugcoach.plans import services as plan_services
    from rugcoach.training import selectors
    from tests.plan_helpers import record_triage

    member, first = ready
    session = train(member, first, {})
    _pause(member, first)
    # Calm answers and check-ins do not lift it: the engine leaves a paused plan alone.
    morning = the_next_morning(session)
    services.answer_followup(member, followup_id=morning.pk, feeling="better", pain=0)
    check_in(member, pain_now=0)
    assert selectors.gate(member).step == "paused"
    assert Adaptation.objects.filter(member=member).first().status == "paused-advise-physio"
    # No new plan without a full check made after the pause.
    with pytest.raises(plan_services.PausedPlan):
        plan_services.generate_plan(member, timezone.localdate())
    client.force_login(member)
    refused = client.post("/plan/maken/", follow=True)
    assert "Je plan staat op pauze" in refused.content.decode()
    assert refused.redirect_chain[-1][0].startswith("/mag-ik-trainen/")
    record_triage(member)
    fresh = plan_services.generate_plan(member, timezone.localdate()).plan
    assert fresh is not None and fresh.pk != first.plan.pk
    assert fresh.paused_at is None


def test_a_red_flag_stops_the_plan_and_moves_no_dose(ready):
    member, first = ready
    only_glute_bridge(first)
    item = only_glute_bridge(next_session(first))
    train(member, first, {"glute-bridge": ("hurt", 7)})
    lowered = item.versions.order_by("-number").first()
    assert lowered.source == "progression"
    versions = item.versions.count()

    check_in(member, fever=True)

    state = Adaptation.objects.filter(member=member).first()
    assert (state.status, state.changes) == ("stopped", [])
    assert item.versions.count() == versions, "a stop never puts a lowered dose back up"


def test_it_hurt_at_the_lowest_step_with_nothing_to_swap_to_stays_at_the_lowest(ready, monkeypatch):
    from rugcoach.plans import services as plan_services

    monkeypatch.setattr(plan_services, "swap_for_progression", lambda *a, **k: None)
    member, first = ready
    only_glute_bridge(first)
    item = only_glute_bridge(next_session(first))
    # What the member did: one set, the lowest step; the next session plans three.
    PrescriptionVersion.objects.filter(item__session=first).update(
        prescription=Prescription(sets=1, reps=12, rest_seconds=45).model_dump(mode="json")
    )
    PrescriptionVersion.objects.filter(item=item).update(
        prescription=Prescription(sets=3, reps=14, rest_seconds=45).model_dump(mode="json")
    )
    train(member, first, {"glute-bridge": ("hurt", 7)})

    newest = item.versions.order_by("-number").first()
    dose = Prescription.model_validate(newest.prescription)
    assert (dose.sets, dose.reps) == (1, 12), "the lowest step, not the plan's 3 × 14"
    assert newest.source == "progression" and newest.reason["en"]


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        ("held", "Je plan houdt even in"),
        ("reduced", "Je plan doet het deze week rustiger"),
        ("paused-advise-physio", "Je plan staat op pauze"),
    ],
)
def test_the_plan_page_says_when_the_engine_holds_cuts_or_pauses_the_plan(
    ready, client, status, heading
):
    member, first = ready
    client.force_login(member)
    assert heading not in client.get("/plan/").content.decode()
    Adaptation.objects.create(
        member=member,
        plan=first.plan,
        trigger="followup",
        status=status,
        reasons=[{"rule": "R2", "nl": "Je rug was slechter.", "en": "Your back was worse."}],
    )
    page = client.get("/plan/").content.decode()
    assert heading in page
    assert "Je rug was slechter." in page


def test_the_plan_page_says_nothing_of_a_plan_that_runs_as_planned(ready, client):
    member, first = ready
    Adaptation.objects.create(
        member=member,
        plan=first.plan,
        trigger="followup",
        status="active",
        reasons=[{"rule": "P1", "nl": "Je gaat een stap verder.", "en": "One step up."}],
    )
    client.force_login(member)
    page = client.get("/plan/").content.decode()
    assert "Je plan houdt even in" not in page and "Je gaat een stap verder." not in page


def test_a_dose_kept_for_a_new_reason_shows_the_new_reason(ready):
    """A dose the engine keeps for another reason than before gets today's reason: the
    member never reads a stale "why"."""
    from rugcoach.training import progression

    member, first = ready
    only_glute_bridge(first)
    item = only_glute_bridge(next_session(first))
    train(member, first, {"glute-bridge": ("hurt", 7)})  # one set fewer next time (E2)
    current = item.versions.order_by("-number").first()
    assert current.source == "progression"
    stale = {"nl": "Een oude reden.", "en": "An old reason."}
    PrescriptionVersion.objects.create(
        item=item,
        number=current.number + 1,
        prescription=current.prescription,
        reason=stale,
        source="progression",
    )

    progression.adapt(member, trigger="session")

    newest = item.versions.order_by("-number").first()
    assert newest.number == current.number + 2
    assert newest.prescription == current.prescription, "the same dose"
    assert newest.reason != stale and newest.reason["en"]
    again = item.versions.count()
    progression.adapt(member, trigger="session")
    assert item.versions.count() == again, "today's reason is stored once"


def test_the_dose_kept_with_a_result_is_the_version_the_player_showed(ready):
    """The phone says which version of the dose it showed: that one is kept with the
    result, whatever the phone's clock says (it may run behind the server's)."""
    member, first = ready
    item = only_glute_bridge(first)
    lowered = Prescription(sets=1, reps=12, rest_seconds=45).model_dump(mode="json")
    PrescriptionVersion.objects.create(
        item=item,
        number=2,
        prescription=lowered,
        reason={"nl": "x", "en": "x"},
        source="progression",
    )
    behind = timezone.now() - timedelta(hours=1)  # before version 2 was made
    stored, _ = services.record_session(
        member,
        SessionReport(
            client_key=uuid.uuid4(),
            plan_session=first.pk,
            started_at=behind,
            completed=True,
            results=(
                ExerciseReport(slug="glute-bridge", item_key=item.key, version=2, outcome="right"),
            ),
        ),
    )
    assert stored.results.get().prescription == lowered


def test_sessions_are_trained_in_order_so_the_adapted_one_comes_first(ready, client):
    member, first = ready
    following = next_session(first)
    after = next_session(following)
    client.force_login(member)
    skipped = client.get(f"/training/{following.pk}/").content.decode()
    assert "Eerst je volgende training" in skipped and 'id="player"' not in skipped
    assert f"/training/{first.pk}/" in skipped, "a link to the session to train now"

    train(member, first, {})
    check_in(member, pain_now=2)
    assert 'id="player"' in client.get(f"/training/{following.pk}/").content.decode()
    assert 'id="player"' not in client.get(f"/training/{after.pk}/").content.decode()
    assert 'id="player"' not in client.get(f"/training/{first.pk}/").content.decode()
