"""Bytes on the wire (issue 16): a first visit to an exercise page, with everything it
loads, stays at 30 KB or less; the library with all its thumbnails at 120 KB or less.

Measured as a browser would receive them: pages, figures and the manifest through
Django's test client with the browser's Accept-Encoding; static files from WhiteNoise
serving a real collectstatic (manifest storage, as in production), which sends the .br or
.gz copy it wrote. Every asset the page references counts once, even those a browser
might skip (the second favicon, the apple-touch icon, the reduced-motion still): an upper
bound. The service worker's own downloads after the first view are not part of the page.
"""

import gzip
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.test import Client, RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from rugcoach.content import get_catalog

KB = 1024
EXERCISE_PAGE_BUDGET = 30 * KB
LIBRARY_BUDGET = 120 * KB
# What Chrome and Firefox send over HTTPS, and what a client without brotli sends.
ACCEPT_ENCODING = {"br": "gzip, deflate, br, zstd", "gzip": "gzip, deflate"}
TEMPLATES = Path(settings.BASE_DIR) / "rugcoach" / "templates"

PRODUCTION_STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


class AssetLinks(HTMLParser):
    """Every URL a page makes the browser fetch: stylesheets, icons, the manifest,
    scripts, images and <picture> sources, objects."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        attribute = {"link": "href", "script": "src", "img": "src", "object": "data"}.get(tag)
        if tag == "source":
            attribute = "srcset"
        url = found.get(attribute) if attribute else None
        if url and not url.startswith("data:") and url not in self.urls:
            self.urls.append(url)


def asset_urls(html: bytes) -> list[str]:
    parser = AssetLinks()
    parser.feed(html.decode())
    return parser.urls


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A collectstatic of our own static files, as production runs it."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(DEBUG=False, STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES):
        # The admin's and the API docs' files (25 MB) are not on any member's page.
        call_command(
            "collectstatic",
            interactive=False,
            verbosity=0,
            ignore_patterns=["admin", "ninja", "django_otp", "otp_totp"],
        )
    return root


@pytest.fixture(scope="module")
def static_server(collected_static: Path) -> WhiteNoiseMiddleware:
    """WhiteNoise as production runs it, over that collectstatic."""
    with override_settings(DEBUG=False, STATIC_ROOT=collected_static, STORAGES=PRODUCTION_STORAGES):
        return WhiteNoiseMiddleware(lambda request: HttpResponseNotFound())


def body(response: HttpResponse) -> bytes:
    if response.streaming:
        try:
            return b"".join(response.streaming_content)  # type: ignore[arg-type]
        finally:
            # The file only: response.close() would also send request_finished, whose
            # handler touches the database connection, which these tests do not open.
            response.file_to_stream.close()  # type: ignore[attr-defined]
    return response.content


class Visit:
    """One first visit: a page and each asset it references, counted once."""

    def __init__(self, client: Client, static_server: WhiteNoiseMiddleware, accept: str):
        self.client = client
        self.static_server = static_server
        self.accept = accept
        self.sizes: dict[str, int] = {}

    def fetch(self, url: str) -> bytes:
        if url.startswith("/" + settings.STATIC_URL.lstrip("/")):
            request: HttpRequest = RequestFactory().get(url, HTTP_ACCEPT_ENCODING=self.accept)
            response = self.static_server(request)
        else:
            response = self.client.get(url, HTTP_ACCEPT_ENCODING=self.accept)
        assert response.status_code == 200, url
        data = body(response)
        self.sizes[url] = len(data)
        return data

    def page(self, url: str) -> int:
        html_response = self.client.get(url)  # the same page, uncompressed, to read its links
        for asset in asset_urls(html_response.content):
            self.fetch(asset)
        self.fetch(url)
        return self.total

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def report(self) -> str:
        lines = [f"{size:>7,} B  {url}" for url, size in self.sizes.items()]
        return "\n".join([*lines, f"{self.total:>7,} B  in all ({len(self.sizes)} responses)"])


def exercises_with_figures() -> Iterator[str]:
    for slug, exercise in get_catalog().exercises.items():
        if exercise.figure is not None:
            yield slug


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_first_visit_to_any_exercise_page_stays_within_30_kb(client, static_server, encoding):
    visits = {}
    for slug in exercises_with_figures():
        visit = Visit(client, static_server, ACCEPT_ENCODING[encoding])
        visit.page(f"/oefeningen/{slug}/")
        visits[slug] = visit
    heaviest = max(visits.values(), key=lambda visit: visit.total)
    print(f"\nheaviest exercise page, {encoding}:\n{heaviest.report()}")
    assert heaviest.total <= EXERCISE_PAGE_BUDGET, heaviest.report()
    # Compression is what keeps it there: the figures and the page arrive encoded.
    assert len(visits) >= 40


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["br", "gzip"])
@pytest.mark.parametrize("path", ["/oefeningen/", "/en/exercises/"])
def test_the_library_with_all_its_thumbnails_stays_within_120_kb(
    client, static_server, encoding, path
):
    visit = Visit(client, static_server, ACCEPT_ENCODING[encoding])
    visit.page(path)
    thumbnails = [url for url in visit.sizes if "/thumbnail." in url]
    print(f"\n{path}, {encoding}:\n{visit.report()}")
    assert len(thumbnails) >= 40, "the library shows every exercise with its thumbnail"
    assert visit.total <= LIBRARY_BUDGET, visit.report()


@pytest.mark.django_db
def test_without_compression_the_same_visit_is_several_times_larger(client, static_server):
    """The measurement measures compression: a client that accepts none gets it all raw."""
    raw = Visit(client, static_server, "identity").page("/oefeningen/bird-dog/")
    compressed = Visit(client, static_server, ACCEPT_ENCODING["br"]).page("/oefeningen/bird-dog/")
    assert raw > 3 * compressed, (raw, compressed)


# --- htmx only where it is used -------------------------------------------------------


def templates_using_htmx() -> set[str]:
    return {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "hx-get=" in path.read_text() or "hx-post=" in path.read_text()
    }


def test_every_template_that_uses_htmx_belongs_to_a_page_that_loads_it():
    """A new page with hx-* attributes must be added to HTMX_VIEWS (it would still work
    without JavaScript, but lose its in-place updates)."""
    from rugcoach.context_processors import HTMX_VIEWS

    view_of_template = {
        "library/_list_body.html": "library:list",
        "knowledge/faq.html": "knowledge:faq",
    }
    assert templates_using_htmx() == set(view_of_template), "a new template uses htmx"
    assert set(view_of_template.values()) <= HTMX_VIEWS


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "loads_htmx"),
    [
        ("/oefeningen/", True),
        ("/en/exercises/", True),
        ("/weten/vragen/", True),
        ("/oefeningen/bird-dog/", False),
        ("/", False),
        ("/mag-ik-trainen/", False),
    ],
)
def test_only_the_pages_with_live_filters_load_htmx(client, path, loads_htmx):
    response = client.get(path)
    assert response.status_code == 200, path
    assert ("vendor/htmx.min.js" in response.content.decode()) is loads_htmx


# --- static files, precompressed -------------------------------------------------------


def test_collectstatic_writes_brotli_and_gzip_copies_of_text_files(collected_static):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())["paths"]
    for name in ("css/app.css", "vendor/htmx.min.js", "training/sw-register.js"):
        hashed = collected_static / manifest[name]
        original = hashed.read_bytes()
        assert brotli.decompress(Path(f"{hashed}.br").read_bytes()) == original, name
        assert gzip.decompress(Path(f"{hashed}.gz").read_bytes()) == original, name
    # PNGs are compressed already: no copies.
    assert not (collected_static / manifest["pwa/icon-192.png"]).with_suffix(".png.br").exists()


@pytest.mark.parametrize(
    ("accept", "encoding"), [(ACCEPT_ENCODING["br"], "br"), ("gzip", "gzip"), ("", None)]
)
def test_whitenoise_sends_the_precompressed_copy_the_browser_accepts(
    collected_static, static_server, accept, encoding
):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())["paths"]
    url = f"/static/{manifest['css/app.css']}"
    response = static_server(RequestFactory().get(url, HTTP_ACCEPT_ENCODING=accept))
    data = body(response)
    assert response.status_code == 200
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response.get("Vary", "")
    assert "immutable" in response["Cache-Control"], "a hashed name is cached for good"
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding](data)
    assert decoded == (collected_static / "css" / "app.css").read_bytes()
