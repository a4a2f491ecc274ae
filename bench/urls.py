"""The project's URLs with the ceiling view in front: ``GET /bench/ceiling``.

The ceiling is the fastest any endpoint can be on this stack: a ninja view that returns
about 5 KB of constant JSON. It does no lookup and no database work, but goes through
the same gunicorn, middleware, ninja routing and JSON rendering as the real endpoints.
Only bench.settings mounts it; rugcoach/urls.py never does.
"""

from typing import Any

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI

from rugcoach.urls import urlpatterns as project_urlpatterns

ceiling_api = NinjaAPI(title="RugCoach bench", urls_namespace="bench", docs_url=None)

# Sixteen exercise-like items: about 5 KB once rendered, text that compresses like the
# real API's (no single repeated character, which gzip would squash to nothing).
CEILING_BODY: dict[str, Any] = {
    "count": 16,
    "items": [
        {
            "slug": f"bench-exercise-{number:02d}",
            "name": f"Benchmark exercise number {number}",
            "category": ("mobility", "stability", "strength", "stretch")[number % 4],
            "summary": "A constant text of about the length of a real card's summary line.",
            "dose": f"{2 + number % 3} sets of {8 + number % 5} repetitions",
            "url": f"/oefeningen/bench-exercise-{number:02d}/",
            "figure": f"/figures/bench-exercise-{number:02d}/static.nl.svg?v=1",
        }
        for number in range(16)
    ],
}


@ceiling_api.get("/ceiling")
def ceiling(request: HttpRequest) -> dict[str, Any]:
    return CEILING_BODY


urlpatterns = [path("bench/", ceiling_api.urls), *project_urlpatterns]
