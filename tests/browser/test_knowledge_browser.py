"""The knowledge pages in Chromium on a phone: the index, a page, the habit cards, the
muscles with their drawings; in Dutch and English, without serious axe-core findings."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, PHONE, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def drawn_width(image) -> int:  # type: ignore[no-untyped-def]
    """The loaded picture's own width; 0 for a broken image.

    Waits for the browser to finish with the picture (``complete``: loaded or failed)
    rather than calling ``img.decode()``, which Chromium may reject with "cannot be
    decoded" for a lazy picture still on its way when the machine is busy."""
    image.scroll_into_view_if_needed()
    image.page.wait_for_function("img => img.complete", arg=image.element_handle())
    return int(image.evaluate("img => img.naturalWidth"))


def fits_the_phone(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_member_reads_from_the_index_to_a_page_and_does_it_now(
    page: Page, live_server, external_requests
):
    page.goto(f"{live_server.url}/weten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Weten over je rug")
    assert fits_the_phone(page)
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / "knowledge-index-nl.png"), full_page=True)

    page.get_by_role("link", name="De 4 gouden regels voor trainen met rugklachten").click()
    expect(page.get_by_role("heading", name="1. Blijf binnen je pijngrens")).to_be_visible()
    do_now = page.locator(".do-now")
    expect(do_now.get_by_role("heading", name="Doe het nu")).to_be_visible()
    assert fits_the_phone(page)
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / "knowledge-golden-rules-nl.png"), full_page=True)
    do_now.get_by_role("link", name="Naar de check: mag ik trainen?").click()
    expect(page).to_have_url(f"{live_server.url}/mag-ik-trainen/")
    assert external_requests == []


def test_the_muscles_page_draws_each_muscle_and_lists_its_exercises(page: Page, live_server):
    page.goto(f"{live_server.url}/weten/muscles/")
    glutes = page.locator("#glutes")
    drawing = glutes.get_by_role("img", name="Bilspieren (gluteus maximus en medius)", exact=False)
    expect(drawing).to_be_visible()
    # The SVG loaded and has a size: it is drawn, not a broken image.
    assert drawn_width(drawing) > 0
    glutes.locator("summary").click()
    glutes.get_by_role("link", name="Clamshell", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/oefeningen/clamshell/")


@pytest.mark.parametrize(
    ("path", "heading", "card"),
    [
        (
            "/weten/dagelijkse-gewoontes/",
            "Dagelijkse gewoontes voor je rug",
            "Tillen, stap voor stap",
        ),
        ("/en/knowledge/daily-habits/", "Daily habits for your back", "Lifting, step by step"),
    ],
)
def test_the_habit_cards_read_well_on_a_phone(page: Page, live_server, path, heading, card):
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    page.get_by_role("link", name=card).first.click()
    lifting = page.locator("#lifting")
    expect(lifting.get_by_role("heading", name=card)).to_be_in_viewport()
    figure = lifting.locator("img")
    assert drawn_width(figure) > 0
    assert fits_the_phone(page)
    assert serious_accessibility_violations(page) == []
    language = "en" if path.startswith("/en/") else "nl"
    page.screenshot(path=str(ARTIFACTS_DIR / f"knowledge-habits-{language}.png"), full_page=True)


@pytest.mark.parametrize(
    "path",
    [
        "/en/knowledge/",
        "/en/knowledge/muscles/",
        "/weten/core-stability/",
        "/en/knowledge/why-back-hurts/",
    ],
)
def test_knowledge_pages_have_no_serious_accessibility_problems(page: Page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    assert fits_the_phone(page)
    assert serious_accessibility_violations(page) == []
    name = path.strip("/").replace("/", "-")
    page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True)
