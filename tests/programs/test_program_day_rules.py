"""A program day the phone sends is judged by the server: the member's state when the
session started, the enrollment, the day's place; refused sessions are kept, never counted."""

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from rugcoach.plans.models import Plan
from rugcoach.programs import selectors, services
from rugcoach.programs.models import Enrollment, ProgramDay
from rugcoach.training.models import TrainingSession
from rugcoach.training.services import SessionReport
from rugcoach.triage.models import TriageResult
from tests.clock import amsterdam, days_ago
from tests.programs.helpers import (
    SLUG,
    checked_in_at,
    checked_yesterday,
    day_report,
    item_reports,
    ready_to_play,
)
from tests.training.helpers import check_in

pytestmark = pytest.mark.django_db


def bare_report(key: str = "d01", *, slug: str = SLUG, started=None) -> SessionReport:  # type: ignore[no-untyped-def]
    """A day as a phone could send it without the page's gate (no results needed)."""
    started = started or timezone.now()
    return SessionReport(
        client_key=uuid.uuid4(),
        started_at=started,
        finished_at=started + timedelta(minutes=5),
        completed=True,
        session_key=f"{slug}/{key}",
    )


def refused(member, report: SessionReport, slug: str = SLUG) -> services.NotCounted:  # type: ignore[no-untyped-def]
    with pytest.raises(services.NotCounted) as caught:
        services.record_day(member, program=slug, report=report)
    return caught.value


def kept_not_counted(member, error: services.NotCounted, reason: str) -> None:  # type: ignore[no-untyped-def]
    assert error.reason == reason
    assert TrainingSession.objects.filter(member=member, pk=error.session.pk).exists(), "kept"
    assert not ProgramDay.objects.filter(training=error.session).exists(), "no day"


# --- 1. the member's state when the session started -------------------------------------


def test_without_a_check_in_a_session_is_kept_but_is_no_day_and_joins_nothing(member):
    checked_yesterday(member)
    error = refused(member, bare_report())
    kept_not_counted(member, error, "checkin")
    assert not Enrollment.objects.exists(), "not joined either"


def test_a_check_in_that_blocks_training_stops_the_day(member):
    checked_yesterday(member)
    check_in(member, checkin_nerve_signs=True)
    kept_not_counted(member, refused(member, bare_report()), "blocked")


def test_a_calm_check_in_after_a_blocking_one_does_not_open_the_way(member):
    """Only a full check clears a check-in's red flag."""
    checked_yesterday(member)
    # Made in another order (the check-in page refuses a check-in after a red flag), then
    # dated: the red flag at -20 minutes, a calm check-in at -10.
    checked_in_at(member, timezone.now() - timedelta(minutes=10))
    blocking = check_in(member, checkin_nerve_signs=True)
    blocking.created_at = timezone.now() - timedelta(minutes=20)
    blocking.save(update_fields=["created_at"])
    kept_not_counted(member, refused(member, bare_report()), "blocked")


def test_a_check_in_made_after_the_session_started_does_not_count(member):
    checked_yesterday(member)
    started = timezone.now() - timedelta(minutes=30)
    check_in(member)  # now: after the session started
    kept_not_counted(member, refused(member, bare_report(started=started)), "checkin")


def test_yesterdays_check_in_does_not_open_todays_session(member):
    checked_yesterday(member)
    checked_in_at(member, days_ago(1))
    kept_not_counted(member, refused(member, bare_report()), "checkin")


def test_no_full_check_no_day(member):
    kept_not_counted(member, refused(member, bare_report()), "full_check")


def test_a_plan_paused_before_the_session_started_stops_the_day(member_with_plan):
    member = member_with_plan
    ready_to_play(member)
    Plan.objects.filter(member=member).update(paused_at=timezone.now() - timedelta(minutes=1))
    kept_not_counted(member, refused(member, bare_report()), "paused")


def test_a_program_that_is_not_for_the_member_is_no_day(member):
    checked_yesterday(member, pregnant=True, pregnancy_week=30)
    check_in(member)
    error = refused(member, bare_report(slug="core-circuit"), slug="core-circuit")
    kept_not_counted(member, error, "not_for_you")
    assert not Enrollment.objects.filter(program="core-circuit").exists()


def test_the_refused_session_again_is_refused_again_and_stored_once(member):
    checked_yesterday(member)
    report = bare_report()
    first = refused(member, report)
    check_in(member)  # a check-in now changes nothing for a session that started before it
    again = refused(member, report)
    assert first.created and not again.created
    assert again.reason == "not_counted" and again.session == first.session
    assert TrainingSession.objects.count() == 1 and not ProgramDay.objects.exists()


def test_a_program_the_member_left_is_not_joined_again_by_a_session(member):
    ready_to_play(member)
    services.join(member, program=SLUG)
    services.leave(member, program=SLUG)
    kept_not_counted(member, refused(member, day_report(member)), "left")
    assert list(Enrollment.objects.values_list("status", flat=True)) == ["left"]


