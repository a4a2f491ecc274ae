"""Join, leave, restart; a day played is stored once per client key."""

import threading
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from rugcoach.programs import selectors, services
from rugcoach.programs.models import Enrollment, ProgramDay
from rugcoach.training.models import Adaptation, FollowUp, TrainingSession
from tests.programs.helpers import SLUG, day_report, ready_to_play

pytestmark = pytest.mark.django_db


def test_joining_twice_is_once_and_leaving_keeps_the_days(member):
    ready_to_play(member)
    first = services.join(member, program=SLUG)
    assert services.join(member, program=SLUG) == first
    services.record_day(member, program=SLUG, report=day_report(member))
    left = services.leave(member, program=SLUG)
    assert left is not None and left.status == "left" and left.left_at is not None
    assert services.leave(member, program=SLUG) is None, "not in it any more: nothing to leave"
    assert ProgramDay.objects.filter(enrollment=first).count() == 1, "history kept"


def test_restart_leaves_the_running_one_and_starts_at_day_one(member):
    ready_to_play(member)
    services.join(member, program=SLUG)
    services.record_day(member, program=SLUG, report=day_report(member))
    again = services.restart(member, program=SLUG)
    rows = Enrollment.objects.filter(member=member, program=SLUG)
    assert sorted(rows.values_list("status", flat=True)) == ["active", "left"]
    mine = selectors.member_program(member, selectors.program_or_404(SLUG))
    assert mine.enrollment == again and mine.done == ()
    assert mine.next is not None and mine.next.key == "d01"


def test_a_day_played_moves_the_program_on_and_asks_the_next_morning(member):
    ready_to_play(member)
    services.join(member, program=SLUG)
    played = services.record_day(member, program=SLUG, report=day_report(member))
    day = played.day
    assert played.created and day is not None and day.day_key == "d01" and not day.repeat
    session = day.training
    assert session.session_key == f"{SLUG}/d01"
    assert all(r.prescription is not None for r in session.results.all()), "the doses given"
    assert FollowUp.objects.filter(session=session, kind="next_morning").exists()
    assert not Adaptation.objects.exists(), "the plan's engine does not run on a program day"
    mine = selectors.member_program(member, selectors.program_or_404(SLUG))
    assert mine.next is not None and mine.next.key == "d02"
    assert mine.standing is not None and mine.standing.done_days == 1


def test_the_same_key_again_stores_nothing_new(member):
    ready_to_play(member)
    report = day_report(member)
    first = services.record_day(member, program=SLUG, report=report)
    again = services.record_day(member, program=SLUG, report=report)
    assert first.created and not again.created and again.day == first.day
    assert TrainingSession.objects.count() == 1 and ProgramDay.objects.count() == 1


def test_playing_without_joining_joins(member):
    ready_to_play(member)
    services.record_day(member, program=SLUG, report=day_report(member))
    assert Enrollment.objects.get(member=member, program=SLUG).status == "active"


def test_a_day_that_is_not_in_the_program_is_refused(member):
    ready_to_play(member)
    report = day_report(member)
    wrong = report.__class__(**{**report.__dict__, "session_key": f"{SLUG}/d99"})
    with pytest.raises(services.UnknownDay):
        services.record_day(member, program=SLUG, report=wrong)
    assert not TrainingSession.objects.exists()


def test_a_day_that_hurt_is_played_again_gentler(member):
    ready_to_play(member)
    services.record_day(member, program=SLUG, report=day_report(member, hurt=7))
    mine = selectors.member_program(member, selectors.program_or_404(SLUG))
    assert mine.next is not None
    assert (mine.next.key, mine.next.repeat, mine.next.gentler) == ("d01", True, True)
    assert mine.next.reasons, "the member reads why"


@pytest.mark.django_db(transaction=True)
def test_ten_copies_at_once_store_one_day(member):
    ready_to_play(member)
    services.join(member, program=SLUG)
    report = day_report(member, client_key=uuid.uuid4())
    answers: list[bool] = []
    errors: list[BaseException] = []
    start = threading.Barrier(10)

    def post() -> None:
        try:
            start.wait()
            answers.append(services.record_day(member, program=SLUG, report=report).created)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(answers) == [False] * 9 + [True]
    assert TrainingSession.objects.filter(member=member).count() == 1
    assert ProgramDay.objects.count() == 1


def test_the_last_day_finishes_the_challenge_with_a_summary(member, client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.training.helpers import check_in

    ready_to_play(member, days_ago=40)
    program = selectors.program_or_404("challenge-30-days")
    keys = [s.key for s in program.sessions]
    for number, key in enumerate(keys):
        check_in(member)
        started = timezone.now() - timedelta(days=len(keys) - number, minutes=10)
        services.record_day(
            member,
            program="challenge-30-days",
            report=day_report(member, key, slug="challenge-30-days", started_at=started),
        )
    enrollment = Enrollment.objects.get(member=member)
    assert enrollment.status == "finished" and enrollment.finished_at is not None
    mine = selectors.member_program(member, program)
    assert mine.standing is not None and mine.standing.finished
    assert mine.summary is not None and mine.summary.days == 30
    assert mine.summary.minutes == 30 * program.minutes
    client.force_login(member)
    html = client.get(reverse("programs:detail", args=["challenge-30-days"])).content.decode()
    assert "finish-badge" in html and "30 dagen getraind" in html
    assert "Pijn voor de eerste dag" in html
    assert reverse("programs:restart", args=["challenge-30-days"]) in html
