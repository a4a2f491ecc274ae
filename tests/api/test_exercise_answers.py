"""The exercise API's answers are built once and revalidated with an ETag (issue 16)."""

from __future__ import annotations

import pytest

from rugcoach.library import figures, presenters

pytestmark = pytest.mark.django_db


def test_an_answer_carries_a_weak_etag_and_may_be_kept_briefly(client):
    response = client.get("/api/exercises", {"lang": "nl"})
    assert response.status_code == 200
    etag = response["ETag"]
    # Weak from the start: compressed or not, the 200 and its 304 carry the same tag.
    assert etag.startswith('W/"') and etag.endswith('"'), "a weak validator"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    "url", ["/api/exercises?lang=nl", "/api/exercises?lang=en&page=2", "/api/exercises/bird-dog"]
)
def test_if_none_match_gives_304_without_a_body(client, url):
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    # A 304 keeps the stored answer's type and says it varies with the encoding.
    assert "Content-Type" not in again and "Accept-Encoding" in again["Vary"]
    # The comparison is weak: the same tag sent strong, in a list, matches too.
    strong = first["ETag"].removeprefix("W/")
    weak = client.get(url, headers={"If-None-Match": f'"other", {strong}'})
    assert weak.status_code == 304
    stale = client.get(url, headers={"If-None-Match": '"not-this-one"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_language_filters_and_page_each_have_their_own_answer(client, catalog):
    nl = client.get("/api/exercises", {"lang": "nl"})
    en = client.get("/api/exercises", {"lang": "en"})
    page_two = client.get("/api/exercises", {"lang": "nl", "page": 2})
    mobility = client.get("/api/exercises", {"lang": "nl", "category": "mobility"})
    etags = {r["ETag"] for r in (nl, en, page_two, mobility)}
    assert len(etags) == 4

    names = {item["slug"]: item["name"] for item in en.json()["items"]}
    assert names == {slug: catalog.exercises[slug].name.en for slug in names}
    assert all(item["url"].startswith("/en/exercises/") for item in en.json()["items"])
    assert {i["slug"] for i in page_two.json()["items"]}.isdisjoint(
        {i["slug"] for i in nl.json()["items"]}
    )
    assert {i["category"]["id"] for i in mobility.json()["items"]} == {"mobility"}

    detail_nl = client.get("/api/exercises/cat-cow")
    detail_en = client.get("/api/exercises/cat-cow", {"lang": "en"})
    assert detail_nl["ETag"] != detail_en["ETag"]
    assert detail_en.json()["steps"] == list(catalog.exercises["cat-cow"].steps.en)
    assert client.get("/api/exercises/bird-dog")["ETag"] != detail_nl["ETag"]


def test_the_same_filters_in_another_order_share_one_answer(client):
    one = client.get("/api/exercises?category=mobility&category=stability&category=mobility")
    other = client.get("/api/exercises?category=stability&category=mobility")
    assert one["ETag"] == other["ETag"] and one.content == other.content


def test_bad_input_is_still_refused_naming_the_field(client):
    valid = client.get("/api/exercises")
    response = client.get(
        "/api/exercises", {"category": "yoga"}, headers={"If-None-Match": valid["ETag"]}
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "category"
    assert "ETag" not in response
    bad_page = client.get("/api/exercises", {"page": 0})
    assert bad_page.status_code == 422 and bad_page.json()["detail"][0]["field"] == "page"
    for _ in range(2):  # an unknown exercise is never stored as an answer
        missing = client.get("/api/exercises/flying-kick")
        assert missing.status_code == 404
        assert missing.json() == {"detail": "Unknown exercise 'flying-kick'."}


@pytest.fixture
def reverse_calls(monkeypatch):
    """Counts the reverse() calls made to present exercises (their own and figure URLs)."""
    calls: list[str] = []

    def counting(original):  # type: ignore[no-untyped-def]
        def reverse(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(args[0])
            return original(*args, **kwargs)

        return reverse

    monkeypatch.setattr(presenters, "reverse", counting(presenters.reverse))
    monkeypatch.setattr(figures, "reverse", counting(figures.reverse))
    return calls


def test_a_list_request_does_not_rebuild_the_cards(client, catalog, reverse_calls):
    client.get("/api/exercises", {"lang": "nl"})
    # The first request presents every card once: the exercise's URL and three figures.
    assert 0 < len(reverse_calls) <= 4 * len(catalog.exercises)
    client.get("/api/exercises/bird-dog")
    reverse_calls.clear()
    # Another page, other filters, a search: the cards were built, only picked now.
    for params in ({"page": 2}, {"page": 3}, {"situation": "home"}, {"q": "brug"}):
        assert client.get("/api/exercises", params).status_code == 200
    assert client.get("/api/exercises/bird-dog").status_code == 200
    assert client.get("/api/exercises/bird-dog", {"lang": "nl"}).status_code == 200
    assert reverse_calls == []