# --- 2. a client key of another session ----------------------------------------------------


def test_a_key_of_another_day_is_refused_and_nothing_is_attached(member):
    ready_to_play(member)
    first = services.record_day(member, program=SLUG, report=day_report(member))
    check_in(member)
    other = replace(day_report(member, "d02"), client_key=first.session.client_key)
    with pytest.raises(services.KeyInUse):
        services.record_day(member, program=SLUG, report=other)
    assert ProgramDay.objects.count() == 1 and TrainingSession.objects.count() == 1


def test_a_key_of_a_plan_session_is_refused(member):
    from rugcoach.training.services import record_session

    ready_to_play(member)
    plan_like = record_session(member, bare_report(slug="other"))[0]  # no ProgramDay
    reused = replace(day_report(member), client_key=plan_like.client_key)
    with pytest.raises(services.KeyInUse):
        services.record_day(member, program=SLUG, report=reused)
    assert not ProgramDay.objects.exists()


# --- 4. only a completed session is a day done; minutes by the clock ---------------------


def test_a_stopped_session_is_kept_but_the_same_day_comes_again(member):
    ready_to_play(member)
    stopped = replace(day_report(member), completed=False)
    played = services.record_day(member, program=SLUG, report=stopped)
    assert played.created and played.day is None
    assert TrainingSession.objects.get().completed is False
    mine = selectors.member_program(member, selectors.program_or_404(SLUG))
    assert mine.done == () and mine.next is not None and mine.next.key == "d01"
    assert services.record_day(member, program=SLUG, report=stopped).created is False
    check_in(member)
    again = services.record_day(member, program=SLUG, report=day_report(member))
    assert again.day is not None and again.day.day_key == "d01"


def test_minutes_come_from_the_clock_capped_at_twice_the_stated_minutes(member):
    ready_to_play(member)
    program = selectors.program_or_404(SLUG)
    started = timezone.now() - timedelta(hours=3)
    short = day_report(member, started_at=started)
    services.record_day(
        member, program=SLUG, report=replace(short, finished_at=started + timedelta(minutes=3))
    )
    later = timezone.now() - timedelta(hours=1)
    long = day_report(member, "d02", started_at=later)
    services.record_day(
        member, program=SLUG, report=replace(long, finished_at=later + timedelta(hours=1))
    )
    enrollment = selectors.with_logs(Enrollment.objects.filter(member=member)).get()
    assert selectors.trained_minutes(program, enrollment) == 3 + 2 * program.minutes


# --- 5. the server does not trust the phone ---------------------------------------------------


def test_a_start_in_the_future_is_refused_and_nothing_is_stored(member):
    ready_to_play(member)
    report = replace(day_report(member), started_at=timezone.now() + timedelta(minutes=6))
    with pytest.raises(services.InvalidReport) as caught:
        services.record_day(member, program=SLUG, report=report)
    assert caught.value.field == "started_at"
    assert not TrainingSession.objects.exists()


def test_day_thirty_on_day_one_is_no_day(member):
    ready_to_play(member)
    last = selectors.program_or_404(SLUG).sessions[-1].key
    kept_not_counted(member, refused(member, day_report(member, last)), "out_of_order")


def test_a_day_that_hurt_cannot_be_skipped_by_sending_the_next_one(member):
    ready_to_play(member)
    services.record_day(member, program=SLUG, report=day_report(member, hurt=7))
    check_in(member)
    kept_not_counted(member, refused(member, day_report(member, "d02")), "out_of_order")
    check_in(member)
    again = services.record_day(member, program=SLUG, report=day_report(member, "d01"))
    assert again.day is not None and again.day.repeat and again.day.gentler


# --- the second review: the physio stop, a late-sent day, one session per check-in -------


def _held_day(member, key: str, minutes_ago: int) -> None:  # type: ignore[no-untyped-def]
    started = timezone.now() - timedelta(minutes=minutes_ago)
    report = day_report(member, key, hurt=7, started_at=started)
    services.record_day(member, program=SLUG, report=report)


def test_a_day_sent_at_the_physio_stop_is_no_day_and_never_lifts_it(member):
    ready_to_play(member)
    _held_day(member, "d01", 60)
    _held_day(member, "d01", 30)
    check_in(member)
    program = selectors.program_or_404(SLUG)
    assert selectors.gate(member, program).step == "physio"
    kept_not_counted(member, refused(member, bare_report()), "physio")
    check_in(member)
    assert selectors.gate(member, program).step == "physio", "only a new full check lifts it"


