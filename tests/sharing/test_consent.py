"""Consent: a member gives it explicitly to a trainer they booked, and revokes it at once."""

import pytest
from django.test import Client
from django.utils.formats import date_format
from django.utils.timezone import localtime

from rugcoach.accounts import access
from rugcoach.accounts.access import Action, Scope
from rugcoach.intakes.models import Booking
from rugcoach.plans import selectors
from rugcoach.trainers import consent
from rugcoach.trainers.models import Consent
from tests.sharing.helpers import booking, trainer

pytestmark = pytest.mark.django_db

PAGE = "/account/delen/"
GIVE = "/account/delen/geven/"
REVOKE = "/account/delen/intrekken/"


@pytest.fixture
def anna(db):
    return trainer("anna@yellowgym.test", "Anna", "de Vries")


@pytest.fixture
def bram(db):
    return trainer("bram@yellowgym.test", "Bram", "Jansen")


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_consent_needs_a_booking_and_revoking_hides_the_member_at_once(member_with_plan, anna):
    sanne = member_with_plan
    with pytest.raises(consent.NotBooked):
        consent.give(member=sanne, trainer=anna)
    booking(sanne, anna)
    assert access.may(anna.user, sanne.pk, Action.READ, Scope.BOOKING)
    assert not access.may(anna.user, sanne.pk, Action.READ, Scope.HEALTH)

    given = consent.give(member=sanne, trainer=anna)
    assert consent.give(member=sanne, trainer=anna) == given  # again: the same, first date
    assert consent.active_consent(sanne, anna) == given
    assert access.may(anna.user, sanne.pk, Action.READ, Scope.HEALTH)
    assert access.may(anna.user, sanne.pk, Action.CHANGE, Scope.HEALTH)
    assert selectors.current_plan(sanne, viewer=anna.user) is not None
    assert consent.consents_for_trainer(anna.user) == {sanne.pk: given.given_at}

    revoked = consent.revoke(member=sanne, trainer=anna)
    assert revoked is not None and revoked.revoked_at is not None
    assert not access.may(anna.user, sanne.pk, Action.READ, Scope.HEALTH)
    with pytest.raises(access.AccessDenied):
        selectors.current_plan(sanne, viewer=anna.user)
    assert consent.consents_for_trainer(anna.user) == {}
    assert consent.active_consent(sanne, anna) is None
    assert consent.revoke(member=sanne, trainer=anna) is None  # nothing left to revoke
    # The booking still shares what the member put in it, nothing more.
    assert access.may(anna.user, sanne.pk, Action.READ, Scope.BOOKING)


def test_only_the_member_gives_revokes_or_lists_consents(member, anna):
    booking(member, anna)
    with pytest.raises(access.AccessDenied):
        consent.give(member=member, trainer=anna, by=anna.user)
    consent.give(member=member, trainer=anna)
    with pytest.raises(access.AccessDenied):
        consent.revoke(member=member, trainer=anna, by=anna.user)
    with pytest.raises(access.AccessDenied):
        consent.consents_of(member, viewer=anna.user)
    assert Consent.objects.filter(member=member, revoked_at__isnull=True).count() == 1


def test_a_cancelled_booking_offers_no_consent_but_keeps_one_given(member, anna, bram):
    cancelled = booking(member, bram, status=Booking.Status.CANCELLED)
    with pytest.raises(consent.NotBooked):
        consent.give(member=member, trainer=bram)
    assert consent.offers(member) == []
    cancelled.status = Booking.Status.BOOKED
    cancelled.save()
    consent.give(member=member, trainer=bram)
    cancelled.status = Booking.Status.CANCELLED
    cancelled.save()
    [offer] = consent.offers(member)
    assert offer.trainer == bram and offer.consent is not None and not offer.booked
    assert access.may(bram.user, member.pk, Action.READ, Scope.HEALTH)


