"""What Chromium really transfers for a first view of an exercise page.

The test server serves static files raw through Django's finders (production's WhiteNoise
sends the .br/.gz copies: tests/hardening/test_bytes_on_the_wire.py measures those), so
this checks what the app itself compresses: the page and its figures arrive compressed
(brotli for the figures), and the page does not load htmx, which it does not use.
"""

import pytest
from playwright.sync_api import Page, Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_first_view_of_an_exercise_page_arrives_compressed(page: Page, live_server):
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{live_server.url}/oefeningen/bird-dog/")
    page.locator("img.figure-still").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")

    app_responses = [
        r
        for r in responses
        if r.url.startswith(live_server.url) and "/static/" not in r.url and r.status == 200
    ]
    transferred = {r.url: r.request.sizes()["responseBodySize"] for r in app_responses}
    decoded = {r.url: len(r.body()) for r in app_responses}
    kinds = {r.url: r.headers.get("content-type", "") for r in app_responses}
    report = "\n".join(
        f"{transferred[url]:>7,} of {decoded[url]:>7,} B  {kinds[url]:<24} {url}"
        for url in transferred
    )
    print(f"\n{report}")

    figures = [url for url in transferred if "/figures/bird-dog/" in url]
    assert len(figures) == 2, report  # the moving figure and the still one below it
    for url in [*figures, f"{live_server.url}/oefeningen/bird-dog/"]:
        encoding = next(r for r in app_responses if r.url == url).headers.get("content-encoding")
        assert encoding in ("gzip", "br"), url
        assert transferred[url] * 2 < decoded[url], report
    # The page and its figures: about 9 KB instead of 87 KB raw.
    assert sum(transferred.values()) < 15 * 1024, report
    assert not any("htmx" in r.url for r in responses), "htmx loaded on a page without hx-*"
