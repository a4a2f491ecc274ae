"""The FAQ page (/weten/vragen/, /en/knowledge/questions/)."""

import pytest
from django.urls import reverse

from rugcoach.knowledge.help_presenters import link_url, link_view

pytestmark = pytest.mark.django_db


def test_the_faq_lists_every_question_as_a_closed_details(
    client, catalog, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(reverse("knowledge:faq"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<details class="faq-item"') == len(catalog.knowledge.faq.questions)
    assert '<details class="faq-item" id="rest-or-move">' in html  # closed without a search
    assert "Moet ik rusten of juist bewegen" in html


def test_a_search_without_javascript_shows_the_matches_opened(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("knowledge:faq"), {"q": "zwemmen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 vraag gevonden" in html
    assert '<details class="faq-item" id="walk-cycle-swim" open>' in html
    assert 'id="pregnancy"' not in html
    assert 'value="zwemmen"' in html  # the box keeps the words


def test_htmx_gets_only_the_results(client):
    response = client.get(reverse("knowledge:faq"), {"q": "hernia"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert 'id="hernia-or-lumbago"' in html
    assert "HX-Request" in response["Vary"]


def test_no_results_says_so_and_suggests_words(client):
    html = client.get(reverse("knowledge:faq"), {"q": "xylofoon"}).content.decode()
    assert "Geen vraag gevonden voor ‘xylofoon’." in html
    assert "‘hernia’" in html
    assert 'class="faq-item"' not in html
    assert f'href="{reverse("triage:start")}"' in html


def test_the_english_page_searches_in_english(client):
    response = client.get("/en/knowledge/questions/", {"q": "swimming"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "What is better for my back: walking, cycling or swimming?" in html
    assert "1 question found" in html


def test_a_too_long_search_is_a_400_that_says_what_to_fix(client):
    response = client.get(reverse("knowledge:faq"), {"q": "rug " * 40})
    assert response.status_code == 400
    assert "Gebruik hoogstens 100 tekens." in response.content.decode()


def test_every_link_resolves(catalog):
    """Each link of each answer reverses to a page (programs:detail and knowledge:page
    come from the programs and knowledge-pages branches)."""
    for question in catalog.knowledge.faq.questions:
        for link in question.links:
            assert link_url(link) is not None, f"{question.id}: {link.to}"


def test_answers_link_what_they_mention(client, catalog):
    html = client.get(reverse("knowledge:faq")).content.decode()
    cat_cow = catalog.exercises["cat-cow"].name.nl
    assert f'<a href="{reverse("library:detail", args=["cat-cow"])}">{cat_cow}</a>' in html
    assert f'<a href="{reverse("knowledge:heat")}">Warmte of kou?</a>' in html
    assert f'<a href="{reverse("library:list")}">De oefeningenbibliotheek</a>' in html


def test_when_to_see_a_doctor_shows_the_warning_signs(client, catalog):
    html = client.get(reverse("knowledge:faq"), {"q": "huisartsenpost"}).content.decode()
    answer = html.split('id="physio-or-doctor"', 1)[1]
    for sign in catalog.warnings.emergency.signs:
        assert sign.nl in answer
    assert f'href="{reverse("triage:start")}"' in answer


def test_logged_in_members_read_the_faq_too(client, member):
    client.force_login(member)
    assert client.get(reverse("knowledge:faq"), {"q": "spit"}).status_code == 200


def test_program_and_exercise_links_read_their_own_names(catalog):
    question = catalog.knowledge.faq.question("rest-or-move")
    labels = {link.to: link_view(link, catalog, "en").label for link in question.links}
    assert labels["program:recovery-7-days"] == catalog.programs.programs["recovery-7-days"].name.en
    assert labels["exercise:cat-cow"] == catalog.exercises["cat-cow"].name.en
