"""Ten copies of one program day at once over HTTP (a phone retrying on a flaky line),
and ten taps on "Doe mee" at once: one row each."""

import json

import pytest

from rugcoach.programs.models import Enrollment, ProgramDay
from rugcoach.training.models import TrainingSession
from tests.concurrency.test_concurrent_writes import (
    all_at_once,
    new_member,
    no_server_errors,
    post,
    session_of,
)
from tests.programs.helpers import SLUG, ready_to_play
from tests.programs.test_programs_api import body_of

COPIES = 10


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db(transaction=True)
def test_ten_copies_of_one_day_at_once_store_it_once(live_server):
    member = new_member(1)
    ready_to_play(member)
    cookie = session_of(member)
    sent = body_of(member)
    url = f"{live_server.url}/api/programs/{SLUG}/sessions"
    answers = all_at_once(
        [lambda: post(url, session=cookie, json_body=sent) for _ in range(COPIES)]
    )
    no_server_errors(answers)
    assert sorted(a.status for a in answers) == [200] * (COPIES - 1) + [201]
    assert {json.loads(a.body)["client_key"] for a in answers} == {sent["client_key"]}
    assert TrainingSession.objects.filter(member=member).count() == 1
    assert ProgramDay.objects.count() == 1
    assert Enrollment.objects.filter(member=member, status="active").count() == 1


@pytest.mark.django_db(transaction=True)
def test_ten_taps_on_join_at_once_make_one_enrollment(live_server):
    member = new_member(2)
    cookie = session_of(member)
    url = f"{live_server.url}/programmas/{SLUG}/meedoen/"
    answers = all_at_once([lambda: post(url, session=cookie, form={}) for _ in range(COPIES)])
    no_server_errors(answers)
    assert Enrollment.objects.filter(member=member, program=SLUG).count() == 1


@pytest.mark.django_db(transaction=True)
def test_ten_taps_on_restart_at_once_make_one_new_enrollment(live_server):
    """On PostgreSQL the second restart's insert meets the first one's new row: it reads
    that one back instead of a 500 (as joining does)."""
    member = new_member(3)
    Enrollment.objects.create(member=member, program=SLUG, started_on="2026-11-01")
    cookie = session_of(member)
    url = f"{live_server.url}/programmas/{SLUG}/opnieuw/"
    answers = all_at_once([lambda: post(url, session=cookie, form={}) for _ in range(COPIES)])
    no_server_errors(answers)
    rows = Enrollment.objects.filter(member=member, program=SLUG)
    assert rows.filter(status="active").count() == 1
    assert rows.filter(status="left").count() >= 1


@pytest.mark.django_db(transaction=True)
def test_two_restarts_at_once_in_the_service_raise_nothing(member):
    import threading

    from django.db import connection

    from rugcoach.programs import services

    services.join(member, program=SLUG)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def restart() -> None:
        try:
            start.wait()
            services.restart(member, program=SLUG)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=restart) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Enrollment.objects.filter(member=member, program=SLUG, status="active").count() == 1


# How long the first copy waits for the second one to be done: long enough for the second
# to store its day on a loaded machine when nothing holds it back (the bug), short when it
# waits on the first one's lock (the fix: then this wait simply runs out).
SECOND_COPY_WAIT = 3


@pytest.mark.django_db(transaction=True)
def test_a_copy_of_a_first_day_that_arrives_meanwhile_is_a_replay_not_left(member, monkeypatch):
    """The race behind the HTTP test above, made certain: a member never in the program
    sends the first day twice; the second copy is stored (and joins) while the first is
    being judged. The first must answer the stored day (a replay), not 409 "left": the
    member never left, and the day counted."""
    import threading

    from django.db import connection

    from rugcoach.programs import admission, services
    from tests.programs.helpers import day_report

    ready_to_play(member)
    report = day_report(member)
    judging = threading.Event()
    second_done = threading.Event()
    judged = admission.refusal

    def slow_for_the_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "first":
            judging.set()
            second_done.wait(SECOND_COPY_WAIT)
        return judged(*args, **kwargs)

    monkeypatch.setattr(admission, "refusal", slow_for_the_first)
    answers: dict[str, object] = {}

    def send(name: str, done: threading.Event | None) -> None:
        try:
            answers[name] = services.record_day(member, program=SLUG, report=report)
        except BaseException as error:
            answers[name] = error
        finally:
            connection.close()
            if done is not None:
                done.set()

    first = threading.Thread(target=send, args=("first", None), name="first")
    first.start()
    assert judging.wait(30)
    second = threading.Thread(target=send, args=("second", second_done), name="second")
    second.start()
    first.join()
    second.join()
    played = [answer for answer in answers.values() if isinstance(answer, services.Played)]
    assert len(played) == 2, answers
    assert sorted(answer.created for answer in played) == [False, True]
    assert {answer.session.pk for answer in played} == set(
        TrainingSession.objects.filter(member=member).values_list("pk", flat=True)
    )
    assert ProgramDay.objects.count() == 1
    assert all(answer.day is not None for answer in played)
    assert Enrollment.objects.filter(member=member, status="active").count() == 1
