"""The intakes API: slots, booking (201, 409 with the nearest slots, 422 naming the
field), the member's intakes and cancelling."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from rugcoach.intakes import selectors, services
from rugcoach.intakes.models import Booking


def slots(trainer, location):
    return selectors.trainer_slots(trainer.pk, location.pk, now=timezone.now())


def test_slots_are_public_and_filtered(client, trainer, location):
    answer = client.get(f"/api/intakes/slots?location={location.pk}&trainer={trainer.pk}")
    assert answer.status_code == 200
    body = answer.json()
    assert len(body) == len(slots(trainer, location))
    assert body[0]["trainer"] == trainer.pk
    later = (timezone.localdate() + timedelta(days=7)).isoformat()
    later_only = client.get(f"/api/intakes/slots?location={location.pk}&from={later}").json()
    assert later_only and all(s["starts_at"][:10] >= later for s in later_only)


def test_book_taken_and_invalid(client, member, other_member, trainer, location):
    client.force_login(member)
    slot = slots(trainer, location)[2]
    body = {
        "trainer": trainer.pk,
        "location": location.pk,
        "starts_at": slot.start.isoformat(),
        "reason": "Pijn",
    }
    assert client.post("/api/intakes", body, content_type="application/json").status_code == 201
    client.force_login(other_member)
    taken = client.post("/api/intakes", body, content_type="application/json")
    assert taken.status_code == 409 and len(taken.json()["nearest"]) == 3
    too_long = client.post(
        "/api/intakes", {**body, "reason": "x" * 501}, content_type="application/json"
    )
    assert too_long.status_code == 422 and too_long.json()["detail"][0]["field"] == "reason"
    nowhere = client.post("/api/intakes", {**body, "trainer": 999}, content_type="application/json")
    assert nowhere.status_code == 422 and nowhere.json()["detail"][0]["field"] == "trainer"


def test_mine_and_cancel(client, member, other_member, trainer, location):
    later = [s for s in slots(trainer, location) if s.start - timezone.now() > timedelta(days=2)]
    booking = services.book(
        member=member, trainer=trainer, location=location, starts_at=later[0].start, reason=""
    )
    client.force_login(other_member)
    assert client.post(f"/api/intakes/{booking.pk}/cancel").status_code == 404
    client.force_login(member)
    assert [b["id"] for b in client.get("/api/intakes/mine").json()["upcoming"]] == [booking.pk]
    cancelled = client.post(f"/api/intakes/{booking.pk}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert client.post(f"/api/intakes/{booking.pk}/cancel").status_code == 409


def test_visitors_cannot_book(client, trainer, location):
    assert client.post("/api/intakes", {}, content_type="application/json").status_code == 401


@pytest.mark.django_db(transaction=True)
def test_the_database_itself_refuses_an_overlap_on_postgresql(member, trainer, location):
    start = timezone.now() + timedelta(days=3)
    Booking.objects.create(
        member=member,
        trainer=trainer,
        location=location,
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
    )
    overlap = {
        "member": member,
        "trainer": trainer,
        "location": location,
        "starts_at": start + timedelta(minutes=15),
        "ends_at": start + timedelta(minutes=45),
    }
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
            Booking.objects.create(**overlap)
        Booking.objects.create(**overlap, status=Booking.Status.CANCELLED)  # cancelled: fine
    else:  # SQLite has no such constraint: the service's immediate transaction decides
        Booking.objects.create(**overlap)


def test_slots_of_an_unknown_location_are_not_found(client, db):
    assert client.get("/api/intakes/slots?location=999").status_code == 404
    assert client.get("/api/intakes/slots").status_code == 422
