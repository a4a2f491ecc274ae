"""The installable, offline side: the service worker as served, the manifest and its icons,
the offline page, the member tag the worker uses to forget a member's pages, the CSP."""

import json
import re
import struct

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rugcoach.accounts.models import User
from rugcoach.pwa import version
from rugcoach.pwa.middleware import MEMBER_HEADER, VISITOR
from rugcoach.pwa.views import CONFIG_MARKER

pytestmark = pytest.mark.django_db


def worker_config(client: Client) -> dict:
    body = client.get("/sw.js").content.decode()
    match = re.search(r"^const CONFIG = (\{.*\});$", body, re.M)
    assert match, "the worker's CONFIG is filled in"
    return json.loads(match.group(1))


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as file:
        head = file.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])
    return width, height


# --- the service worker ------------------------------------------------------------------


def test_the_worker_is_served_from_the_root_as_javascript_and_never_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert CONFIG_MARKER not in response.content.decode()


def test_the_worker_knows_where_the_plan_and_the_player_are_in_both_languages(client):
    config = worker_config(client)
    refresh = {entry["prefix"]: (entry["list"], entry["start"]) for entry in config["refresh"]}
    for language in ("nl", "en"):
        with translation.override(language):
            expected = (reverse("training:offline_urls"), reverse("home"))
            assert refresh[reverse("plans:plan")] == expected
            assert refresh[reverse("training:today")] == expected
            assert config["offlinePages"][language] == reverse("pwa:offline", args=[language])
    assert config["startPages"] == ["/", "/en/"]
    assert config["staticPrefix"] == "/static/" and config["figurePrefix"] == "/figures/"


def test_the_worker_never_answers_for_the_api(client):
    # The results reach the server through the player's outbox, never a cache.
    assert "/api/" in worker_config(client)["networkOnly"]


def test_everything_the_worker_keeps_from_the_start_exists(client):
    for url in worker_config(client)["precache"]:
        if url.startswith("/static/"):  # the test client serves no static files
            assert finders.find(url.removeprefix("/static/")), url
        else:
            assert client.get(url).status_code == 200, url


def test_a_changed_static_file_changes_the_cache_version(settings, tmp_path):
    (tmp_path / "player.js").write_text("export const a = 1;")
    settings.STATICFILES_DIRS = [tmp_path]
    version.cache_version.cache_clear()
    try:
        before = version.cache_version()
        version.cache_version.cache_clear()
        assert version.cache_version() == before  # stable while nothing changes
        (tmp_path / "player.js").write_text("export const a = 2;")
        version.cache_version.cache_clear()
        assert version.cache_version() != before
    finally:
        version.cache_version.cache_clear()


# --- the manifest and its icons ----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "name", "start"),
    [
        ("nl", "RugCoach: oefeningen voor je rug", "/"),
        ("en", "RugCoach: exercises for your back", "/en/"),
    ],
)
def test_the_manifest_makes_an_installable_app_in_the_pages_language(client, language, name, start):
    response = client.get(f"/manifest.webmanifest?lang={language}")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == name and manifest["short_name"] == "RugCoach"
    assert manifest["lang"] == language and manifest["start_url"] == start
    assert manifest["id"] == "/", "one app, whatever the language"
    assert manifest["display"] == "standalone" and manifest["scope"] == "/"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])


def test_an_unknown_language_gets_the_dutch_manifest(client):
    assert json.loads(client.get("/manifest.webmanifest?lang=xx").content)["lang"] == "nl"


def test_every_icon_exists_with_the_size_the_manifest_says(client):
    icons = json.loads(client.get("/manifest.webmanifest").content)["icons"]
    found = set()
    for icon in icons:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        width, height = png_size(path)
        assert icon["sizes"] == f"{width}x{height}", icon["src"]
        found.add((icon["sizes"], icon["purpose"]))
    # What Chromium needs to offer installing, and Android's own icon shapes.
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= found


def test_every_page_links_the_manifest_and_registers_the_worker(client):
    page = client.get("/en/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest?lang=en">' in page
    assert 'type="module" src="/static/training/sw-register.js"' in page
    assert 'data-service-worker="/sw.js"' in page


# --- the offline page --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title"), [("nl", "Je bent offline"), ("en", "You are offline")]
)
def test_the_offline_page_speaks_the_language_and_names_the_emergency_signs(
    client, language, title
):
    page = client.get(f"/offline/{language}/").content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{title}</h1>" in page
    with translation.override(language):
        assert f'data-prefix="{reverse("training:today")}"' in page
    assert "112" in page  # the emergency block, as on every page


def test_the_offline_page_is_the_same_for_everyone(client, member):
    # The worker keeps it from its installation on, for whoever uses the phone next.
    visitor_page = client.get("/offline/nl/").content.decode()
    client.force_login(member)
    member_page = client.get("/offline/nl/").content.decode()
    assert member_page == visitor_page
    assert member.email not in member_page and "csrfmiddlewaretoken" not in member_page


def test_an_unknown_language_has_no_offline_page(client):
    assert client.get("/offline/xx/").status_code == 404


# --- whose pages: the member tag ---------------------------------------------------------


def test_every_page_names_whom_it_was_made_for_without_saying_who(client, member):
    assert client.get("/").headers[MEMBER_HEADER] == VISITOR
    client.force_login(member)
    tag = client.get("/").headers[MEMBER_HEADER]
    assert tag != VISITOR and str(member.pk) not in tag and member.email not in tag
    assert client.get("/oefeningen/").headers[MEMBER_HEADER] == tag  # stable
    assert client.get(reverse("training:offline_urls")).headers[MEMBER_HEADER] == tag

    other = User.objects.create_user("ruud@example.com", "another-Strong-back-1")
    client.force_login(other)
    assert client.get("/").headers[MEMBER_HEADER] not in (tag, VISITOR)
    client.logout()
    assert client.get("/").headers[MEMBER_HEADER] == VISITOR


def test_every_page_tells_the_outbox_the_same_tag_in_a_meta_element(client, member):
    """The player's outbox sends a session only under the member who trained it; the page
    says who that is with the same opaque tag as the header."""
    client.force_login(member)
    response = client.get("/")
    tag = response.headers[MEMBER_HEADER]
    assert f'<meta name="rugcoach-member" content="{tag}">' in response.content.decode()


def test_the_api_and_figures_carry_no_member_tag(client, member):
    client.force_login(member)
    assert MEMBER_HEADER not in client.get("/api/exercises").headers
    figure = reverse("figure", args=["bird-dog", "animated", "nl"])
    response = client.get(figure)
    assert response.status_code == 200 and MEMBER_HEADER not in response.headers


# --- the content security policy ---------------------------------------------------------


def test_the_policy_allows_our_own_worker_and_manifest_and_nothing_else(client):
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in client.get("/").headers["Content-Security-Policy"].split(";")
    )
    assert policy["worker-src"] == "'self'"
    assert policy["manifest-src"] == "'self'"
    assert policy["script-src"] == "'self'"
