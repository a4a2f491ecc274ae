"""A single checkbox in a form reads as one row on a phone: the box left of its label,
the whole label a 44 px target, the help text under it (issue 11 walk: the sign-up's
'keep my check' box once stood alone under its label and help text)."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations
from tests.browser.test_triage_browser import answer_wizard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "nl": ("/mag-ik-trainen/stap/1/", "Maak een account voor je plan", "Bewaar mijn check"),
    "en": ("/en/may-i-train/step/1/", "Create an account for your plan", "Keep the check"),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_keep_box_sits_left_of_its_label_with_the_help_under_it(
    page: Page, live_server, language
):
    start, signup_link, label = TEXTS[language]
    page.goto(f"{live_server.url}{start}")
    answer_wizard(page, {"duration_weeks": 4})
    page.get_by_role("link", name=signup_link).click()

    box = page.get_by_label(label)
    expect(box).to_be_checked()
    row = page.locator("label", has=box)
    words = row.get_by_text(label)
    help_text = page.locator(f"#{box.get_attribute('id')}_helptext")
    box_at, row_at, words_at = box.bounding_box(), row.bounding_box(), words.bounding_box()
    help_at = help_text.bounding_box()
    assert box_at and row_at and words_at and help_at
    assert box_at["x"] + box_at["width"] <= words_at["x"]  # the box left of its words
    assert box_at["y"] < words_at["y"] + words_at["height"]  # … on the same row
    assert row_at["height"] >= 44  # a thumb-sized target
    assert help_at["y"] >= row_at["y"] + row_at["height"] - 1  # the help under the row
    expect(box).to_have_attribute("aria-describedby", f"{box.get_attribute('id')}_helptext")
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / f"signup-checkbox-row-{language}.png"), full_page=True)

    words.click()  # the label's words are part of the target
    expect(box).not_to_be_checked()
