"""The member's intake pages and the trainer's agenda, as a person uses them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rugcoach.accounts.models import AccessLogEntry
from rugcoach.intakes import selectors, services
from rugcoach.intakes.forms import slot_key
from rugcoach.intakes.models import AvailabilityBlock, Booking
from tests.clock import amsterdam
from tests.intakes.conftest import make_trainer
from tests.plan_helpers import PASSWORD, record_triage

XSS = "<script>alert('x')</script>"


def login(client, user):
    client.force_login(user)
    return client


def first_slot(trainer, location, index=0):
    return selectors.trainer_slots(trainer.pk, location.pk, now=timezone.now())[index]


def book_url(trainer, location, slot):
    return (
        reverse("intakes:book")
        + f"?trainer={trainer.pk}&location={location.pk}&start={slot_key(slot.start)}"
    )


def test_locations_list_their_address_hours_and_trainers(client, trainer, location):
    page = client.get(reverse("intakes:locations")).content.decode()
    assert "Oudegracht 1, Utrecht" in page and "ma–vr 7–22" in page
    assert "Vrije tijden bij Joost" in page
    assert "alleen je reden en het niveau van je laatste check" in page


def test_book_with_the_prefilled_reason_then_see_it_in_mine(client, member, trainer, location):
    record_triage(member)
    login(client, member)
    slot = first_slot(trainer, location, 2)
    form = client.get(book_url(trainer, location, slot)).content.decode()
    assert "Mijn laatste check:" in form
    answer = client.post(
        reverse("intakes:book"),
        {
            "trainer": trainer.pk,
            "location": location.pk,
            "start": slot_key(slot.start),
            "reason": XSS,
        },
    )
    booking = Booking.objects.get()
    assert answer.url == reverse("intakes:done", args=[booking.pk])
    mine = client.get(reverse("intakes:mine")).content.decode()
    assert XSS not in mine and "&lt;script&gt;" in mine
    assert "één intake tegelijk" in mine


def test_a_slot_taken_meanwhile_shows_the_nearest_free_times(
    client, member, other_member, trainer, location
):
    slot = first_slot(trainer, location, 4)
    services.book(
        member=other_member, trainer=trainer, location=location, starts_at=slot.start, reason=""
    )
    login(client, member)
    answer = client.post(
        reverse("intakes:book"),
        {
            "trainer": trainer.pk,
            "location": location.pk,
            "start": slot_key(slot.start),
            "reason": "Mijn reden",
        },
    )
    page = answer.content.decode()
    assert answer.status_code == 409
    assert "Net bezet — dit zijn de dichtstbijzijnde vrije tijden" in page
    assert page.count('name="start"') == 3 and 'value="Mijn reden"' in page


def test_a_reason_too_long_says_so_and_keeps_the_text(client, member, trainer, location):
    login(client, member)
    slot = first_slot(trainer, location)
    answer = client.post(
        reverse("intakes:book"),
        {
            "trainer": trainer.pk,
            "location": location.pk,
            "start": slot_key(slot.start),
            "reason": "y" * 501,
        },
    )
    assert answer.status_code == 200 and "y" * 501 in answer.content.decode()
    assert "500" in answer.content.decode()
    assert not Booking.objects.exists()


def test_move_and_cancel_from_mine(client, member, trainer, location):
    slots = selectors.trainer_slots(trainer.pk, location.pk, now=timezone.now())
    later = [s for s in slots if s.start - timezone.now() > timedelta(hours=30)]
    booking = services.book(
        member=member, trainer=trainer, location=location, starts_at=later[0].start, reason=""
    )
    login(client, member)
    assert client.get(reverse("intakes:reschedule", args=[booking.pk])).status_code == 200
    client.post(
        reverse("intakes:reschedule", args=[booking.pk]), {"start": slot_key(later[2].start)}
    )
    booking.refresh_from_db()
    assert booking.starts_at == later[2].start
    client.post(reverse("intakes:cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_someone_elses_booking_is_not_found(client, member, other_member, trainer, location):
    booking = services.book(
        member=other_member,
        trainer=trainer,
        location=location,
        starts_at=first_slot(trainer, location).start,
        reason="",
    )
    login(client, member)
    assert client.get(reverse("intakes:reschedule", args=[booking.pk])).status_code == 404
    assert client.post(reverse("intakes:cancel", args=[booking.pk])).status_code == 404


def _add_trainers(location, count, start):
    for number in range(start, start + count):
        make_trainer(f"t{number}@yellowgym.test", f"T{number}", location)


@pytest.mark.parametrize("trainers", [1, 4])
def test_the_slots_page_costs_the_same_queries_for_any_number_of_trainers(
    client, django_assert_num_queries, location, trainers
):
    _add_trainers(location, trainers, 0)
    with django_assert_num_queries(5):
        page = client.get(reverse("intakes:slots", args=[location.pk]))
    assert page.content.decode().count('<section class="card">') == trainers


# --- the trainer's agenda ------------------------------------------------------------------


def _past_booking(member, trainer, location, minutes_ago=20, *, at=None):
    """An intake that began ``minutes_ago`` (or ``at``). A test that needs it on today's
    agenda pins the clock (``wall_clock``): 20 minutes ago is yesterday just after midnight."""
    start = at or timezone.now() - timedelta(minutes=minutes_ago)
    return Booking.objects.create(
        member=member,
        trainer=trainer,
        location=location,
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        reason=XSS,
        verdict_level="TRAIN",
    )


def test_the_agenda_shows_first_name_reason_and_level_escaped_and_logs_the_read(
    wall_clock, client, member, trainer, location
):
    _past_booking(member, trainer, location)
    page = login(client, trainer.user).get(reverse("agenda:today")).content.decode()
    assert "Sanne" in page and "Niveau check: Trainen" in page
    assert "TRAIN<" not in page and ": TRAIN" not in page  # the label, not the level's code
    assert XSS not in page and "&lt;script&gt;" in page
    assert "sanne@example.com" not in page
    log = AccessLogEntry.objects.get()
    assert (log.member, log.viewer, log.scope, log.what) == (
        member,
        trainer.user,
        "booking",
        "agenda",
    )


def test_the_trainer_marks_and_notes_an_intake(wall_clock, client, member, trainer, location):
    booking = _past_booking(member, trainer, location)
    login(client, trainer.user)
    client.post(reverse("agenda:mark", args=[booking.pk]), {"status": "attended"})
    client.post(reverse("agenda:note", args=[booking.pk]), {f"b{booking.pk}-note": XSS})
    booking.refresh_from_db()
    assert (booking.status, booking.trainer_note) == ("attended", XSS)
    page = client.get(reverse("agenda:today")).content.decode()
    assert XSS not in page and "Geweest" in page


def test_the_agenda_is_for_trainers_only(client, member, trainer, location):
    login(client, member)
    assert client.get(reverse("agenda:today")).status_code == 404
    assert client.get(reverse("agenda:availability")).status_code == 404
    other = make_trainer("anna@yellowgym.test", "Anna", location)
    booking = _past_booking(member, trainer, location)
    client.logout()
    login(client, other.user)
    assert (
        client.post(reverse("agenda:mark", args=[booking.pk]), {"status": "attended"}).status_code
        == 404
    )


@pytest.mark.parametrize("bookings", [1, 5])
def test_the_agenda_costs_the_same_queries_for_any_number_of_intakes(
    client, django_assert_num_queries, trainer, location, bookings
):
    from rugcoach.accounts.models import User

    for number in range(bookings):
        person = User.objects.create_user(f"m{number}@example.com", PASSWORD, first_name="M")
        start = timezone.now() + timedelta(days=1, hours=number)
        Booking.objects.create(
            member=person,
            trainer=trainer,
            location=location,
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
        )
    login(client, trainer.user)
    # Session, user, the trainer (the page's guard, then the selector), the bookings (the
    # access policy's reachable members are a subquery in it) and one access-log insert.
    with django_assert_num_queries(6):
        page = client.get(reverse("agenda:today"))
    assert page.content.decode().count("agenda-item") == bookings


def test_the_trainer_edits_their_availability(client, trainer, location):
    login(client, trainer.user)
    client.post(
        reverse("agenda:availability"),
        {
            "action": "add_block",
            "location": location.pk,
            "weekday": 2,
            "starts": "18:00",
            "ends": "20:00",
        },
    )
    assert trainer.blocks.filter(weekday=2, starts="18:00").exists()
    bad = client.post(
        reverse("agenda:availability"),
        {
            "action": "add_block",
            "location": location.pk,
            "weekday": 2,
            "starts": "20:00",
            "ends": "18:00",
        },
    )
    assert "De eindtijd moet na de begintijd liggen." in bad.content.decode()
    block = trainer.blocks.get(weekday=2, starts="18:00")
    client.post(reverse("agenda:availability"), {"action": "remove_block", "id": block.pk})
    assert not AvailabilityBlock.objects.filter(pk=block.pk).exists()
    client.post(
        reverse("agenda:availability"),
        {
            "action": "add_exception",
            "starts_at": "2030-01-01T00:00",
            "ends_at": "2030-01-08T00:00",
            "kind": "holiday",
        },
    )
    assert trainer.exceptions.count() == 1
    client.post(reverse("agenda:availability"), {"action": "length", "minutes": 45})
    trainer.refresh_from_db()
    assert trainer.intake_minutes == 45


def test_an_anonymised_booking_keeps_its_slot_in_the_agenda(
    wall_clock, client, member, trainer, location
):
    booking = _past_booking(member, trainer, location)
    Booking.objects.filter(pk=booking.pk).update(member=None, reason="")
    page = login(client, trainer.user).get(reverse("agenda:today")).content.decode()
    assert page.count("agenda-item") == 1 and "Sanne" not in page
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("wall_clock", ["2026-12-03 00:05"], indirect=True)
def test_just_after_midnight_the_agenda_of_today_starts_at_midnight(
    wall_clock, client, member, trainer, location
):
    late = _past_booking(member, trainer, location, at=amsterdam("2026-12-02 23:30"))
    early = _past_booking(member, trainer, location, at=amsterdam("2026-12-03 00:00"))
    found = selectors.upcoming_for_trainer(trainer.user, days=1)
    assert found == [early], "the intake of last night is yesterday's"
    assert late not in selectors.upcoming_for_trainer(trainer.user, days=7)


@pytest.mark.parametrize("wall_clock", ["2027-03-28 00:30", "2026-10-25 23:30"], indirect=True)
def test_a_week_of_the_agenda_is_seven_calendar_days_when_summer_time_changes(
    wall_clock, member, trainer, location
):
    """The week holds days, not 7 x 24 hours: one of them has 23 or 25 hours."""
    today = wall_clock.now().date()
    last = amsterdam(f"{today + timedelta(days=6)} 23:45")
    after = amsterdam(f"{today + timedelta(days=7)} 00:15")
    inside = _past_booking(member, trainer, location, at=last)
    _past_booking(member, trainer, location, at=after)
    assert selectors.upcoming_for_trainer(trainer.user, days=7) == [inside]


def test_a_trainer_reads_only_the_bookings_with_them(member, trainer, location):
    other = make_trainer("anna@yellowgym.test", "Anna", location)
    _past_booking(member, trainer, location, minutes_ago=60 * 24 * 3)
    _past_booking(member, other, location)
    seen = selectors.member_bookings(member, viewer=trainer.user)
    assert [b.trainer for b in seen.past] == [trainer]


def test_the_pages_speak_english_under_en(client, member, trainer, location):
    member.preferred_language = "en"
    member.save()
    page = client.get("/en/intake/").content.decode()
    assert "Book a free intake" in page and "Free times with Joost" in page
    login(client, member)
    assert "My intakes" in client.get("/en/intake/mine/").content.decode()


def test_a_start_beyond_any_date_is_not_found_not_a_crash(client, member, trainer, location):
    login(client, member)
    huge = (
        reverse("intakes:book") + f"?trainer={trainer.pk}&location={location.pk}&start=999999999999"
    )
    assert client.get(huge).status_code == 404
    booking = services.book(
        member=member,
        trainer=trainer,
        location=location,
        starts_at=first_slot(trainer, location, 30).start,
        reason="",
    )
    moved = client.post(reverse("intakes:reschedule", args=[booking.pk]), {"start": "999999999999"})
    assert moved.status_code == 200


def test_moving_when_the_trainer_left_the_location_offers_to_cancel(
    client, member, trainer, location
):
    booking = services.book(
        member=member,
        trainer=trainer,
        location=location,
        starts_at=first_slot(trainer, location, 30).start,
        reason="",
    )
    trainer.locations.remove(location)
    login(client, member)
    page = client.get(reverse("intakes:reschedule", args=[booking.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "werkt niet meer op deze vestiging" in html
    assert reverse("intakes:cancel", args=[booking.pk]) in html
    moved = client.post(
        reverse("intakes:reschedule", args=[booking.pk]), {"start": slot_key(booking.starts_at)}
    )
    assert moved.status_code == 200
