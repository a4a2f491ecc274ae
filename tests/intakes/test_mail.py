"""The intake's e-mails: queued on commit, in the member's language, with a valid .ics."""

from datetime import UTC

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks.signals import task_enqueued
from icalendar import Calendar

from rugcoach.intakes import selectors, services, tasks


@pytest.fixture
def enqueued():
    found = []

    def record(sender, task_result, **kwargs):
        found.append(task_result)

    task_enqueued.connect(record)
    yield found
    task_enqueued.disconnect(record)


def run_queued(enqueued):
    for result in enqueued:
        tasks.send_booking_mail.call(*result.args)
    enqueued.clear()


def invitation_of(message) -> Calendar:
    part = message.attachments[0]
    text = part.get_payload(decode=True).decode()
    assert "\r\nBEGIN:VEVENT\r\n" in text  # CRLF line ends, as RFC 5545 wants
    assert part.get_filename() == "intake.ics" and part.get_content_type() == "text/calendar"
    return Calendar.from_ical(text)


def calendar_header(message) -> str:
    """The Content-Type header of the .ics part as it goes over the wire."""
    sent = message.message()
    (part,) = [p for p in sent.walk() if p.get_content_type() == "text/calendar"]
    return str(part["Content-Type"])


def test_confirmation_move_and_cancel_keep_one_uid(
    member, trainer, location, enqueued, django_capture_on_commit_callbacks
):
    member.preferred_language = "en"
    member.save()
    slots = selectors.trainer_slots(trainer.pk, location.pk, now=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.book(
            member=member,
            trainer=trainer,
            location=location,
            starts_at=slots[-1].start,
            reason="<script>alert(1)</script>",
        )
    assert [r.args for r in enqueued] == [[booking.pk, "confirm", 0]]
    run_queued(enqueued)
    confirm = mail.outbox[0]
    assert confirm.subject == "Your intake is booked" and confirm.to == [member.email]
    assert "<script>" not in confirm.alternatives[0][0]
    calendar = invitation_of(confirm)
    assert calendar["METHOD"] == "REQUEST"
    assert calendar_header(confirm) == 'text/calendar; charset="utf-8"; method="REQUEST"'
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == slots[-1].start.astimezone(UTC)
    assert event["DTSTART"].to_ical().endswith(b"Z")  # UTC
    assert str(event["SUMMARY"]) == "Free intake at YellowGym with Joost"
    assert event.decoded("DTEND") == slots[-1].end
    assert str(event["LOCATION"]) == "Centrum, Oudegracht 1, Utrecht"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    uid = str(event["UID"])

    with django_capture_on_commit_callbacks(execute=True):
        services.reschedule(member=member, booking=booking, starts_at=slots[-3].start)
    run_queued(enqueued)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(member=member, booking=booking)
    run_queued(enqueued)
    moved, cancelled = (invitation_of(m) for m in mail.outbox[1:])
    assert [str(c.walk("VEVENT")[0]["UID"]) for c in (moved, cancelled)] == [uid, uid]
    assert [c.walk("VEVENT")[0]["SEQUENCE"] for c in (moved, cancelled)] == [1, 2]
    assert moved.walk("VEVENT")[0].decoded("DTSTART") == slots[-3].start
    assert cancelled["METHOD"] == "CANCEL"
    assert calendar_header(mail.outbox[2]).endswith('method="CANCEL"')
    assert [m.subject for m in mail.outbox[1:]] == [
        "Your intake has been moved",
        "Your intake has been cancelled",
    ]


def test_a_rolled_back_booking_queues_nothing(member, trainer, location, enqueued):
    slots = selectors.trainer_slots(trainer.pk, location.pk, now=timezone.now())
    with pytest.raises(services.BookingError):
        services.book(
            member=member,
            trainer=trainer,
            location=location,
            starts_at=slots[0].start,
            reason="x" * 600,
        )
    assert enqueued == []


def test_a_mail_about_an_older_version_is_not_sent(
    member, trainer, location, enqueued, django_capture_on_commit_callbacks
):
    slots = selectors.trainer_slots(trainer.pk, location.pk, now=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.book(
            member=member,
            trainer=trainer,
            location=location,
            starts_at=slots[-1].start,
            reason="",
        )
        services.cancel(member=member, booking=booking)
    assert [tasks.send_booking_mail.call(*r.args) for r in enqueued] == ["superseded", "sent"]
    assert [m.subject for m in mail.outbox] == ["Je intake is geannuleerd"]