@pytest.mark.parametrize(
    "wall_clock", ["2026-12-03 00:01", "2026-12-03 12:00", "2026-12-03 23:59"], indirect=True
)
def test_a_day_sent_late_is_judged_with_the_check_in_of_its_own_day(wall_clock, member):
    """Yesterday evening's pain-7 check-in allowed only breathing and gentle mobility: a
    challenge day played after it and sent today is no day (not for you then)."""
    checked_yesterday(member, days_ago=3)
    evening = amsterdam(f"{wall_clock.now().date() - timedelta(days=1)} 21:00")
    painful = check_in(member, pain_now=7)
    TriageResult.objects.filter(pk=painful.pk).update(created_at=evening)
    assert painful.stored_verdict.level != "TRAIN"
    error = refused(member, bare_report(started=evening + timedelta(minutes=1)))
    kept_not_counted(member, error, "not_for_you")


def test_one_check_in_opens_one_session_not_two(member):
    ready_to_play(member)
    services.record_day(member, program=SLUG, report=bare_report())
    error = refused(member, bare_report("d02", started=timezone.now() + timedelta(minutes=1)))
    kept_not_counted(member, error, "checkin")


def test_the_server_and_the_gate_agree_on_a_paused_plan(member_with_plan):
    """A calm new full check does not lift R4's pause (only a new plan does): the gate
    says "paused", and the server counts no day either."""
    member = member_with_plan
    Plan.objects.filter(member=member).update(paused_at=timezone.now() - timedelta(days=2))
    ready_to_play(member)
    assert selectors.gate(member, selectors.program_or_404(SLUG)).step == "paused"
    kept_not_counted(member, refused(member, bare_report()), "paused")


# --- around midnight in Amsterdam ----------------------------------------------------------


def as_the_player_shows_it(member):  # type: ignore[no-untyped-def]
    """The challenge's next day as the player page shows it now (the gate's fit, lighter
    after a day that hurt), played through from now; the doses it showed per item, and
    its reasons as a day stores them."""
    program = selectors.program_or_404(SLUG)
    gate = selectors.gate(member, program)
    assert gate.step == "train" and gate.fit is not None, gate.step
    shown = selectors.next_to_play(member, program, gate.fit)
    assert shown is not None
    started = timezone.now()
    report = SessionReport(
        client_key=uuid.uuid4(),
        started_at=started,
        finished_at=started + timedelta(minutes=10),
        completed=True,
        session_key=f"{SLUG}/{shown.next.key}",
        results=item_reports(shown.session.items),
    )
    doses = {item.key: item.prescription.model_dump(mode="json") for item in shown.session.items}
    reasons = [{"rule": r.rule, **r.text.model_dump()} for r in shown.next.reasons]
    return report, doses, reasons


@pytest.mark.parametrize("wall_clock", ["2026-12-03 23:30"], indirect=True)
def test_a_day_played_before_midnight_is_stored_as_shown_after_the_next_days_check_in(
    wall_clock, member
):
    """Day 1 hurt, so day 1 comes again, lighter, with its reasons. Played from 23:45 after
    a calm check-in; the phone sends it at 00:10, after the next day's check-in (pain 7:
    no challenge that day; clearly worse after training). The day counts (it started
    fine) and is stored as the player showed it: lighter, with its reasons and the doses
    given, not judged by the next day's check-in."""
    ready_to_play(member)
    services.record_day(member, program=SLUG, report=day_report(member, hurt=7))
    wall_clock.move_to("2026-12-03 23:45")
    check_in(member)
    report, shown, reasons = as_the_player_shows_it(member)
    assert reasons, "the member reads why it is lighter"
    wall_clock.move_to("2026-12-04 00:05")
    next_day = check_in(member, pain_now=7, checkin_worse_after_training=True)
    assert next_day.stored_verdict.level != "TRAIN"
    wall_clock.move_to("2026-12-04 00:10")

    played = services.record_day(member, program=SLUG, report=report)
    assert played.day is not None, "a day of the program"
    assert played.day.done_on.isoformat() == "2026-12-03", "the day it was played"
    assert played.day.repeat and played.day.gentler
    assert played.day.reasons == reasons, "the reasons the member read"
    given = {r.item_key: r.prescription for r in played.session.results.all()}
    assert given == shown, "the doses the player showed"


@pytest.mark.parametrize("wall_clock", ["2026-12-03 23:55"], indirect=True)
def test_a_session_started_after_midnight_needs_that_days_check_in(wall_clock, member):
    """The player opened at 23:56 after a check-in at 23:55, started after midnight: a
    session of the new day, which has no check-in yet (the player asks for it at the
    start too)."""
    ready_to_play(member)
    opened = wall_clock.move_to("2026-12-03 23:56")
    assert selectors.gate(member, selectors.program_or_404(SLUG)).step == "train"
    wall_clock.move_to("2026-12-04 00:12")
    late = bare_report(started=opened + timedelta(minutes=5))
    kept_not_counted(member, refused(member, late), "checkin")
    before = bare_report(started=opened + timedelta(minutes=2))
    assert services.record_day(member, program=SLUG, report=before).day is not None
