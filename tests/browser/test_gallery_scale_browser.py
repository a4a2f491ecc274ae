"""The gallery on a phone: every thumbnail in the same frame, drawn at the same size."""

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gallery_thumbnails_share_one_size_on_a_phone(page: Page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/oefeningen/figuren/")
    page.evaluate("() => document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_load_state("networkidle")
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('.gallery img')].map(i => "
        "[i.naturalWidth, i.naturalHeight, Math.round(i.getBoundingClientRect().width),"
        " Math.round(i.getBoundingClientRect().height)])"
    )
    assert len(sizes) > 1
    assert len({tuple(s) for s in sizes}) == 1, sizes
    page.screenshot(path=str(ARTIFACTS_DIR / "figure-gallery-phone.png"), full_page=False)
    assert serious_accessibility_violations(page) == []


def test_library_cards_show_thumbnails_at_one_size(page: Page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/oefeningen/")
    page.evaluate("() => document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_load_state("networkidle")
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('img.thumb')].map(i => "
        "[i.naturalWidth, i.naturalHeight, Math.round(i.getBoundingClientRect().width)])"
    )
    assert len(sizes) > 1
    assert len({tuple(s) for s in sizes}) == 1, sizes
    page.locator("img.thumb").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS_DIR / "library-phone.png"), full_page=False)
