"""The follow-up question by e-mail (issue 13 §1, §4): queued when the follow-up is made,
held until it is due, sent once by the worker, in the member's language, into the file
mail backend.

Time passes honestly: the queued task and the follow-up are both moved back by the same
amount, as if the clock had run on; the worker itself reads the real clock.
"""

from __future__ import annotations

import contextlib
import email
from datetime import time, timedelta
from email.message import Message
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from rugcoach.plans.models import PlanSession
from rugcoach.training import services
from rugcoach.training.models import Feeling, FollowUp
from rugcoach.training.tasks import member_link, schedule_reminder
from tests.training.helpers import check_in, checks_made_yesterday, plan_starting_today, train

# Real transactions: the reminder is queued when the follow-up's transaction commits, and
# the worker claims and runs each task in transactions of its own, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

TASK_PATH = "rugcoach.training.tasks.send_followup_reminder"
SEPARATOR = b"-" * 79


@pytest.fixture
def mailbox(settings, tmp_path) -> Path:
    """The file backend, writing into a fresh directory."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return tmp_path / "mail"


def mails(directory: Path) -> list[Message]:
    """Every mail the file backend wrote (one file per connection, a line of dashes after
    each message)."""
    if not directory.exists():
        return []
    found = []
    for path in sorted(directory.iterdir()):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.strip() + b"\n"))
    return found


def parts(message: Message) -> dict[str, str]:
    """The text of each part by its content type."""
    return {
        part.get_content_type(): part.get_payload(decode=True).decode(part.get_content_charset())
        for part in message.walk()
        if not part.is_multipart()
    }


@pytest.fixture
def sanne(member_with_plan):
    """A member with e-mails on, on a session day of her plan, just checked in."""
    member_with_plan.followup_emails = True
    member_with_plan.save(update_fields=["followup_emails"])
    plan_starting_today(member_with_plan)
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan, pain_now=3)
    return member_with_plan


def trained_today(member) -> FollowUp:
    """Today's session, stored as the player stores it: its next-morning follow-up."""
    first = PlanSession.objects.filter(plan__member=member, plan__is_current=True)
    session = train(member, first.order_by("day_offset", "order").first(), {})
    return session.followups.get()


def time_passes(delta: timedelta) -> None:
    """The clock runs on by ``delta``: every queued time and due time comes that much
    closer (the session's times stay: only the waiting matters here)."""
    for row in DBTaskResult.objects.all():
        row.run_after = row.run_after - delta
        row.save(update_fields=["run_after"])
    for followup in FollowUp.objects.all():
        followup.due_at -= delta
        followup.save(update_fields=["due_at"])


def until_due(followup: FollowUp) -> timedelta:
    return followup.due_at - timezone.now() + timedelta(minutes=1)


