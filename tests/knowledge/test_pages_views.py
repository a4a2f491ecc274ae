"""The knowledge pages as a visitor sees them: every page in Dutch and English, its do-now,
the muscles with their exercises, the habit cards, the muscle drawings; no database reads."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.html import escape

from rugcoach.core.knowledge.pages import PAGE_SLUGS, exercises_for

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def url(name: str, language: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def page_url(slug: str, language: str) -> str:
    if slug == "daily-habits":
        return url("knowledge:habits", language)
    return url("knowledge:page", language, slug=slug)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("slug", PAGE_SLUGS)
def test_every_page_renders_with_its_text_and_ends_with_its_do_now(client, catalog, slug, language):
    page = catalog.knowledge.pages.pages[slug]
    response = client.get(page_url(slug, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert escape(page.title.get(language)) in html
    for section in page.sections:
        assert escape(section.heading.get(language)) in html
    do_now = html.index('id="do-now-title"')
    assert escape(page.do_now.text.get(language)) in html[do_now:]
    # The do-now is the page's last part, followed only by the source.
    assert html.index("</article>", do_now) < html.index("</main>")
    assert html.rindex("<section", 0, html.index("</article>")) < do_now


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_index_lists_the_pages_and_the_habit_cards(client, catalog, language):
    html = client.get(url("knowledge:index", language)).content.decode()
    pages = catalog.knowledge.pages
    for slug in PAGE_SLUGS:
        assert f'href="{page_url(slug, language)}"' in html
        assert escape(pages.pages[slug].summary.get(language)) in html
    for card in pages.habits:
        assert f'href="{url("knowledge:habits", language)}#{card.key}"' in html
    assert f'href="{url("triage:start", language)}"' in html


def test_page_links_go_to_the_exercises_it_mentions(client, catalog):
    html = client.get(page_url("core-stability", "en")).content.decode()
    for link in catalog.knowledge.pages.pages["core-stability"].links:
        if link.to == "exercise":
            name = catalog.exercises[link.slug].name.en
            assert (
                f'<a href="{url("library:detail", "en", slug=link.slug)}">{escape(name)}</a>'
                in html
            )


def test_warning_signs_link_to_the_safety_check(client):
    html = client.get(page_url("golden-rules", "nl")).content.decode()
    check = url("triage:start", "nl")
    assert f'<a class="button button-primary" href="{check}">' in html
    assert "Wanneer niet trainen" in html


def test_the_muscles_page_shows_each_muscles_exercises_from_the_library(client, catalog):
    html = client.get(page_url("muscles", "nl")).content.decode()
    entries = catalog.knowledge.pages.pages["muscles"].muscles
    for entry in entries:
        start = html.index(f'id="{entry.key}"')
        card = html[start : html.index("</article>", start)]
        derived = exercises_for(entry, catalog.exercises.values())
        assert derived, entry.key
        for slug in derived:
            assert f'href="{url("library:detail", "nl", slug=slug)}"' in card
        linked = set(re.findall(r'href="/oefeningen/([a-z0-9-]+)/"', card))
        assert linked == set(derived)
        assert escape(entry.does.nl) in card
        assert 'alt="' in card and ".svg?v=" in card
    glutes = html[html.index('id="glutes"') :]
    glutes = glutes[: glutes.index("</article>")]
    assert "Clamshell" in glutes and "Dead bug" not in glutes


def test_the_habit_cards_show_text_figure_and_try_it_now(client, catalog):
    html = client.get(url("knowledge:habits", "en")).content.decode()
    for card in catalog.knowledge.pages.habits:
        start = html.index(f'id="{card.key}"')
        block = html[start : html.index("</article>", start)]
        assert escape(card.try_now.en) in block
        assert all(escape(item.en) in block for item in card.do)
        if card.figure is not None:
            assert "/figures/" + card.figure.exercise + "/thumbnail.en.svg?v=" in block
        else:
            assert "<img" not in block


def test_the_page_address_of_daily_habits_leads_to_the_habit_cards(client):
    response = client.get(url("knowledge:page", "nl", slug="daily-habits"))
    assert response.status_code == 301
    assert response["Location"] == url("knowledge:habits", "nl")


def test_only_the_six_pages_match_the_page_address():
    # The FAQ and heat-or-cold helper live under /weten/ too (help_urls, after ours).
    with pytest.raises(Resolver404):
        resolve("/weten/iets-anders/")
    assert resolve("/weten/muscles/").url_name == "page"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_muscle_drawing_is_a_cacheable_svg_with_that_muscle_lit(client, language):
    with translation.override(language):
        html = client.get(page_url("muscles", language)).content.decode()
    src = re.search(r'src="([^"]*/glutes\.svg\?v=[0-9a-f]+)"', html).group(1)
    response = client.get(src.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "immutable" in response["Cache-Control"]
    root = ET.fromstring(response.content)
    title = root.find(f"{SVG}title").text
    assert title.startswith("Bilspieren" if language == "nl" else "Glutes")
    assert re.search(rb'class="[^"]*\bhl\b', response.content)
    again = client.get(src, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    stale = client.get(src.split("?")[0] + "?v=old")
    assert stale.status_code == 200 and "immutable" not in stale["Cache-Control"]


def test_each_muscle_has_its_own_drawing(client, catalog):
    bodies = set()
    for entry in catalog.knowledge.pages.pages["muscles"].muscles:
        response = client.get(url("knowledge:muscle_figure", "nl", muscle=entry.key))
        assert response.status_code == 200
        bodies.add(response.content)
    assert len(bodies) == 5


def test_an_unknown_muscle_is_404(client):
    assert client.get(url("knowledge:muscle_figure", "nl", muscle="biceps")).status_code == 404


def test_the_pages_read_no_database_for_a_visitor(client, django_assert_num_queries):
    addresses = [url("knowledge:index", "nl"), url("knowledge:habits", "en")]
    addresses += [page_url(slug, "nl") for slug in PAGE_SLUGS]
    addresses.append(url("knowledge:muscle_figure", "en", muscle="multifidus"))
    for address in addresses:
        with django_assert_num_queries(0):
            assert client.get(address).status_code == 200, address


def test_programs_a_page_mentions_are_named_as_the_programs_call_themselves(client, catalog):
    html = client.get(page_url("sleep-recovery", "en")).content.decode()
    mentioned = html[html.index('id="mentioned-title"') : html.index('id="do-now-title"')]
    for link in catalog.knowledge.pages.pages["sleep-recovery"].links:
        if link.to == "program":
            assert escape(catalog.programs.programs[link.slug].name.en) in mentioned
