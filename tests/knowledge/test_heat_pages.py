"""The heat-or-cold page (/weten/warmte-of-kou/, /en/knowledge/heat-or-cold/)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CALM_STIFF = {
    "state": "stiff",
    "inflammation": "no",
    "duration": "days",
    "skin": "normal",
    "preference": "warm",
}


def test_the_empty_form_asks_the_questions(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("knowledge:heat"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Is de huid op de pijnlijke plek rood, gezwollen of warm, of heb je koorts?" in html
    assert html.count('type="radio"') == 2 + 2 + 3 + 3 + 2
    assert 'id="advice"' not in html and "form-errors" not in html


def test_answers_give_heat_with_how_long_what_not_to_do_and_why(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("knowledge:heat"), CALM_STIFF)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section class="heat-advice heat-heat" id="advice"' in html
    assert "15 tot 20 minuten per keer" in html
    assert "Wat je beter niet doet" in html
    assert "Geen warmte op een plek die je minder goed voelt." in html
    assert "Bij stijfheid of spanning ontspant warmte je spieren" in html
    assert "Guide §9.3" in html  # the sources
    # The answers stay ticked, to change one and ask again.
    assert re.search(r'value="stiff"[^>]*checked', html)
    assert not re.search(r'value="flare"[^>]*checked', html)


def test_inflammation_signs_show_the_safety_check_card(client):
    response = client.get(reverse("knowledge:heat"), {**CALM_STIFF, "inflammation": "yes"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section class="heat-advice heat-safety" id="advice"' in html
    assert "Doe nu eerst de check" in html
    assert f'href="{reverse("triage:start")}"' in html
    assert "15 tot 20 minuten" not in html  # no heat advice at all


def test_reduced_skin_feeling_gives_no_heat(client):
    html = client.get(
        reverse("knowledge:heat"), {**CALM_STIFF, "skin": "reduced-known"}
    ).content.decode()
    assert "heat-neither" in html
    assert "Geen warmte en geen kou op die plek" in html


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"state": "flare"}, "Is de huid op de pijnlijke plek rood"),
        ({**CALM_STIFF, "state": "boiling"}, "&#x27;boiling&#x27; is geen antwoord op deze vraag"),
        ({**CALM_STIFF, "duration": ""}, "Hoe lang heb je deze klachten al?"),
    ],
)
def test_missing_or_invalid_answers_are_a_400_naming_the_question(client, params, named):
    response = client.get(reverse("knowledge:heat"), params)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nog niet alles is ingevuld:" in html
    assert named in html
    assert 'id="advice"' not in html


def test_english(client):
    response = client.get("/en/knowledge/heat-or-cold/", {**CALM_STIFF, "preference": "cold"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "10 to 15 minutes at a time, no longer." in html
    assert "What not to do" in html
