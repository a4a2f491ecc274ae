"""Figures on the pages: versioned, cacheable SVGs with a description in the page's language."""

import xml.etree.ElementTree as ET

import pytest
from django.utils.html import escape

from rugcoach.library.figures import figure_url, figure_version

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def test_every_exercise_has_a_figure_url_in_both_languages(catalog):
    for slug in catalog.exercises:
        for language in ("nl", "en"):
            assert figure_url(slug, "static", language), slug


def test_figure_is_served_as_svg_and_cached_for_its_version(client):
    url = figure_url("bird-dog", "animated", "nl")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "immutable" in response["Cache-Control"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert "strek je" in root.find(f"{SVG}title").text
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_an_old_version_is_not_cached_for_long(client):
    response = client.get("/figures/bird-dog/static.nl.svg?v=stale")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/figures/no-such-exercise/static.nl.svg",
        "/figures/bird-dog/sideways.nl.svg",
        "/figures/bird-dog/static.fr.svg",
    ],
)
def test_unknown_figures_are_404(client, path):
    assert client.get(path).status_code == 404


def test_english_figure_has_an_english_title(client, catalog):
    url = figure_url("glute-bridge", "static", "en")
    root = ET.fromstring(client.get(url).content)
    assert root.find(f"{SVG}title").text == catalog.exercises["glute-bridge"].figure.description.en


def test_version_changes_with_the_figure_content(catalog):
    assert figure_version("bird-dog") != figure_version("dead-bug")


def test_list_shows_thumbnails_and_detail_shows_animation_with_alt_text(client, catalog):
    listing = client.get("/oefeningen/").content.decode()
    assert listing.count('class="thumb"') == len(catalog.exercises)
    detail = client.get("/en/exercises/dead-bug/").content.decode()
    alt = escape(catalog.exercises["dead-bug"].figure.description.en)
    assert f'alt="{alt}"' in detail
    assert "/figures/dead-bug/animated.en.svg?v=" in detail
    assert "/figures/dead-bug/static.en.svg?v=" in detail


def test_gallery_lists_every_figure(client, catalog, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = client.get("/oefeningen/figuren/").content.decode()
    assert html.count("/thumbnail.nl.svg?v=") == len(catalog.exercises)
