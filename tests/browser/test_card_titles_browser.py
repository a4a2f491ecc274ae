"""Long exercise names stay inside their card on a small phone (issue 11 walk:
'Clamshell met weerstandsband' ran past the card's right edge in the two-column
gallery), in Dutch and English, in the gallery and the library list."""

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import ARTIFACTS_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "nl": {"gallery": "/oefeningen/figuren/", "library": "/oefeningen/"},
    "en": {"gallery": "/en/exercises/figures/", "library": "/en/exercises/"},
}
TITLES = {"gallery": ".gallery > li h2", "library": ".exercise-card h3"}

# The title's words (a range over them: the heading's own box always fits), against
# the card's content edge (inside its border and padding).
OVERFLOWING = """selector => [...document.querySelectorAll(selector)].flatMap(title => {
    const card = title.closest('li');
    const range = document.createRange();
    range.selectNodeContents(title);
    const words = range.getBoundingClientRect();
    const box = card.getBoundingClientRect();
    const style = getComputedStyle(card);
    const inside = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
    return words.right > inside + 0.5 ? [[title.textContent.trim(), words.right, inside]] : [];
})"""


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", ["gallery", "library"])
def test_no_card_title_is_wider_than_its_card_at_360_px(page: Page, live_server, language, kind):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}{PAGES[language][kind]}")
    assert page.locator(TITLES[kind]).count() > 5  # a check over no cards could not fail
    assert page.evaluate(OVERFLOWING, TITLES[kind]) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS_DIR / f"card-titles-{kind}-{language}-360.png"))
