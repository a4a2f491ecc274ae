"""GET /api/faq: the FAQ search as JSON."""

import pytest

pytestmark = pytest.mark.django_db


def test_search_in_english_with_english_links(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/api/faq", {"q": "swimming", "lang": "en"})
    assert response.status_code == 200
    (question,) = response.json()
    assert question["id"] == "walk-cycle-swim"
    assert question["question"].startswith("What is better for my back")
    assert all(link["url"] is None or link["url"].startswith("/en/") for link in question["links"])


def test_dutch_by_default_and_every_question_without_q(client, catalog):
    body = client.get("/api/faq").json()
    assert [q["id"] for q in body] == [q.id for q in catalog.knowledge.faq.questions]
    check = next(q for q in body if q["id"] == "physio-or-doctor")
    assert check["warning_signs"] is True
    assert {"kind": "check", "label": "Mag ik trainen? (de check)", "url": "/mag-ik-trainen/"} in (
        check["links"]
    )


def test_unknown_words_give_an_empty_list(client):
    assert client.get("/api/faq", {"q": "xylofoon"}).json() == []


@pytest.mark.parametrize(("params", "field"), [({"q": "x" * 101}, "q"), ({"lang": "de"}, "lang")])
def test_bad_parameters_are_a_422_naming_the_field(client, params, field):
    response = client.get("/api/faq", params)
    assert response.status_code == 422
    assert field in str(response.json())
