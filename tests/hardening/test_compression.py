"""Compressed responses (issue 16): pages and JSON gzipped with Django's BREACH
mitigation kept, figures served from precompressed copies with an ETag per encoding,
downloads intact, and 304s still answered after gzip weakened an ETag."""

import gzip
import json
import re
import secrets

import brotli
import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.text import compress_string
from icalendar import Calendar

from rugcoach.compression import (
    CompressTextMiddleware,
    GzipOnce,
    PrecompressedResponse,
    accepted_encodings,
)
from rugcoach.plans.models import CalendarFeed

BROWSER = "gzip, deflate, br, zstd"
FIGURE = "/figures/bird-dog/animated.nl.svg"


def decoded(response) -> bytes:  # type: ignore[no-untyped-def]
    encoding = response.get("Content-Encoding")
    if encoding == "gzip":
        return gzip.decompress(response.content)
    if encoding == "br":
        return brotli.decompress(response.content)
    assert encoding is None, encoding
    return response.content


def vary(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


# --- pages and JSON --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_page_is_gzipped_for_a_browser_and_reads_the_same(client):
    plain = client.get("/oefeningen/bird-dog/")
    packed = client.get("/oefeningen/bird-dog/", HTTP_ACCEPT_ENCODING=BROWSER)
    assert plain.get("Content-Encoding") is None
    assert packed["Content-Encoding"] == "gzip"
    assert len(packed.content) < len(plain.content) / 2
    assert "accept-encoding" in vary(packed)
    # Only the masked CSRF token differs between two renderings of the page.
    mask = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert mask.sub(b"", decoded(packed)) == mask.sub(b"", plain.content)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/oefeningen/bird-dog/"], ids=["home", "shared-page"])
def test_the_gzip_of_a_page_keeps_djangos_breach_mitigation(client, member, path):
    """Django 5.2 puts a random file name of up to 100 bytes in each gzip header, so a
    page's compressed length does not reveal a secret in it; the CSRF token in a member's
    language form is masked differently per response as well. A visitor's page holds no
    token, and one shared between visitors (its gzip made once) still gets the random
    name per response."""
    visitor = [client.get(path, HTTP_ACCEPT_ENCODING="gzip").content for _ in range(6)]
    assert b"csrfmiddlewaretoken" not in gzip.decompress(visitor[0])
    client.force_login(member)
    mine = [client.get(path, HTTP_ACCEPT_ENCODING="gzip").content for _ in range(6)]
    for bodies in (visitor, mine):
        assert all(body[:2] == b"\x1f\x8b" for body in bodies)
        assert all(body[3] & gzip.FNAME for body in bodies), "no random file name in the header"
        assert len({len(body) for body in bodies}) > 1, "every response has the same length"
    assert len({gzip.decompress(body) for body in visitor}) == 1  # the same page each time
    tokens = {
        re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', gzip.decompress(b)).group(1)
        for b in mine
    }
    assert len(tokens) == len(mine)


@pytest.mark.django_db
def test_the_json_api_is_gzipped(client):
    plain = client.get("/api/exercises")
    packed = client.get("/api/exercises", HTTP_ACCEPT_ENCODING=BROWSER)
    assert plain.status_code == packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert json.loads(decoded(packed)) == json.loads(plain.content)


@pytest.mark.django_db
def test_a_client_that_accepts_no_compression_gets_plain_bytes(client):
    for path in ("/oefeningen/", "/api/exercises", FIGURE):
        response = client.get(path, HTTP_ACCEPT_ENCODING="identity")
        assert response.status_code == 200, path
        assert response.get("Content-Encoding") is None, path


PAGE = "<li>Bird dog: op handen en knieën, arm en been om en om.</li>\n".encode() * 200


@pytest.mark.parametrize("name_length", [0, 1, 57, 99])
def test_a_stream_made_once_is_djangos_gzip_to_the_byte(monkeypatch, name_length):
    """A shared page is deflated once; each response gets the random file name Django's
    compress_string would have given it, so its bytes are Django's."""
    once = GzipOnce.of(PAGE)
    monkeypatch.setattr(secrets, "randbelow", lambda _limit: name_length)
    assert once.with_random_name(100) == compress_string(PAGE, max_random_bytes=100)


def compressed_by_the_middleware(response, accept: str = "gzip"):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=accept)
    return CompressTextMiddleware(lambda _request: response)(request)


def test_the_middleware_sends_a_precompressed_page_from_its_stream():
    once = GzipOnce.of(PAGE)
    response = compressed_by_the_middleware(PrecompressedResponse(once, content_type="text/html"))
    assert response["Content-Encoding"] == "gzip"
    assert response.content[10:].endswith(once.deflated[10:])  # the stream made once
    assert gzip.decompress(response.content) == PAGE
    assert response["Content-Length"] == str(len(response.content))
    assert "accept-encoding" in vary(response)
    plain = compressed_by_the_middleware(
        PrecompressedResponse(once, content_type="text/html"), accept="identity"
    )
    assert plain.get("Content-Encoding") is None and plain.content == PAGE
    assert "accept-encoding" in vary(plain)


def test_a_precompressed_page_changed_on_the_way_is_compressed_from_what_it_says():
    """The stream is used only while the body is still the one it was made of."""
    response = PrecompressedResponse(GzipOnce.of(PAGE), content_type="text/html")
    response.content = PAGE.replace(b"Bird dog", b"Kat-koe")
    sent = compressed_by_the_middleware(response)
    assert sent["Content-Encoding"] == "gzip"
    assert gzip.decompress(sent.content) == PAGE.replace(b"Bird dog", b"Kat-koe")


