"""A trainer on a tablet (1024×768): the dashboard with an alert, the member's page from
its evidence link, a dose change; the member then reads who changed it and why. axe-core
finds nothing serious on the trainer's pages."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from rugcoach.trainers.models import Consent
from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations
from tests.progress.helpers import trained
from tests.trainers.helpers import make_trainer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TABLET = {"width": 1024, "height": 768}
CHANGED = "Aangepast door je trainer Tom: Rustig aan na je zware training"


def log_in(page: Page, live_server, user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def test_a_trainer_follows_an_alert_and_adjusts_the_dose(page: Page, live_server, member_with_plan):
    trainer = make_trainer()
    Consent.objects.create(member=member_with_plan, trainer=trainer.trainer)
    session = trained(member_with_plan, 1, after=8)
    page.set_viewport_size(TABLET)
    log_in(page, live_server, trainer)

    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/trainer/")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Mag ik trainen?")).to_have_count(0)
    alert = page.locator(".alert-session")
    expect(alert).to_contain_text("Zware training, pijn 8/10")
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / "trainer-dashboard-tablet.png"), full_page=True)

    alert.get_by_role("link", name="Bekijk het bewijs").click()
    expect(page).to_have_url(
        f"{live_server.url}/trainer/leden/{member_with_plan.pk}/#session-{session.pk}"
    )
    expect(page.locator(f"#session-{session.pk}")).to_be_visible()
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Dosis aanpassen").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dosis van")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Sets").fill("2")
    page.get_by_label("Reden").fill("Rustig aan na je zware training")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dosis aangepast.")).to_be_visible()
    expect(page.get_by_text(CHANGED).first).to_be_visible()

    log_in(page, live_server, member_with_plan)
    page.goto(live_server.url + "/plan/")
    expect(page.get_by_text(CHANGED).first).to_be_visible()
