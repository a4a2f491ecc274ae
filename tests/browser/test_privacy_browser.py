"""A new member at phone size: signs up, downloads their data, deletes their account."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from rugcoach.accounts.models import User
from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations
from tests.plan_helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "nl": {
        "signup": "/account/aanmelden/",
        "my_data": "Mijn gegevens: downloaden of verwijderen",
        "json": "Download als JSON",
        "pdf": "Download als PDF",
        "delete": "Account verwijderen",
        "password": "Je wachtwoord",
        "confirm": "Ja, verwijder mijn account en gegevens",
        "wrong": "Dat wachtwoord klopt niet. Er is niets verwijderd.",
        "deleted": "Je account en al je gegevens zijn verwijderd.",
        "policy": "Privacy: wat we bewaren en hoe lang",
        "policy_heading": "Privacy: wat RugCoach bewaart, waarom en hoe lang",
    },
    "en": {
        "signup": "/en/account/sign-up/",
        "my_data": "My data: download or delete",
        "json": "Download as JSON",
        "pdf": "Download as PDF",
        "delete": "Delete account",
        "password": "Your password",
        "confirm": "Yes, delete my account and data",
        "wrong": "That password is not right. Nothing was deleted.",
        "deleted": "Your account and all your data have been deleted.",
        "policy": "Privacy: what we keep and for how long",
        "policy_heading": "Privacy: what RugCoach stores, why, and for how long",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_new_member_exports_and_deletes_their_data(page: Page, live_server, language):
    t = TEXTS[language]
    email = f"nieuw-{language}@example.com"

    page.goto(f"{live_server.url}{t['signup']}")
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("form.stack-form button[type=submit]").click()
    # A new member lands on their next step (issue 11 §3); the account page has the link.
    expect(page).to_have_url(re.compile(r"/(mag-ik-trainen|may-i-train)/$"))
    page.goto(live_server.url + t["signup"].rsplit("/", 2)[0] + "/")
    expect(page.get_by_role("link", name=t["my_data"])).to_be_visible()
    page.get_by_role("link", name=t["my_data"]).click()
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / f"my-data-{language}.png"), full_page=True)

    with page.expect_download() as json_download:
        page.get_by_role("link", name=t["json"]).click()
    data = json.loads(json_download.value.path().read_text(encoding="utf-8"))
    assert data["accounts"]["email"] == email
    assert data["accounts"]["preferred_language"] == language
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=t["pdf"]).click()
    assert pdf_download.value.path().read_bytes().startswith(b"%PDF")

    page.get_by_role("link", name=t["delete"]).click()
    page.get_by_label(t["password"]).fill("not-the-password")
    page.get_by_role("button", name=t["confirm"]).click()
    expect(page.get_by_text(t["wrong"])).to_be_visible()
    assert User.objects.filter(email=email).exists()
    assert serious_accessibility_violations(page) == []

    page.get_by_label(t["password"]).fill(PASSWORD)
    page.get_by_role("button", name=t["confirm"]).click()
    expect(page.get_by_text(t["deleted"])).to_be_visible()
    assert not User.objects.filter(email=email).exists()
    page.screenshot(path=str(ARTIFACTS_DIR / f"deleted-{language}.png"), full_page=True)

    page.get_by_role("link", name=t["policy"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t["policy_heading"])
    expect(page).to_have_url(re.compile(r"/privacy/$"))
    assert serious_accessibility_violations(page) == []
