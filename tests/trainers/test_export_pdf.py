"""The member's PDF export holds what trainers wrote about them (issue 15): the trainer's
notes and the alerts a trainer handled with their note, escaped, next to the consents."""

import subprocess

import pytest
from django.test import Client

from rugcoach.trainers import services
from tests.trainers.helpers import consenting_member, make_trainer, red_flag

pytestmark = pytest.mark.django_db
EXPORT_PDF = "/account/mijn-gegevens/mijn-gegevens.pdf"
XSS = "<script>alert(1)</script>"


def pdf_text(tmp_path, content: bytes) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "export.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_the_pdf_prints_the_trainers_notes_and_handled_alerts(tmp_path):
    trainer = make_trainer()
    anna = consenting_member(trainer, "anna@example.com", first_name="Anna")
    check = red_flag(anna)
    services.add_note(member=anna, text=f"Rustig aan deze week {XSS}", by=trainer)
    services.mark_handled(member=anna, key=f"checkin:{check.pk}", note=f"Gebeld {XSS}", by=trainer)
    client = Client()
    client.force_login(anna)
    response = client.get(EXPORT_PDF)
    assert response.status_code == 200
    words = pdf_text(tmp_path, response.content)
    assert "Notities van je trainer (1)" in words
    assert f"Rustig aan deze week {XSS}" in words  # printed as text, not markup
    assert "Meldingen die je trainer afhandelde (1)" in words
    assert "een check-in die trainen niet toestond" in words
    assert f"Gebeld {XSS}" in words and "Afgehandeld door Tom" in words
