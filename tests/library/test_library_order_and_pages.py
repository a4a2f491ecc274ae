"""Issue 11 §4: the library in the reader's alphabet, Dutch names with the old names still
searchable, a search for a not-advised exercise that answers with what to do instead, and
the 404, 500 and favicon a visitor can run into."""

import re
from html import unescape

import pytest
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.views.defaults import server_error

from rugcoach.core.kernel.text import normalize_for_search

pytestmark = pytest.mark.django_db

CARD_NAME = re.compile(
    r'<li class="exercise-card[^"]*">.*?<h3><a href="([^"]+)">([^<]+)</a></h3>', re.S
)


def card_names(html: str) -> list[str]:
    return [unescape(name) for _, name in CARD_NAME.findall(html)]


def card_urls(html: str) -> list[str]:
    return [url for url, _ in CARD_NAME.findall(html)]


@pytest.mark.parametrize(
    ("path", "first", "second"),
    [
        # Alphabetical: "Knie" before "Knieën" (the slugs had it the other way round).
        ("/oefeningen/", "Knie naar borst, één been", "Knieën naar borst, beide benen"),
        ("/en/exercises/", "Double knee to chest", "Single knee to chest"),
    ],
)
def test_library_lists_exercises_alphabetically_in_the_pages_language(
    client, catalog, path, first, second
):
    names = card_names(client.get(path).content.decode())
    assert len(names) == len(catalog.exercises)
    assert names.index(first) < names.index(second)
    assert names == sorted(names, key=normalize_for_search)


def test_dutch_names_where_dutch_has_one(client):
    names = card_names(client.get("/oefeningen/").content.decode())
    assert {"Kindhouding", "Bruggetje", "Kat-koe"} <= set(names)
    assert "Child's pose" not in names and "Glute bridge" not in names
    # Gym words Dutch people use stay as they are.
    assert {"Bird dog", "Dead bug"} <= set(names)


@pytest.mark.parametrize(
    ("typed", "slug"),
    [("child's pose", "childs-pose"), ("glute bridge", "glute-bridge"), ("cat-cow", "cat-cow")],
)
def test_the_old_name_still_finds_the_exercise(client, typed, slug):
    urls = card_urls(client.get("/oefeningen/", {"q": typed}).content.decode())
    assert urls and urls[0] == f"/oefeningen/{slug}/"


@pytest.mark.parametrize(
    ("path", "empty", "intro"),
    [
        ("/oefeningen/", "Geen oefening gevonden", "Kies liever een van deze 4 oefeningen"),
        ("/en/exercises/", "No exercise found", "Choose one of these 4 exercises instead"),
    ],
)
def test_searching_crunches_shows_the_safer_choices_instead_of_nothing(client, path, empty, intro):
    html = client.get(path, {"q": "crunches"}).content.decode()
    assert empty not in html
    assert not re.search(r">0 (oefeningen|exercises) ", html)
    assert intro in html
    slugs = [url.rstrip("/").rsplit("/", 1)[-1] for url in card_urls(html)]
    assert slugs == ["dead-bug", "bird-dog", "glute-bridge", "wall-sit"]


def test_safer_choices_keep_the_other_filters(client):
    html = client.get("/oefeningen/", {"q": "crunches", "category": "stability"}).content.decode()
    slugs = [url.rstrip("/").rsplit("/", 1)[-1] for url in card_urls(html)]
    assert slugs == ["dead-bug", "bird-dog"]


def test_an_ordinary_search_without_results_still_says_so(client):
    html = client.get("/oefeningen/", {"q": "xyzzy"}).content.decode()
    assert "Geen oefening gevonden. Probeer een ander woord" in html
    assert card_urls(html) == []


@override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
@pytest.mark.parametrize(
    ("path", "lang", "heading", "check"),
    [
        ("/bestaat-niet/", "nl", "Deze pagina bestaat niet", "/mag-ik-trainen/"),
        ("/en/does-not-exist/", "en", "This page does not exist", "/en/may-i-train/"),
    ],
)
def test_a_missing_page_explains_and_offers_a_way_on(client, path, lang, heading, check):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert heading in html
    assert path not in html  # a 404 never repeats the address asked for
    assert f'href="{check}"' in html  # the check
    assert 'href="/"' in html or 'href="/en/"' in html  # the home page


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("nl", "Er ging iets mis aan onze kant"), ("en", "Something went wrong on our side")],
)
def test_the_server_error_page_needs_no_database_or_context(lang, heading, django_db_blocker):
    request = RequestFactory().get("/")
    # No database access allowed: the 500 page must render when the database is down.
    with django_db_blocker.block(), translation.override(lang):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html and heading in html
    assert "/static/favicon.svg" in html


def test_favicon_ico_is_answered(client):
    response = client.get("/favicon.ico")
    # Not permanent: the static name carries a hash of the icon in production.
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    assert 'rel="icon"' in client.get("/").content.decode()
