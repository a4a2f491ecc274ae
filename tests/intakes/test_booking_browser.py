"""A member books an intake on a phone; the trainer sees it in the agenda on a tablet.
axe-core finds no serious violation on the pages on the way."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from rugcoach.intakes.models import Booking
from tests.browser.helpers import serious_accessibility_violations
from tests.plan_helpers import record_triage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TABLET = {"width": 820, "height": 1180}


def log_in(page: Page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def test_a_member_books_and_the_trainer_sees_it(page: Page, live_server, member, trainer):
    record_triage(member)
    log_in(page, live_server, member)
    page.goto(f"{live_server.url}/intake/")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Vrije tijden bij Joost").click()
    expect(page.get_by_role("heading", name="Vrije tijden in Centrum")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.locator(".intake-slots a").nth(2).click()
    reason = page.get_by_label("Waarom wil je een intake?")
    assert reason.input_value().startswith("Mijn laatste check:")
    assert serious_accessibility_violations(page) == []
    reason.fill("Pijn bij tillen <b>vet</b>")
    page.get_by_role("button", name="Plan deze intake").click()
    expect(page.get_by_role("heading", name="Je intake is gepland")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    booking = Booking.objects.get()
    assert booking.reason == "Pijn bij tillen <b>vet</b>"

    page.context.clear_cookies()
    log_in(page, live_server, trainer.user)
    page.goto(f"{live_server.url}/trainer/agenda/")
    expect(page.get_by_text("Pijn bij tillen <b>vet</b>")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.set_viewport_size(TABLET)  # the trainer's usual screen
    expect(page.get_by_text("Pijn bij tillen <b>vet</b>")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Beschikbaarheid aanpassen").click()
    assert serious_accessibility_violations(page) == []
