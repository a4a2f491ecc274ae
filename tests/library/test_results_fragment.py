"""The results of /oefeningen/ are rendered once per (language, filters) and shared: the
second request must still show the right results, in its own language, and nothing of
the visitor (CSRF token, menu) may end up in the shared part (issue 16)."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from rugcoach.library import figures, presenters

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def results_of(page: str) -> str:
    """The content of <div id="results"> on a whole page."""
    found = re.search(r'<div id="results" aria-live="polite">\n  (.*?)\n</div>', page, re.S)
    assert found, "no results section"
    return found.group(1)


@pytest.mark.parametrize(
    ("url", "count", "found"),
    [
        ("/oefeningen/", "1 oefening gevonden", "Kat-koe"),
        ("/en/exercises/", "1 exercise found", "Cat-cow"),
    ],
)
def test_a_search_shows_its_results_again_from_the_shared_fragment(client, url, count, found):
    for _ in range(2):  # the second request is served from the shared fragment
        page = client.get(url, {"q": "kat koe"}).content.decode()
        partial = client.get(url, {"q": "kat koe"}, headers=HTMX)
        assert partial.status_code == 200
        html = partial.content.decode()
        assert count in html and found in html
        assert results_of(page) == html
        assert "csrfmiddlewaretoken" not in html and "csrf" not in html.lower()
    # A visitor's whole page holds no token either: their language switch is links.
    assert "csrfmiddlewaretoken" not in page


def test_each_language_and_query_has_its_own_results(client, catalog):
    dutch = client.get("/oefeningen/", {"q": "brug"}, headers=HTMX).content.decode()
    english = client.get("/en/exercises/", {"q": "brug"}, headers=HTMX).content.decode()
    everything = client.get("/oefeningen/", headers=HTMX).content.decode()
    assert escape(catalog.exercises["glute-bridge"].name.nl) in dutch
    assert "/oefeningen/glute-bridge/" in dutch and "/en/" not in dutch
    assert escape(catalog.exercises["glute-bridge"].name.en) in english
    assert "/en/exercises/glute-bridge/" in english
    assert f"{len(catalog.exercises)} oefeningen gevonden" in everything
    # A search for an exercise we advise against: the warning and its safer choices.
    crunches = client.get("/en/exercises/", {"q": "crunches"}, headers=HTMX).content.decode()
    assert "/en/exercises/not-advised/crunches/" in crunches and "better not" in crunches


def test_the_htmx_results_answer_if_none_match_with_304(client):
    first = client.get("/oefeningen/", {"q": "bird"}, headers=HTMX)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/oefeningen/", {"q": "bird"}, headers={**HTMX, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert "HX-Request" in again["Vary"]
    english = client.get("/en/exercises/", {"q": "bird"}, headers=HTMX)
    other = client.get("/oefeningen/", {"q": "kat"}, headers=HTMX)
    assert len({etag, english["ETag"], other["ETag"]}) == 3
    assert (
        client.get("/oefeningen/", {"q": "kat"}, headers={**HTMX, "If-None-Match": etag})["ETag"]
        == other["ETag"]
    )


def test_the_whole_page_has_no_shared_etag(client):
    """It carries a CSRF token and the visitor's menu; a shared tag would not cover them."""
    response = client.get("/oefeningen/", {"q": "bird"})
    assert response.status_code == 200 and "ETag" not in response


def test_bad_filters_still_say_what_to_fix_and_get_no_etag(client):
    client.get("/oefeningen/", headers=HTMX)  # the unfiltered results are now shared
    page = client.get("/oefeningen/", {"category": "yoga"})
    assert page.status_code == 400
    assert "&#x27;yoga&#x27; bestaat niet als keuze" in page.content.decode()
    partial = client.get("/oefeningen/", {"category": "yoga"}, headers=HTMX)
    assert partial.status_code == 400 and "ETag" not in partial


def test_a_member_and_a_visitor_each_see_their_own_menu_around_shared_results(client, member):
    visitor = client.get("/oefeningen/", {"q": "bird"}).content.decode()
    client.force_login(member)
    mine = client.get("/oefeningen/", {"q": "bird"}).content.decode()
    client.logout()
    visitor_again = client.get("/oefeningen/", {"q": "bird"}).content.decode()
    assert "Mijn account" in mine and "Inloggen" not in mine.split('id="results"')[0]
    assert "Mijn account" not in visitor_again and "Inloggen" in visitor_again
    assert results_of(visitor) == results_of(mine) == results_of(visitor_again)