def run_worker() -> None:
    """The worker once: everything due now, then it exits."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


def test_a_stored_session_queues_one_reminder_for_its_next_morning(sanne):
    followup = trained_today(sanne)

    queued = DBTaskResult.objects.get()
    assert queued.task_path == TASK_PATH
    assert queued.args_kwargs == {"args": [followup.pk], "kwargs": {}}
    assert queued.run_after == followup.due_at
    assert timezone.localtime(queued.run_after).time() == time(8, 0)
    assert queued.status == TaskResultStatus.READY


def test_a_worse_morning_queues_one_more_reminder_for_the_48_hour_question(sanne):
    morning = trained_today(sanne)
    time_passes(until_due(morning))
    services.answer_followup(sanne, followup_id=morning.pk, feeling=Feeling.WORSE, pain=5)

    later = FollowUp.objects.get(kind=FollowUp.Kind.LATER)
    queued = DBTaskResult.objects.filter(args_kwargs={"args": [later.pk], "kwargs": {}})
    assert [q.run_after for q in queued] == [later.due_at]
    assert DBTaskResult.objects.count() == 2


@pytest.fixture
def enqueued():
    """Every task queued, as the queue announces it."""
    found = []

    def record(sender, task_result, **kwargs):
        found.append(task_result)

    task_enqueued.connect(record)
    yield found
    task_enqueued.disconnect(record)


def test_the_reminder_is_queued_when_the_followup_is_saved_not_before(sanne, enqueued):
    with transaction.atomic():
        followup = trained_today(sanne)
        # A Redis queue is outside our transaction: a task queued now could run before
        # (or without) the follow-up it names.
        assert enqueued == []
    assert [(r.task.module_path, r.args) for r in enqueued] == [(TASK_PATH, [followup.pk])]


def test_a_session_rolled_back_queues_nothing(sanne, enqueued):
    with contextlib.suppress(RuntimeError), transaction.atomic():
        trained_today(sanne)
        raise RuntimeError("the request's transaction fails after the session is stored")
    assert enqueued == []
    assert not DBTaskResult.objects.exists()


def test_the_worker_sends_nothing_before_the_due_time_and_one_mail_after_it(sanne, mailbox):
    followup = trained_today(sanne)

    run_worker()
    assert mails(mailbox) == [], "not due yet"
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY

    time_passes(until_due(followup))
    run_worker()

    [sent] = mails(mailbox)
    assert sent["To"] == "sanne@example.com"
    assert sent["Subject"] == "Hoe is je rug vergeleken met voor de training?"
    link = f"http://127.0.0.1:8000/training/vraag/{followup.pk}/"
    text, html = parts(sent)["text/plain"], parts(sent)["text/html"]
    assert "Hoi Sanne," in text
    assert "Hoe is je rug vergeleken met voor de training?" in text
    assert link in text
    assert f'<a href="{link}">Beantwoord de vraag</a>' in html
    assert '<html lang="nl">' in html
    followup.refresh_from_db()
    assert followup.reminded_at is not None
    done = DBTaskResult.objects.get()
    assert (done.status, done.return_value) == (TaskResultStatus.SUCCESSFUL, "sent")


def test_an_english_member_gets_it_in_english_with_an_english_link(sanne, mailbox, settings):
    settings.RUGCOACH_BASE_URL = "https://app.rugcoach.test"
    sanne.preferred_language = "en"
    sanne.save(update_fields=["preferred_language"])
    followup = trained_today(sanne)
    time_passes(until_due(followup))

    run_worker()

    [sent] = mails(mailbox)
    assert sent["Subject"] == "How is your back compared with before the session?"
    text, html = parts(sent)["text/plain"], parts(sent)["text/html"]
    link = f"https://app.rugcoach.test/en/training/question/{followup.pk}/"
    assert "Hi Sanne," in text
    assert link in text
    assert "https://app.rugcoach.test/en/account/" in text, "where to turn the mails off"
    assert '<html lang="en">' in html
    assert f'<a href="{link}">Answer the question</a>' in html


def test_the_link_is_absolute_and_in_the_language_asked(settings):
    settings.RUGCOACH_BASE_URL = "https://app.rugcoach.test"
    assert member_link("training:followup", language="nl", args=[7]) == (
        "https://app.rugcoach.test/training/vraag/7/"
    )
    assert member_link("training:followup", language="en", args=[7]) == (
        "https://app.rugcoach.test/en/training/question/7/"
    )


def test_a_member_without_followup_emails_gets_none(sanne, mailbox):
    sanne.followup_emails = False  # the default
    sanne.save(update_fields=["followup_emails"])
    followup = trained_today(sanne)
    time_passes(until_due(followup))

    run_worker()

    assert mails(mailbox) == []
    followup.refresh_from_db()
    assert followup.reminded_at is None
    assert DBTaskResult.objects.get().return_value == "e-mails off"


def test_a_session_that_arrived_days_late_gets_no_mail(sanne, mailbox):
    """Kept offline for days: the app still asks, but no mail about an old session."""
    followup = trained_today(sanne)
    time_passes(until_due(followup) + timedelta(days=2))

    run_worker()

    assert mails(mailbox) == []
    assert DBTaskResult.objects.get().return_value == "too late"


def test_a_member_who_left_gets_none(sanne, mailbox):
    time_passes(until_due(trained_today(sanne)))
    sanne.is_active = False
    sanne.save(update_fields=["is_active"])

    run_worker()

    assert mails(mailbox) == []
    assert DBTaskResult.objects.get().return_value == "member inactive"


def test_a_followup_answered_in_the_app_gets_no_mail(sanne, mailbox):
    followup = trained_today(sanne)
    # The morning comes, and the member answers in the app before the worker runs.
    time_passes(until_due(followup))
    services.answer_followup(sanne, followup_id=followup.pk, feeling=Feeling.SAME, pain=2)

    run_worker()

    assert mails(mailbox) == []
    assert DBTaskResult.objects.get().return_value == "answered"


def test_running_the_reminder_twice_sends_one_mail(sanne, mailbox):
    followup = trained_today(sanne)
    time_passes(until_due(followup))
    run_worker()
    # A retry, or the same reminder queued twice: the worker runs it again.
    followup.refresh_from_db()
    with transaction.atomic():
        schedule_reminder(followup)
    run_worker()
    run_worker()

    assert len(mails(mailbox)) == 1
    assert sorted(DBTaskResult.objects.values_list("return_value", flat=True)) == [
        "already sent",
        "sent",
    ]


def test_a_mail_that_fails_to_send_is_not_marked_sent(sanne, settings, mailbox):
    followup = trained_today(sanne)
    time_passes(until_due(followup))
    settings.EMAIL_FILE_PATH = mailbox / "not-a-directory"
    mailbox.mkdir()
    (mailbox / "not-a-directory").write_text("a file where the directory should be")

    run_worker()

    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    followup.refresh_from_db()
    assert followup.reminded_at is None, "a later attempt may still send it"
