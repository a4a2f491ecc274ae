"""The library pages as a member uses them, in Dutch and English, with and without htmx."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_library_lists_every_exercise_in_dutch(client, catalog):
    response = client.get("/oefeningen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Oefeningen voor je onderrug" in html
    assert f"{len(catalog.exercises)} oefeningen gevonden" in html
    for exercise in catalog.exercises.values():
        assert escape(exercise.name.nl) in html


def test_english_library_lives_under_en(client):
    response = client.get("/en/exercises/")
    assert response.status_code == 200
    assert "Exercises for your lower back" in response.content.decode()
    assert '<html lang="en">' in response.content.decode()


def test_filters_work_as_a_plain_get_form(client):
    response = client.get("/oefeningen/", {"situation": "home", "category": "stability"})
    html = response.content.decode()
    assert "Bird dog" in html and "2 oefeningen gevonden" in html  # bird dog and dead bug
    assert "Cat-cow" not in html and "Kat-koe" not in html
    home = re.search(r'<input[^>]*name="situation" value="home"[^>]*>', html).group(0)
    assert "checked" in home  # the form shows the filter that is on
    assert html.count("checked") == 2  # and only the two that are on


def test_search_matches_dutch_aliases_without_accents(client):
    html = client.get("/oefeningen/", {"q": "kat koe"}).content.decode()
    assert "1 oefening gevonden" in html
    assert reverse("library:detail", args=["cat-cow"]) in html


def test_htmx_request_gets_only_the_results(client):
    response = client.get("/oefeningen/", {"q": "bird"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Bird dog" in html
    assert "HX-Request" in response["Vary"]


def test_unknown_filter_value_says_what_to_fix(client):
    response = client.get("/oefeningen/", {"category": "yoga"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een paar filters konden we niet gebruiken" in html
    assert "&#x27;yoga&#x27; bestaat niet als keuze" in html


def test_search_for_a_harmful_exercise_shows_the_warning_and_alternatives(client):
    html = client.get("/oefeningen/", {"q": "crunches"}).content.decode()
    assert "liever niet" in html
    assert reverse("library:detail", args=["dead-bug"]) in html


def test_detail_page_shows_everything_a_member_needs(client, catalog):
    exercise = catalog.exercises["bird-dog"]
    html = client.get("/oefeningen/bird-dog/").content.decode()
    assert escape(exercise.goal.nl) in html
    for step in exercise.steps.nl:
        assert escape(step) in html
    assert escape(exercise.breathing.nl) in html
    assert "3 × 10 herhalingen per kant" in html
    assert "Niet doen bij" in html


def test_detail_page_in_english(client, catalog):
    exercise = catalog.exercises["bird-dog"]
    html = client.get("/en/exercises/bird-dog/").content.decode()
    assert escape(exercise.steps.en[0]) in html
    assert "3 × 10 repetitions per side" in html


def test_detail_links_to_progressions_in_the_same_language(client, catalog):
    with_links = next(e for e in catalog.exercises.values() if any(r.slug for r in e.progressions))
    target = next(r.slug for r in with_links.progressions if r.slug)
    html = client.get(f"/en/exercises/{with_links.slug}/").content.decode()
    assert f'href="/en/exercises/{target}/"' in html


def test_not_advised_page_explains_and_offers_alternatives(client, catalog):
    entry = catalog.not_advised["crunches"]
    html = client.get("/oefeningen/liever-niet/crunches/").content.decode()
    assert escape(entry.why.nl) in html
    for slug in entry.instead:
        assert f'href="/oefeningen/{slug}/"' in html


def test_unknown_exercise_is_404(client):
    assert client.get("/oefeningen/does-not-exist/").status_code == 404


@pytest.mark.parametrize("path", ["/oefeningen/", "/oefeningen/bird-dog/", "/en/exercises/"])
def test_pages_use_a_fixed_number_of_queries(client, django_assert_num_queries, path):
    """Anonymous library pages come from the content files: exactly no queries."""
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200


def test_pages_load_nothing_from_elsewhere(client):
    response = client.get("/oefeningen/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html


def test_every_exercise_page_renders_in_both_languages(client, catalog):
    for slug in catalog.exercises:
        for language in ("nl", "en"):
            with translation.override(language):
                url = reverse("library:detail", args=[slug])
            assert client.get(url).status_code == 200, url