def test_pages_do_not_present_the_exercises_again(client, monkeypatch):
    calls: list[str] = []

    def counting(original):  # type: ignore[no-untyped-def]
        def reverse(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(args[0])
            return original(*args, **kwargs)

        return reverse

    monkeypatch.setattr(presenters, "reverse", counting(presenters.reverse))
    monkeypatch.setattr(figures, "reverse", counting(figures.reverse))
    client.get("/oefeningen/")
    client.get("/oefeningen/bird-dog/")
    calls.clear()
    for params in ({"q": "kat"}, {"situation": "home"}, {}):
        assert client.get("/oefeningen/", params).status_code == 200
    assert client.get("/oefeningen/bird-dog/").status_code == 200
    assert calls == []


@pytest.mark.parametrize(
    "params",
    [
        {"situation": "home", "category": ["mobility", "stability"]},
        {"category": ["yoga", "mobility"]},
    ],
)
def test_the_written_out_checkboxes_are_the_widgets_own(client, catalog, params):
    """list.html writes each box out for speed; it must stay what Django's widget renders
    (checked, aria-invalid on a field with an error)."""
    from django.http import QueryDict

    from rugcoach.library.forms import ExerciseFilterForm

    query = QueryDict(mutable=True)
    for name, value in params.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    form = ExerciseFilterForm(query, vocabulary=catalog.vocabulary, language="nl")
    form.is_valid()
    page = client.get("/oefeningen/", query).content.decode()
    boxes = [choice.tag() for name in ("category", "situation", "muscle") for choice in form[name]]
    assert any("checked" in box for box in boxes)
    for box in boxes:
        assert box in page


def test_the_filters_keep_what_each_visitor_chose_when_the_page_is_shared(client):
    """The page below its title is rendered once per query string: a second visitor with
    the same filters gets the same boxes ticked, one with other filters their own, and a
    bad filter is never stored (its message is for that request only)."""
    home = client.get("/oefeningen/", {"situation": "home", "q": "brug"}).content.decode()
    other = client.get("/oefeningen/", {"situation": "gym"}).content.decode()
    home_again = client.get("/oefeningen/", {"q": "brug", "situation": "home"}).content.decode()
    checked = re.compile(r'value="(\w+)" id="id_situation_\d+"[^>]* checked')
    assert checked.findall(home) == checked.findall(home_again) == ["home"]
    assert checked.findall(other) == ["gym"]
    assert 'value="brug"' in home_again and 'value="brug"' not in other
    bad = client.get("/oefeningen/", {"situation": "moon"})
    assert bad.status_code == 400 and "moon" in bad.content.decode()
    good = client.get("/oefeningen/").content.decode()
    assert "moon" not in good and "form-errors" not in good
    assert "csrfmiddlewaretoken" not in home.split('<form class="filters"')[1].split("</form>")[0]


def test_an_exercise_page_shared_between_visitors_shows_each_their_own_menu(client, member):
    """The exercise below the menu is rendered once per language and shared; the menu and
    the language switch (with its CSRF token) stay each visitor's own."""
    visitor = client.get("/oefeningen/bird-dog/").content.decode()
    english = client.get("/en/exercises/bird-dog/").content.decode()
    client.force_login(member)
    mine = client.get("/oefeningen/bird-dog/").content.decode()

    def article(page: str) -> str:
        return page.split('<main id="main"')[1].split("</main>")[0]

    assert article(visitor) == article(mine)
    assert "Bird dog" in article(english) and "Hoeveel" not in article(english)
    assert "csrf" not in article(mine).lower()
    assert "Mijn account" in mine and "Inloggen" in visitor


def test_other_parameters_do_not_fill_the_shared_pages(client, catalog):
    """A tracking tag changes nothing shown, so it shares the stored page."""
    from rugcoach.library.views import _list_bodies

    client.get("/oefeningen/", {"q": "brug"})
    stored = len(_list_bodies(catalog))
    for n in range(20):
        assert client.get("/oefeningen/", {"q": "brug", "utm": str(n)}).status_code == 200
    assert len(_list_bodies(catalog)) == stored
