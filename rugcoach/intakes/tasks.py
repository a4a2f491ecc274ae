"""The intake's e-mails (issue 15 §2): confirmation, new time, cancellation, each with
the .ics invitation, sent by the task worker. Queued on commit (see training/tasks.py):
a rolled-back booking sends nothing, and the worker never looks for a row not there yet.
"""

import logging
from email.mime.text import MIMEText
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from rugcoach.intakes.invitation import invitation
from rugcoach.intakes.models import Booking
from rugcoach.training.tasks import member_link

logger = logging.getLogger(__name__)


class MailKind(StrEnum):
    CONFIRM = "confirm"
    RESCHEDULE = "reschedule"
    CANCEL = "cancel"


@task()
def send_booking_mail(booking_id: int, kind: str, sequence: int = 0) -> str:
    """E-mail the member about their intake in their language. Returns what happened
    (kept with the task's result; no personal data). A mail about a version of the
    booking that has changed since (``sequence``) is not sent: the newer one follows."""
    booking = (
        Booking.objects.select_related("member", "trainer__user", "location")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None or booking.member is None:
        return "gone"
    if not booking.member.is_active:
        return "member inactive"
    if booking.sequence != sequence:
        return "superseded"
    booking_mail(booking, MailKind(kind)).send()
    logger.info("Intake mail %s for booking %s sent", kind, booking_id)
    return "sent"


def booking_mail(booking: Booking, kind: MailKind) -> EmailMultiAlternatives:
    member = booking.member
    assert member is not None
    language = member.preferred_language
    with translation.override(language):
        starts = timezone.localtime(booking.starts_at)
        context = {
            "first_name": member.first_name,
            "kind": kind.value,
            "when": formats.date_format(starts, "DATE_FORMAT")
            + " "
            + formats.time_format(starts, "TIME_FORMAT"),
            "trainer": booking.trainer.user.first_name,
            "location": booking.location,
            "reason": booking.reason,
            "hours": settings.RUGCOACH_INTAKE_CHANGE_HOURS,
            "link": member_link("intakes:mine", language=language),
        }
        subject = {
            MailKind.CONFIRM: gettext("Je intake is gepland"),
            MailKind.RESCHEDULE: gettext("Je intake is verplaatst"),
            MailKind.CANCEL: gettext("Je intake is geannuleerd"),
        }[kind]
        text = render_to_string("intakes/email/booking.txt", context)
        html = render_to_string("intakes/email/booking.html", context)
        attachment = invitation(booking)
    mail = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [member.email])
    mail.attach_alternative(html, "text/html")
    mail.attach(_calendar_part(attachment, "CANCEL" if kind is MailKind.CANCEL else "REQUEST"))
    return mail


def _calendar_part(ics: bytes, method: str) -> MIMEText:
    """The .ics as its own MIME part (``text/calendar; charset="utf-8"; method=…``, an
    attachment named intake.ics), built by the email package so the header is well formed
    (a content type string handed to ``attach`` came out with a stray ``;``)."""
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="intake.ics")
    return part


def send_on_commit(booking: Booking, kind: MailKind) -> None:
    """Queue the mail once the booking's transaction commits."""
    booking_id, sequence = booking.pk, booking.sequence
    transaction.on_commit(lambda: send_booking_mail.enqueue(booking_id, kind.value, sequence))
