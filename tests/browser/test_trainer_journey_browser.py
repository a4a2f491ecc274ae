"""Issue 15 from end to end, in Dutch, with one English page on each side: a trainer
(tablet) publishes availability; a member (phone, with a plan) books the free slot,
shares their data on the sharing page and trains a hard session (pain 8, sent through the
API as the player sends it); the trainer finds the booking in the agenda and the alert on
the dashboard, follows its evidence and changes a dose with a reason; the member reads the
change on the plan page and the trainer's visits in the access log.

axe-core finds nothing serious on any page on the way, also at 820 px (a tablet held
upright), where the header's language button once lost its contrast. Screenshots go to
test-artifacts/journey-*.png.
"""

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from rugcoach.intakes.models import Booking, Location
from rugcoach.trainers.models import Consent
from rugcoach.training.models import TrainingSession
from tests.browser.helpers import ARTIFACTS_DIR, PHONE, serious_accessibility_violations
from tests.trainers.helpers import make_trainer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TABLET = {"width": 1024, "height": 768}
UPRIGHT_TABLET = {"width": 820, "height": 1180}
REASON = "Pijn bij tillen <script>alert(1)</script>"
ADJUSTED = "Rustig aan na je zware training"


def log_in(page: Page, live_server, user, viewport: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size(viewport)


def clean(page: Page, shot: str | None = None) -> None:
    """No serious axe-core finding on the page (at 820 px too); a screenshot if named."""
    assert serious_accessibility_violations(page) == []
    if shot:
        page.screenshot(path=str(ARTIFACTS_DIR / f"journey-{shot}.png"), full_page=True)


def clean_upright(page: Page) -> None:
    before = page.viewport_size
    page.set_viewport_size(UPRIGHT_TABLET)
    assert serious_accessibility_violations(page) == []
    page.set_viewport_size(before)  # type: ignore[arg-type]


def test_trainer_and_member_from_availability_to_an_adjusted_plan(
    page: Page, live_server, member_with_plan
) -> None:
    member = member_with_plan
    trainer = make_trainer()
    centrum = Location.objects.create(
        name="Centrum", address="Oudegracht 1, Utrecht", opening_hours="ma–vr 7–22"
    )
    trainer.trainer.locations.add(centrum)
    tomorrow = timezone.localdate() + timedelta(days=1)

    # The trainer publishes an hour tomorrow morning.
    log_in(page, live_server, trainer, TABLET)
    page.goto(live_server.url + "/trainer/agenda/beschikbaarheid/")
    clean(page)
    page.get_by_label("Vestiging").select_option(label="Centrum")
    page.get_by_label("Dag").select_option(str(tomorrow.weekday()))
    page.get_by_label("Van").first.fill("10:00")
    page.get_by_label("Tot").first.fill("11:00")
    page.get_by_role("button", name="Blok toevoegen").click()
    expect(page.locator(".card").first).to_contain_text("10:00–11:00")
    clean(page, "availability-tablet")

    # The member books its first slot, on a phone.
    log_in(page, live_server, member, PHONE)
    page.goto(live_server.url + "/intake/")
    clean(page)
    page.get_by_role("link", name="Vrije tijden bij Tom").click()
    expect(page.get_by_role("heading", name="Vrije tijden in Centrum")).to_be_visible()
    clean(page)
    page.locator(".intake-slots a").first.click()
    expect(page.locator(".lead")).to_contain_text("om 10:00 bij Tom, Centrum")
    page.get_by_label("Waarom wil je een intake?").fill(REASON)
    clean(page, "booking-phone")
    page.get_by_role("button", name="Plan deze intake").click()
    expect(page.get_by_role("heading", name="Je intake is gepland")).to_be_visible()
    clean(page)
    booking = Booking.objects.get(member=member)
    assert timezone.localtime(booking.starts_at).date() == tomorrow

    # … and shares their data with Tom.
    page.goto(live_server.url + "/account/delen/")
    clean(page)
    page.get_by_role("button", name="Geef toestemming").click()
    expect(page.get_by_role("alert")).to_contain_text("Er is niets gedeeld")
    page.get_by_label("Tom").check()
    page.get_by_label("Ik geef deze trainer toestemming").check()
    page.get_by_role("button", name="Geef toestemming").click()
    expect(page.get_by_text("Tom kan je gegevens nu zien.")).to_be_visible()
    clean(page, "sharing-phone")
    assert Consent.objects.filter(member=member, revoked_at=None).count() == 1

    # A hard session, sent as the player sends it (the page's cookie carries the CSRF token).
    started = timezone.now() - timedelta(minutes=30)
    status = page.evaluate(
        """async (body) => {
            const token = /csrftoken=([^;]+)/.exec(document.cookie)[1];
            const response = await fetch('/api/sessions', {method: 'POST',
                headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
                body: JSON.stringify(body)});
            return response.status;
        }""",
        {
            "client_key": str(uuid.uuid4()),
            "started_at": started.isoformat(),
            "finished_at": (started + timedelta(minutes=20)).isoformat(),
            "completed": True,
            "pain_after": 8,
            "effort": 6,
        },
    )
    assert status == 201
    session = TrainingSession.objects.get(member=member)

    # The trainer: the booking in the agenda, the alert on the dashboard, its evidence.
    log_in(page, live_server, trainer, TABLET)
    page.goto(live_server.url + "/trainer/agenda/")
    expect(page.get_by_text(REASON)).to_be_visible()
    clean(page, "agenda-tablet")
    clean_upright(page)
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/trainer/")
    alert = page.locator(".alert-session")
    expect(alert).to_contain_text("Zware training, pijn 8/10")
    clean(page, "dashboard-tablet")
    clean_upright(page)
    alert.get_by_role("link", name="Bekijk het bewijs").click()
    expect(page).to_have_url(f"{live_server.url}/trainer/leden/{member.pk}/#session-{session.pk}")
    expect(page.locator(f"#session-{session.pk}")).to_be_visible()
    expect(page.get_by_text("Bilspieren activeren")).to_be_visible()  # a name, not a key
    expect(page.get_by_text("glute-activation")).to_have_count(0)
    clean(page, "member-detail-tablet")
    page.get_by_role("link", name="Dosis aanpassen").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dosis van")
    clean(page)
    page.get_by_label("Sets").fill("2")
    page.get_by_label("Reden").fill(ADJUSTED)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dosis aangepast.")).to_be_visible()
    clean(page)
    page.goto(live_server.url + "/trainer/")
    page.get_by_role("button", name="EN English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".alert-session")).to_contain_text("pain 8/10")
    clean(page)

    # The member reads the change and who looked.
    log_in(page, live_server, member, PHONE)
    page.goto(live_server.url + "/plan/")
    expect(page.get_by_text(f"Aangepast door je trainer Tom: {ADJUSTED}").first).to_be_visible()
    clean(page, "plan-trainer-change-phone")
    clean_upright(page)
    page.goto(live_server.url + "/account/inzage/")
    log = page.locator(".access-log")
    expect(log.get_by_role("row").filter(has_text="Tom").first).to_be_visible()
    expect(log.locator("strong").first).to_be_visible()  # the change, in bold
    clean(page, "access-log-phone")
    page.goto(live_server.url + "/plan/")
    page.get_by_role("button", name="EN English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text(f"Changed by your trainer Tom: {ADJUSTED}").first).to_be_visible()
    clean(page)
