"""The figure gallery in Chromium: every figure loads; a screenshot is kept for review."""

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gallery_shows_every_figure(page: Page, live_server, catalog):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server.url}/oefeningen/figuren/")
    page.evaluate("() => document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_load_state("networkidle")
    broken = page.evaluate(
        "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
        ".map(i => i.src)"
    )
    assert broken == []
    assert page.locator(".gallery img").count() == len(catalog.exercises)
    page.screenshot(path=str(ARTIFACTS_DIR / "figure-gallery.png"), full_page=True)
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize(
    ("motion", "moving", "still"),
    [("reduce", "none", "inline"), ("no-preference", "inline", "none")],
)
def test_animated_figure_stands_still_for_reduced_motion(
    browser, live_server, motion, moving, still
):
    from rugcoach.library.figures import figure_url

    context = browser.new_context(reduced_motion=motion)
    page = context.new_page()
    page.goto(f"{live_server.url}{figure_url('bird-dog', 'animated', 'nl')}")
    shown = page.evaluate(
        "() => [getComputedStyle(document.querySelector('.moving')).display,"
        " getComputedStyle(document.querySelector('.still')).display]"
    )
    assert shown == [moving, still]
    context.close()


def test_detail_page_shows_the_still_figure_for_reduced_motion(browser, live_server):
    context = browser.new_context(reduced_motion="reduce", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/oefeningen/bird-dog/")
    shown = page.locator("img.figure-animated").evaluate("(img) => img.currentSrc")
    assert "/static.nl.svg" in shown
    context.close()
