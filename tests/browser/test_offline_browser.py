"""Offline and installable, in Chromium: the service worker keeps the player and the next
sessions once the plan is opened, serves them when the server is gone, forgets them when
the member logs out, and the app passes Chromium's installability checks.

"The server is gone" is a route that aborts every request of the browser context: it
covers the service worker's own requests too, which ``set_offline`` does not (Playwright
#2311), and it is what a lost connection looks like to the worker (a failed fetch).
"""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.helpers import ARTIFACTS_DIR, PHONE, serious_accessibility_violations
from tests.training.helpers import check_in, checks_made_yesterday, plan_starting_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFLINE_TITLE = {"nl": "Je bent offline", "en": "You are offline"}
RETRY = {"nl": "Opnieuw proberen", "en": "Try again"}


def log_in(context: BrowserContext, live_server, member) -> None:
    """The member's session cookie in the browser (the login form has its own tests)."""
    client = Client()
    client.force_login(member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def url(live_server, name: str, language: str, *args: object) -> str:
    with translation.override(language):
        return live_server.url + reverse(name, args=args)


def wait_until_kept(page: Page) -> None:
    """sw-register.js marks <html data-offline-ready> once the worker kept the list."""
    page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=20_000)


def cached_paths(page: Page) -> list[str]:
    return page.evaluate(
        """async () => {
            const paths = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    paths.push(name.split('-')[1] + ' ' + new URL(request.url).pathname);
                }
            }
            return paths;
        }"""
    )


def eventually(page: Page, read, done, timeout: float = 20):
    """What ``read()`` gives once ``done`` holds for it, or at the timeout: the worker does
    its work after answering (and wait_for_function cannot await a promise)."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value) or time.monotonic() > deadline:
            return value
        page.wait_for_timeout(100)


def lose_the_server(context: BrowserContext) -> None:
    context.route("**/*", lambda route: route.abort("internetdisconnected"))


@pytest.fixture
def ready_to_train(member_with_plan):
    """Sanne: a plan with a session today, and today's check-in done."""
    today = plan_starting_today(member_with_plan)
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan)
    return member_with_plan, today


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_player_opens_from_the_service_worker_when_the_server_is_gone(
    page: Page, live_server, ready_to_train, language
):
    member, today = ready_to_train
    member.preferred_language = language  # else the app brings her back to her own
    member.save(update_fields=["preferred_language"])
    log_in(page.context, live_server, member)
    page.goto(url(live_server, "plans:plan", language))
    wait_until_kept(page)
    kept = cached_paths(page)
    player = reverse_in(language, "training:session", today.pk)
    assert f"pages {player}" in kept
    assert not any("/api/" in path for path in kept), "the API is never cached"

    lose_the_server(page.context)
    page.goto(url(live_server, "training:session", language, today.pk))
    expect(page.locator("#session-data")).to_have_count(1)
    # It runs: its modules came from the cache, and so does the first exercise's figure.
    page.locator('[data-action="start"]').click()
    expect(page.locator("#player")).not_to_have_attribute("data-state", "intro")
    figure = page.locator("img.player-figure").first
    expect(figure).to_be_visible()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=figure.element_handle()
    )
    page.screenshot(path=str(ARTIFACTS_DIR / f"offline-player-{language}.png"), full_page=True)
    assert serious_accessibility_violations(page) == []

    # The installed app's start page was kept with them.
    page.goto(url(live_server, "home", language))
    expect(page.get_by_role("heading", level=1)).not_to_have_text(OFFLINE_TITLE[language])
    expect(page.locator('link[rel="manifest"]')).to_have_count(1)

    # A page it has no copy of: the offline page, which links the kept trainings.
    page.goto(url(live_server, "library:list", language))
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFLINE_TITLE[language])
    expect(page.locator(f'#offline-trainings a[href="{player}"]')).to_be_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / f"offline-page-{language}.png"), full_page=True)
    assert serious_accessibility_violations(page) == []

    # The server is back: "Try again" brings the page itself.
    page.context.unroute("**/*")
    page.get_by_role("button", name=RETRY[language]).click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text(OFFLINE_TITLE[language])


def reverse_in(language: str, name: str, *args: object) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def test_logging_out_forgets_the_members_pages(page: Page, live_server, ready_to_train):
    member, today = ready_to_train
    log_in(page.context, live_server, member)
    page.goto(url(live_server, "plans:plan", "nl"))
    wait_until_kept(page)
    player = reverse_in("nl", "training:session", today.pk)
    assert f"pages {player}" in cached_paths(page)

    page.goto(url(live_server, "accounts:profile", "nl"))
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(url(live_server, "home", "nl"))
    kept = eventually(
        page,
        lambda: cached_paths(page),
        lambda paths: not any(path.startswith("pages /training/") for path in paths),
    )
    assert not any(path.startswith("pages /training/") for path in kept)

    lose_the_server(page.context)
    page.goto(live_server.url + player)
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFLINE_TITLE["nl"])
    expect(page.locator("#offline-trainings a")).to_have_count(0)


def test_a_new_version_of_the_worker_empties_the_old_caches(page: Page, live_server, monkeypatch):
    page.goto(live_server.url + "/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20_000)
    old = page.evaluate("async () => await caches.keys()")
    assert old, "the first version kept the offline page and the files"
    page.evaluate(
        "async () => (await caches.open('rugcoach-pages-leftover')).put('/x', new Response('x'))"
    )

    # The live server runs in this process: the next /sw.js has other bytes.
    monkeypatch.setattr("rugcoach.pwa.views.cache_version", lambda: "0123456789abcdef")
    page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
    new = {"rugcoach-assets-0123456789abcdef", "rugcoach-pages-0123456789abcdef"}
    names = eventually(
        page,
        lambda: set(page.evaluate("async () => await caches.keys()")),
        lambda names: "rugcoach-assets-0123456789abcdef" in names and names <= new,
    )
    assert "rugcoach-assets-0123456789abcdef" in names
    assert names <= new, f"the old caches are gone: {names - new}"


def test_the_app_is_installable(browser_type, browser_type_launch_args, live_server, tmp_path):
    # A normal profile: Playwright's usual contexts are incognito, where Chromium never
    # offers to install.
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, viewport=PHONE, bypass_csp=True
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20_000)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == [], manifest["errors"]
        assert manifest["url"] == live_server.url + "/manifest.webmanifest?lang=nl"
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()