def test_a_consent_a_trainer_sees_for_no_one_else(member, anna, bram):
    booking(member, anna)
    consent.give(member=member, trainer=anna)
    assert consent.consents_for_trainer(bram.user) == {}
    assert consent.consents_for_trainer(member) == {}
    anna.user.is_active = False
    assert consent.consents_for_trainer(anna.user) == {}


# --- the page --------------------------------------------------------------------------


def test_the_page_says_what_is_shared_and_offers_only_booked_trainers(member, anna, bram):
    booking(member, anna)
    page = logged_in(member).get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    for shared in ("je checks en check-ins", "je plan", "je trainingen", "je pijn"):
        assert shared in html
    assert "alleen wat je in de boeking zet" in html
    assert "Anna de Vries" in html and "Bram Jansen" not in html
    assert "alleen delen met een trainer bij wie je een intake hebt geboekt" in html


def test_giving_needs_the_box_ticked_and_a_booked_trainer(member, anna, bram):
    booking(member, anna)
    client = logged_in(member)
    response = client.post(GIVE, {"trainer": anna.pk})
    assert response.status_code == 400
    assert "Vink aan dat je toestemming geeft" in response.content.decode()
    response = client.post(GIVE, {"trainer": bram.pk, "understood": "on"})
    assert response.status_code == 400
    assert "Met deze trainer kun je niet delen" in response.content.decode()
    assert not Consent.objects.exists()

    response = client.post(GIVE, {"trainer": anna.pk, "understood": "on"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    given = Consent.objects.get(member=member, trainer=anna)
    assert "Anna de Vries kan je gegevens nu zien." in html
    shown = date_format(localtime(given.given_at), "j F Y, H:i")
    assert f"ziet je gegevens sinds {shown}" in html  # the date is shown
    assert "Stop met delen met Anna de Vries" in html


def test_revoking_on_the_page_shows_both_dates_and_hides_the_member(member, anna):
    booking(member, anna)
    consent.give(member=member, trainer=anna)
    client = logged_in(member)
    response = client.post(REVOKE, {"trainer": anna.pk}, follow=True)
    html = response.content.decode()
    assert "Anna de Vries ziet je gegevens vanaf nu niet meer." in html
    assert "Eerder gedeeld" in html
    assert not access.may(anna.user, member.pk, Action.READ, Scope.HEALTH)
    again = client.post(REVOKE, {"trainer": anna.pk}, follow=True)
    assert "Je deelt niets met die trainer" in again.content.decode()


def test_a_trainers_name_is_escaped_on_the_page(member):
    evil = trainer("evil@yellowgym.test", "<script>alert(1)</script>", "X")
    booking(member, evil)
    html = logged_in(member).get(PAGE).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_page_in_english(member, anna):
    member.preferred_language = "en"
    member.save()
    booking(member, anna)
    response = logged_in(member).get("/en/account/share/")
    assert response.status_code == 200
    assert "Sharing with your trainer" in response.content.decode()


def test_the_pages_need_a_login(client):
    for url in (PAGE,):
        assert client.get(url)["Location"].startswith("/account/inloggen/")
    for url in (GIVE, REVOKE):
        assert client.post(url)["Location"].startswith("/account/inloggen/")


@pytest.mark.parametrize("count", [1, 4])
def test_the_page_costs_the_same_queries_at_two_sizes(member, count, django_assert_num_queries):
    for n in range(count):
        booked = trainer(f"t{n}@yellowgym.test", f"Trainer{n}", "Coach")
        booking(member, booked)
        consent.give(member=member, trainer=booked)
        consent.revoke(member=member, trainer=booked)
        consent.give(member=member, trainer=booked)
    client = logged_in(member)
    client.get(PAGE)  # warm the session
    # session, user, booked trainers, active consents, trainers, every consent
    with django_assert_num_queries(6):
        html = client.get(PAGE).content.decode()
    assert html.count("Stop met delen met Trainer") == count
    assert html.count(": van ") == count  # each earlier consent with both dates
