"""The intake as a calendar invitation (.ics, RFC 5545 / iTIP): one UID per booking for
its whole life, SEQUENCE + 1 on each change, METHOD:CANCEL when it is cancelled, times
in UTC so every calendar shows them in its own zone."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from rugcoach.intakes.models import Booking


def uid(booking: Booking) -> str:
    return f"intake-{booking.pk}@rugcoach"


def invitation(booking: Booking) -> bytes:
    """The booking as an iCalendar object: REQUEST while booked, CANCEL once cancelled."""
    cancelled = booking.status == Booking.Status.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", "-//RugCoach//intakes//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", booking.starts_at.astimezone(UTC))
    event.add("dtend", booking.ends_at.astimezone(UTC))
    event.add(
        "summary",
        _("Gratis intake bij %(gym)s met %(trainer)s")
        % {"gym": settings.RUGCOACH_GYM_NAME, "trainer": booking.trainer.user.first_name},
    )
    event.add("location", f"{booking.location.name}, {booking.location.address}")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].strip('> ')}")
    organizer.params["cn"] = vText(settings.RUGCOACH_GYM_NAME)
    event.add("organizer", organizer)
    if booking.member is not None:
        attendee = vCalAddress(f"mailto:{booking.member.email}")
        attendee.params["cn"] = vText(booking.member.first_name or booking.member.email)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
