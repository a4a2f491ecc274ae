"""In Chromium at phone size: a trainer turns on two-factor login from the secret the page
shows, keeps the recovery codes, logs out and in again through the code step; then makes
an API token, copies it and revokes it. No request leaves the app; axe-core stays clean."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from rugcoach.accounts.models import User
from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-calm-Strong-back-42"


def app_code(secret_text: str, at: float) -> str:
    totp = TOTP(b32decode(secret_text.replace(" ", "")))
    totp.time = at
    return f"{totp.token():06d}"


def log_in(page: Page, base: str) -> None:
    page.goto(base + "/account/inloggen/")
    page.get_by_label("E-mailadres").fill("jan@example.com")
    page.get_by_label("Wachtwoord:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_two_factor_and_tokens_in_the_browser(
    page: Page, live_server, external_requests, playwright
):
    User.objects.create_user("jan@example.com", PASSWORD, role=User.Role.TRAINER)
    base = live_server.url
    log_in(page, base)
    page.goto(base + "/account/")
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.locator("figure.qr-code svg")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / "two-factor-setup.png"), full_page=True)
    secret = page.locator("#totp-secret").inner_text()
    # The code of this moment: the server accepts one step either side, so crossing a
    # 30-second boundary before the request arrives still passes.
    page.get_by_label("Code uit je app (6 cijfers)").fill(app_code(secret, time.time()))
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.get_by_role("heading", name="Je herstelcodes")).to_be_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 8
    page.get_by_role("link", name="Ik heb ze bewaard").click()
    expect(page.get_by_text("Tweestapsverificatie staat aan.").first).to_be_visible()
    page.goto(base + "/account/")
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, base)
    expect(page.get_by_role("heading", name="Code invullen")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    # A code may be used once: the next step after the one that turned it on, which the
    # server's one-step tolerance accepts without waiting for the clock.
    used_step = TOTPDevice.objects.get(user__email="jan@example.com").last_t
    page.get_by_label("Code uit je app of een herstelcode").fill(
        app_code(secret, (used_step + 1) * 30)
    )
    page.get_by_role("button", name="Inloggen").click()
    # A trainer lands on the dashboard after the code step too (issue 15 §4).
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    page.get_by_role("link", name="Mijn account").click()
    expect(page.get_by_role("heading", name="Mijn account")).to_be_visible()

    page.get_by_role("link", name="API-sleutels").click()
    page.get_by_label("Naam").fill("Script op mijn laptop")
    page.get_by_label("Je huidige wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Maak een sleutel").click()
    field = page.get_by_label("Sleutel", exact=True)
    token = field.input_value()
    assert token.startswith("rc_")
    expect(page.get_by_role("button", name="Kopieer")).to_be_visible()  # the script ran
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / "api-tokens.png"), full_page=True)
    # Another client: no browser cookies, only the token.
    client = playwright.request.new_context(extra_http_headers={"Authorization": f"Bearer {token}"})
    assert client.get(base + "/api/sessions").status == 200
    page.get_by_role("button", name="Trek „Script op mijn laptop” in").click()
    expect(page.get_by_text("werkt niet meer")).to_be_visible()
    assert client.get(base + "/api/sessions").status == 401
    client.dispose()
    assert external_requests == []