# --- downloads -------------------------------------------------------------------------


@pytest.mark.django_db
def test_pdfs_are_sent_as_they_are(client):
    """A PDF is compressed inside already: gzip would only spend CPU on it."""
    response = client.get("/oefenposter.pdf?size=A4", HTTP_ACCEPT_ENCODING=BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.get("Content-Encoding") is None
    assert response.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_calendar_feed_is_gzipped_and_still_a_calendar(client, member_with_plan):
    feed = CalendarFeed.objects.create(member=member_with_plan, kind="sessions")
    response = client.get(f"/agenda/{feed.token}.ics", HTTP_ACCEPT_ENCODING=BROWSER)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    calendar = Calendar.from_ical(decoded(response))
    assert calendar.walk("VEVENT"), "the feed lost its sessions"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_the_data_export_downloads_whole_when_gzipped(client, member_with_plan):
    client.force_login(member_with_plan)
    path = reverse("privacy:export_json")
    response = client.get(path, HTTP_ACCEPT_ENCODING=BROWSER)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "attachment" in response["Content-Disposition"]
    packed = json.loads(decoded(response))
    plain = json.loads(client.get(path).content)
    packed.pop("exported_at"), plain.pop("exported_at")  # the moment of each download
    assert packed == plain


# --- figures ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "encoding"),
    [(BROWSER, "br"), ("gzip, deflate", "gzip"), ("br;q=0, gzip", "gzip"), ("", None)],
)
def test_a_figure_comes_precompressed_in_the_best_encoding_the_browser_takes(
    client, accept, encoding
):
    plain = client.get(FIGURE)
    response = client.get(FIGURE, HTTP_ACCEPT_ENCODING=accept)
    assert response.status_code == 200
    assert response.get("Content-Encoding") == encoding
    assert response["Content-Type"] == "image/svg+xml"
    assert decoded(response) == plain.content
    assert "accept-encoding" in vary(response)
    if encoding:
        # The animated figure: 63 KB as it is, 5 KB gzipped, less with brotli.
        assert len(response.content) < len(plain.content) / 8


@pytest.mark.django_db
def test_each_encoding_of_a_figure_has_its_own_etag_and_304(client):
    tags = {}
    for accept in ("", "gzip", BROWSER):
        response = client.get(FIGURE, HTTP_ACCEPT_ENCODING=accept)
        tags[accept] = response["ETag"]
        again = client.get(FIGURE, HTTP_ACCEPT_ENCODING=accept, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304, accept
        assert again["ETag"] == response["ETag"]
        assert again.content == b""
    assert len(set(tags.values())) == 3, tags
    # A cache holding the gzip copy must not get a 304 for a brotli request.
    other = client.get(FIGURE, HTTP_ACCEPT_ENCODING=BROWSER, HTTP_IF_NONE_MATCH=tags["gzip"])
    assert other.status_code == 200 and other["Content-Encoding"] == "br"


@pytest.mark.django_db
def test_a_figure_is_compressed_once_not_per_request(client):
    from rugcoach.library.figures import figure_svg_copies

    figure_svg_copies.cache_clear()
    for _ in range(3):
        client.get(FIGURE, HTTP_ACCEPT_ENCODING=BROWSER)
    info = figure_svg_copies.cache_info()
    assert (info.misses, info.hits) == (1, 2)


@pytest.mark.django_db
@pytest.mark.parametrize(("accept", "encoding"), [(BROWSER, "br"), ("gzip", "gzip"), ("", None)])
def test_a_muscle_drawing_comes_precompressed_with_an_etag_per_encoding(client, accept, encoding):
    from rugcoach.knowledge.presenters import muscle_figure_svg_copies

    path = reverse("knowledge:muscle_figure", kwargs={"muscle": "glutes"})
    plain = client.get(path)
    muscle_figure_svg_copies.cache_clear()
    response = client.get(path, HTTP_ACCEPT_ENCODING=accept)
    assert response.get("Content-Encoding") == encoding
    assert decoded(response) == plain.content
    assert "accept-encoding" in vary(response)
    again = client.get(path, HTTP_ACCEPT_ENCODING=accept, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    # A browser that sent the tag back as a weak one (W/"…") is answered as well.
    weak = client.get(path, HTTP_ACCEPT_ENCODING=accept, HTTP_IF_NONE_MATCH=f"W/{response['ETag']}")
    assert weak.status_code == 304
    if encoding:
        assert response["ETag"] != plain["ETag"], "a cache must not mix up the encodings"
        # Compressed once, when first asked, not again for the next requests.
        assert muscle_figure_svg_copies.cache_info().misses == 1


# --- Accept-Encoding -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("", set()),
        ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
        ("GZIP;q=0.5, br;q=0", {"gzip"}),
        ("*", {"br", "gzip", "*"}),
        ("*, br;q=0", {"gzip", "*"}),
        ("br;q=nonsense", set()),
    ],
)
def test_accept_encoding_is_read_with_its_quality_values(header, accepted):
    assert accepted_encodings(header) == accepted


@pytest.mark.django_db
def test_a_client_that_refuses_gzip_gets_no_gzip(client):
    """Django's middleware only looks for the word "gzip"; "gzip;q=0" says no."""
    refused = client.get("/oefeningen/", headers={"Accept-Encoding": "gzip;q=0, deflate"})
    assert refused.status_code == 200 and "Content-Encoding" not in refused
    assert "Accept-Encoding" in refused["Vary"]
    accepted = client.get("/oefeningen/", headers={"Accept-Encoding": "gzip"})
    assert accepted["Content-Encoding"] == "gzip"
