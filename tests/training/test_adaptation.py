"""Pain feedback changes the next session: stored sessions, follow-ups and checks run the
progression engine, whose decisions become prescription versions with their reasons."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rugcoach.core.schedule import Prescription
from rugcoach.plans.models import PlanItem, PrescriptionVersion
from rugcoach.training import services
from rugcoach.training.models import Adaptation, FollowUp
from tests.training.helpers import (
    check_in,
    checks_made_yesterday,
    in_next_session,
    later_item,
    main_items,
    next_session,
    only_glute_bridge,
    plan_starting_today,
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
    hurt = in_next_session(first)
    later = later_item(first, hurt.slug)
    before = Prescription.model_validate(later.versions.order_by("-number").first().prescription)
    shown = hurt.versions.order_by("-number").first().prescription

    session = train(member, first, {hurt.slug: ("hurt", 7)})

    assert session.pain_before == 3, "the check-in's pain is the session's baseline"
    given = session.results.get(slug=hurt.slug).prescription
    assert given == shown, "the dose the member was given is kept with the result"
    adaptation = Adaptation.objects.get(member=member, trigger="session")
    change = next(c for c in adaptation.changes if c["slug"] == hurt.slug)
    assert change["rule"] == "E2"
    assert change["en"], "a change always says why"
    if change["action"] == "swap":
        later.refresh_from_db()
        assert later.slug == change["to"] != hurt.slug
    else:
        newest = later.versions.order_by("-number").first()
        assert newest.source == "progression"
        assert newest.reason["en"] == change["en"]
        after = Prescription.model_validate(newest.prescription)
        assert (after.sets, after.reps or 0, after.hold_seconds or 0) < (
            before.sets,
            before.reps or 0,
            before.hold_seconds or 0,
        ), "lower than the plan had it"
    assert adaptation.status == "held", "a peak above 5 holds the rest"


def test_a_session_asks_the_next_morning_and_a_worse_morning_asks_again_and_holds(ready):
    member, first = ready
    session = train(member, first, {})
    morning = FollowUp.objects.get(session=session)
    assert morning.kind == "next_morning"
    local = timezone.localtime(morning.due_at)
    assert local.date() == timezone.localdate(session.started_at) + timedelta(days=1)
    assert (local.hour, local.minute) == (8, 0)

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
    morning = FollowUp.objects.get(session=session)
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
    morning = FollowUp.objects.get(session=session)
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
    hurt = in_next_session(first)
    train(member, first, {hurt.slug: ("hurt", 7)})
    change = next(
        c
        for c in Adaptation.objects.get(member=member, trigger="session").changes
        if c["slug"] == hurt.slug
    )
    client.force_login(member)
    page = client.get("/plan/").content.decode()
    assert "Waarom dit veranderde:" in page
    assert change["nl"] in page

    # The next session, after the next check-in: the player shows the reason too.
    check_in(member, pain_now=2)
    following = later_item(first, hurt.slug).session if change["action"] != "swap" else None
    if following is None:
        following = PlanItem.objects.get(session__plan=first.plan, key=change["item_key"]).session
    player = client.get(f"/training/{following.pk}/")
    assert player.status_code == 200, player.content[:300]
    assert change["nl"] in player.content.decode()


def test_a_plan_paused_by_the_engine_sends_the_member_to_a_physio_not_the_player(ready, client):
    member, first = ready
    Adaptation.objects.create(
        member=member,
        plan=first.plan,
        trigger="followup",
        status="paused-advise-physio",
        reasons=[{"rule": "R4", "nl": "Twee weken op rij slechter.", "en": "Worse two weeks."}],
        safety_signal=True,
    )
    client.force_login(member)
    page = client.get(f"/training/{first.pk}/").content.decode()
    assert "Je plan staat op pauze" in page
    assert "Twee weken op rij slechter." in page
    assert "fysiotherapeut" in page
    assert 'id="player"' not in page and "player.js" not in page


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
