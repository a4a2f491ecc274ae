"""The benchmark's ceiling view: only bench.settings mounts it, and it passes through the
project's middleware like every real endpoint (so its share of the ceiling is fair)."""

import json

import pytest


@pytest.mark.django_db
def test_the_project_does_not_serve_the_ceiling(client):
    assert client.get("/bench/ceiling").status_code == 404


@pytest.mark.django_db
def test_the_bench_urls_serve_5_kb_of_json_through_the_project_middleware(client, settings):
    settings.ROOT_URLCONF = "bench.urls"
    response = client.get("/bench/ceiling")
    assert response.status_code == 200
    assert 4_500 <= len(response.content) <= 5_500
    assert len(json.loads(response.content)["items"]) == 16
    # Headers that the project's own middleware adds (security, CSP, clickjacking).
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert response.headers["X-Frame-Options"] == "DENY"
    # The project's endpoints are still there under the bench's URLs.
    assert client.get("/api/exercises?lang=nl").status_code == 200
