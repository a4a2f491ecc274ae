"""The page for an unknown paper size (`?size=A5`, issue 11 §4): readable on a phone, in
both languages, axe-core clean, and its links lead to a real poster."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, PHONE, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("path", "heading", "link"),
    [
        ("/oefenposter.pdf?size=A5", "Dit papierformaat hebben we niet", "Poster op A3 (PDF)"),
        ("/en/exercise-poster.pdf?size=A5", "We do not have this paper size", "Poster on A3 (PDF)"),
    ],
)
def test_unknown_paper_size_page(page: Page, live_server, path, heading, link):
    page.set_viewport_size(PHONE)
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert serious_accessibility_violations(page) == []
    language = "en" if path.startswith("/en/") else "nl"
    page.screenshot(path=str(ARTIFACTS_DIR / f"paper-size-{language}.png"))
    href = page.get_by_role("link", name=link).get_attribute("href")
    assert page.request.get(live_server.url + href).headers["content-type"] == "application/pdf"
