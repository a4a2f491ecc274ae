"""Twenty members book one slot at once: exactly one booking, the others a friendly 409.

Against a live server (each request its own thread and connection), on SQLite (the
immediate transaction) and on PostgreSQL (the exclusion constraint): CI runs both.
"""

from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.intakes import selectors
from rugcoach.intakes.forms import slot_key
from rugcoach.intakes.models import Booking
from tests.concurrency.test_concurrent_writes import (
    CROWD,
    all_at_once,
    fast_hashing,  # noqa: F401  (an autouse fixture of that module, used here too)
    no_server_errors,
    post,
    session_of,
)
from tests.plan_helpers import PASSWORD


def test_twenty_members_booking_one_slot_make_one_booking(live_server, trainer, location):
    slot = selectors.trainer_slots(trainer.pk, location.pk, now=timezone.now())[3]
    sessions = [
        session_of(User.objects.create_user(f"lid{n}@example.com", PASSWORD)) for n in range(CROWD)
    ]
    url = f"{live_server.url}/intake/boeken/"
    form = {
        "trainer": trainer.pk,
        "location": location.pk,
        "start": slot_key(slot.start),
        "reason": "Rugpijn",
    }
    answers = all_at_once([lambda s=s: post(url, session=s, form=form) for s in sessions])
    no_server_errors(answers)
    assert sorted(a.status for a in answers) == [302] + [409] * (CROWD - 1)
    assert all("Net bezet" in a.body for a in answers if a.status == 409)
    assert Booking.objects.filter(starts_at=slot.start).count() == 1


def test_twenty_api_bookings_of_one_slot_make_one(live_server, trainer, location):
    slot = selectors.trainer_slots(trainer.pk, location.pk, now=timezone.now())[5]
    sessions = [
        session_of(User.objects.create_user(f"api{n}@example.com", PASSWORD)) for n in range(CROWD)
    ]
    url = f"{live_server.url}/api/intakes"
    body = {
        "trainer": trainer.pk,
        "location": location.pk,
        "starts_at": slot.start.isoformat(),
        "reason": "",
    }
    answers = all_at_once([lambda s=s: post(url, session=s, json_body=body) for s in sessions])
    no_server_errors(answers)
    assert sorted(a.status for a in answers) == [201] + [409] * (CROWD - 1)
    assert Booking.objects.count() == 1
