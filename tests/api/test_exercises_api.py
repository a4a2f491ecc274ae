"""The exercise API: same filters and search as the pages, clear errors."""

import pytest

pytestmark = pytest.mark.django_db


def test_list_is_paginated_and_counts_everything(client, catalog):
    body = client.get("/api/exercises").json()
    assert body["count"] == len(catalog.exercises)
    assert len(body["items"]) == min(20, len(catalog.exercises))
    second = client.get("/api/exercises", {"page": 2}).json()
    assert {i["slug"] for i in second["items"]}.isdisjoint({i["slug"] for i in body["items"]})


def test_filters_and_search_match_the_page(client):
    body = client.get("/api/exercises", {"situation": "home", "q": "bird"}).json()
    assert [item["slug"] for item in body["items"]] == ["bird-dog"]


def test_repeated_filter_values_combine_with_or(client, catalog):
    def slugs(query: str) -> set[str]:
        body = client.get(f"/api/exercises?{query}").json()
        assert body["count"] == len(body["items"])
        return {item["slug"] for item in body["items"]}

    def in_category(*names: str) -> set[str]:
        return {slug for slug, e in catalog.exercises.items() if e.category.value in names}

    stability = slugs("category=stability")
    mobility = slugs("category=mobility")
    assert stability == in_category("stability") and "bird-dog" in stability
    assert mobility == in_category("mobility") and "cat-cow" in mobility
    assert slugs("category=stability&category=mobility") == stability | mobility


def test_language_parameter_switches_texts(client, catalog):
    nl = client.get("/api/exercises/cat-cow").json()
    en = client.get("/api/exercises/cat-cow", {"lang": "en"}).json()
    assert nl["steps"] == list(catalog.exercises["cat-cow"].steps.nl)
    assert en["steps"] == list(catalog.exercises["cat-cow"].steps.en)
    assert en["url"] == "/en/exercises/cat-cow/"


def test_detail_carries_dose_cautions_and_links(client):
    body = client.get("/api/exercises/bird-dog", {"lang": "en"}).json()
    assert body["dose"]["per_side"] is True
    assert body["dose"]["summary"].startswith("3 × 10 repetitions per side")
    assert body["contraindications"]
    assert all(c["reason"] for c in body["contraindications"])


def test_unknown_slug_is_a_404_json(client):
    response = client.get("/api/exercises/flying-kick")
    assert response.status_code == 404
    assert response.json() == {"detail": "Unknown exercise 'flying-kick'."}


def test_bad_filter_value_names_the_parameter_and_the_allowed_values(client):
    response = client.get("/api/exercises", {"category": "yoga"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "category"
    assert error["loc"][:2] == ["query", "category"]
    assert "'mobility'" in error["msg"] and "'recovery'" in error["msg"]


def test_bad_language_is_rejected(client):
    response = client.get("/api/exercises", {"lang": "fr"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "lang"


def test_openapi_documents_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/exercises" in schema["paths"]
    assert "/api/exercises/{slug}" in schema["paths"]
    assert client.get("/api/docs").status_code == 200
