"""Bookings, consents and the access log in the member's export, and gone with the member."""

import json
import subprocess
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import AccessLogEntry, User
from rugcoach.intakes.models import Booking
from rugcoach.plans import selectors
from rugcoach.trainers import consent
from rugcoach.trainers.models import Consent
from tests.plan_helpers import PASSWORD
from tests.sharing.helpers import booking, trainer

pytestmark = pytest.mark.django_db

EXPORT_JSON = "/account/mijn-gegevens/mijn-gegevens.json"
EXPORT_PDF = "/account/mijn-gegevens/mijn-gegevens.pdf"
DELETE = "/account/mijn-gegevens/verwijderen/"
REASON = "Pijn bij tillen <script>alert('reden')</script>"
NOTE = "Sanne tilt met een bolle rug <b>note</b>"


@pytest.fixture
def shared(member_with_plan):
    """Sanne booked Anna (a past intake with a note, one to come), consented, was seen."""
    sanne = member_with_plan
    sanne.last_name = "Bakkerszoon"
    sanne.save()
    anna = trainer("anna@yellowgym.test", "Anna", "de Vries")
    past = booking(sanne, anna, starts_at=timezone.now() - timedelta(days=2), reason=REASON)
    past.status = Booking.Status.ATTENDED
    past.trainer_note = NOTE
    past.save()
    booking(sanne, anna, starts_at=timezone.now() + timedelta(days=5), reason="Tweede intake")
    consent.give(member=sanne, trainer=anna)
    selectors.current_plan(sanne, viewer=anna.user)
    access.changes(sanne, anna.user, what="plan-swap")
    return sanne, anna


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_json_export_holds_bookings_consents_and_the_access_log(shared):
    sanne, _anna = shared
    data = json.loads(logged_in(sanne).get(EXPORT_JSON).content)
    bookings = data["intakes"]["bookings"]
    assert [b["reason"] for b in bookings] == [REASON, "Tweede intake"]
    assert bookings[0]["trainer_note"] == NOTE and bookings[0]["trainer"] == "Anna de Vries"
    [given] = data["trainers"]["consents"]
    assert given["trainer"] == "Anna de Vries" and given["revoked_at"] is None
    log = data["accounts"]["access_log"]
    assert [(e["by"], e["action"], e["what"]) for e in log] == [
        ("Anna de Vries", "change", "plan-swap"),
        ("Anna de Vries", "read", "health"),
    ]


def _pdf_text(tmp_path, content: bytes) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "export.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_the_pdf_has_the_sections_in_words_with_text_as_typed(shared, tmp_path):
    sanne, _anna = shared
    text = _pdf_text(tmp_path, logged_in(sanne).get(EXPORT_PDF).content)
    for heading in (
        "Je intakes (2)",
        "Met wie je je gegevens deelt (1)",
        "Wie je gegevens bekeek of wijzigde (2)",
        "Je API-sleutels (0)",
    ):
        assert heading in text
    assert "Anna de Vries: gewijzigd, een oefening in je plan (gewisseld)" in text
    assert "Geweest" in text  # the status in words
    assert "Trainen" in text  # the verdict level at booking time, in words
    # Typed text comes out as typed: escaped for ReportLab, not read as markup.
    assert "<script>alert('reden')</script>" in text
    assert "<b>note</b>" in text


def _rows_mentioning(values: tuple[str, ...]) -> list[str]:
    found = []
    for model in apps.get_models():
        for row in model.objects.all().values():
            dumped = json.dumps(row, default=str)
            found += [f"{model._meta.label}: {v}" for v in values if v in dumped]
    return found


def test_deletion_anonymises_bookings_and_the_log_and_keeps_nothing_of_the_member(shared):
    sanne, anna = shared
    sanne_id = sanne.pk
    markers = (sanne.email, sanne.last_name, REASON, "Tweede intake", NOTE)
    assert _rows_mentioning(markers), "the check below can fail"

    response = logged_in(sanne).post(DELETE, {"password": PASSWORD}, follow=True)
    assert response.status_code == 200

    assert not User.objects.filter(pk=sanne_id).exists()
    assert _rows_mentioning(markers) == []
    past, upcoming = Booking.objects.order_by("starts_at")
    assert past.member_id is None and past.status == Booking.Status.ATTENDED
    assert (past.reason, past.trainer_note, past.verdict_level) == ("", "", "")
    # An intake still to come is cancelled: Anna's time is free again.
    assert upcoming.member_id is None and upcoming.status == Booking.Status.CANCELLED
    assert upcoming.cancelled_at is not None
    entries = AccessLogEntry.objects.all()
    assert entries.count() == 2 and {e.member_id for e in entries} == {None}
    assert {e.viewer_id for e in entries} == {anna.user.pk}  # the trainer's side stays
    assert not Consent.objects.exists()
    assert consent.consents_for_trainer(anna.user) == {}


def test_a_failed_deletion_changes_nothing(shared, monkeypatch):
    """Anonymising and deleting are one transaction: an error halfway keeps everything."""
    sanne, _anna = shared

    def broken(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(User, "delete", broken)
    from rugcoach.privacy.services import delete_member

    with pytest.raises(RuntimeError):
        delete_member(member=sanne)
    assert Booking.objects.filter(member=sanne, reason=REASON).exists()
    assert AccessLogEntry.objects.filter(member=sanne).count() == 2


def test_a_trainer_cannot_delete_their_account_here(db):
    """Their bookings and the members' access logs need the gym's admin: a form error,
    never a crash, and nothing deleted."""
    anna = trainer("anna@yellowgym.test", "Anna", "de Vries")
    response = logged_in(anna.user).post(DELETE, {"password": PASSWORD})
    assert response.status_code == 400
    assert "verwijdert de beheerder van de sportschool" in response.content.decode()
    assert User.objects.filter(pk=anna.user.pk).exists()
    from rugcoach.privacy.services import StaffAccount, delete_member

    with pytest.raises(StaffAccount):
        delete_member(member=anna.user)
