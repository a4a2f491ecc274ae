"""Compressed responses: gzip for pages and API answers, precompressed copies for figures.

Pages and JSON go through ``CompressTextMiddleware`` (Django's GZipMiddleware, which keeps
its BREACH mitigation: random bytes in each gzip header, so a page's compressed length
does not give away a secret in it; CSRF tokens are also masked per request). Figures,
which carry no secret, are compressed once per version and served as they are
(``encoded_copies``, ``negotiated_encoding``). A page shared by every visitor
(``rugcoach.shared_pages``) is deflated once too, and gets its random file name per
response (``GzipOnce``), so its gzip is Django's to the byte. Static files come
precompressed from WhiteNoise (gzip and brotli, written by collectstatic).
"""

import gzip
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

try:  # brotli is a dependency (pyproject.toml); without it figures fall back to gzip.
    import brotli
except ImportError:  # pragma: no cover - exercised only where brotli is missing
    brotli = None

IDENTITY = "identity"
# A drawing's versioned URL never changes content: browsers may keep it for a year.
DRAWING_MAX_AGE = 60 * 60 * 24 * 365
# Our preference when a client accepts several: brotli makes the smallest files.
PREFERRED_ENCODINGS = ("br", "gzip")

# Content types worth compressing: text of any kind, JSON, SVG, JavaScript, the web app
# manifest, the calendar feed. PDFs and PNGs are compressed inside already: gzip would
# only spend CPU on them.
COMPRESSIBLE_TYPE = re.compile(
    r"^(text/|application/(json|javascript|manifest\+json|xml)|image/svg\+xml)", re.IGNORECASE
)


@dataclass(frozen=True)
class GzipOnce:
    """Some bytes and their gzip stream, made once, as Django's ``compress_string`` makes
    it (level 6, no time stamp), without the file name that it adds per response."""

    plain: bytes
    deflated: bytes

    @classmethod
    def of(cls, plain: bytes) -> "GzipOnce":
        return cls(plain, gzip.compress(plain, compresslevel=6, mtime=0))

    def with_random_name(self, max_random_bytes: int) -> bytes:
        """The stream with a file name of 0 to ``max_random_bytes`` - 1 bytes in its
        header: Django's BREACH mitigation (``django.utils.text.compress_string``), so two
        responses with the same body still differ in length."""
        header = bytearray(self.deflated[:10])
        header[3] = gzip.FNAME
        name = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
        return bytes(header) + name + self.deflated[10:]


class PrecompressedResponse(HttpResponse):
    """A page whose body comes with its gzip stream made ahead (``GzipOnce``): the
    middleware adds the per-response file name instead of compressing it again."""

    def __init__(self, once: GzipOnce, **kwargs: Any) -> None:
        super().__init__(once.plain, **kwargs)
        self.gzip_once = once


class CompressTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for text responses only.

    Everything else is Django's: it skips responses under 200 bytes, responses that
    already have a Content-Encoding (the precompressed figures) and clients that do not
    accept gzip; it adds ``Vary: Accept-Encoding``, turns a strong ETag into a weak one
    (compare with ``etag_matches``), and compresses streaming responses (the calendar
    feed, the data export) chunk by chunk. A ``PrecompressedResponse`` whose body is
    still the one its stream was made of is sent from that stream.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not COMPRESSIBLE_TYPE.match(response.get("Content-Type", "")):
            return response
        # Django's own check only looks for the word "gzip"; "gzip;q=0" refuses it.
        if "gzip" not in accepted_encodings(request.headers.get("Accept-Encoding", "")):
            patch_vary_headers(response, ["Accept-Encoding"])
            return response
        if (
            isinstance(response, PrecompressedResponse)
            and not response.has_header("Content-Encoding")
            # Nothing between the view and here may have changed the body; if something
            # did, the stream is of other bytes and Django compresses the body itself.
            and response.content == response.gzip_once.plain
        ):
            return self._send_precompressed(response, response.gzip_once)
        return super().process_response(request, response)

    def _send_precompressed(self, response: HttpResponse, once: GzipOnce) -> HttpResponse:
        # What Django's process_response does, in its order, with the stream made ahead.
        if len(once.plain) < 200:
            return response
        patch_vary_headers(response, ["Accept-Encoding"])
        compressed = once.with_random_name(self.max_random_bytes)
        if len(compressed) >= len(once.plain):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response


def encoded_copies(data: bytes) -> dict[str, bytes]:
    """``data`` as it is and compressed in every encoding we can make, at the highest
    level: this runs once per cached item, not per request."""
    copies = {IDENTITY: data, "gzip": gzip.compress(data, compresslevel=9, mtime=0)}
    if brotli is not None:
        copies["br"] = brotli.compress(data, mode=brotli.MODE_TEXT)
    return copies


def accepted_encodings(accept_encoding: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (``q=0`` refuses one)."""
    accepted: set[str] = set()
    refused: set[str] = set()
    for item in accept_encoding.split(","):
        name, *params = (part.strip() for part in item.split(";"))
        if not name:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        (accepted if quality > 0 else refused).add(name.lower())
    if "*" in accepted:
        accepted |= {coding for coding in PREFERRED_ENCODINGS if coding not in refused}
    return accepted - refused


def negotiated_encoding(request: HttpRequest, available: Mapping[str, bytes]) -> str:
    """The best encoding of ``available`` the request accepts, else the plain bytes."""
    accepted = accepted_encodings(request.headers.get("Accept-Encoding", ""))
    for coding in PREFERRED_ENCODINGS:
        if coding in accepted and coding in available:
            return coding
    return IDENTITY


def etag_matches(request: HttpRequest, etag: str) -> bool:
    """Whether If-None-Match names ``etag``, compared weakly (RFC 9110 §13.1.2).

    A browser sends back the ETag as it received it, and a response that went through
    the gzip middleware carried it as ``W/"…"``: an exact string comparison would
    never answer 304 again.
    """
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    wanted = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == wanted for tag in parse_etags(header))


def drawing_response(
    request: HttpRequest, copies: Mapping[str, bytes], *, tag: str, version: str
) -> HttpResponse:
    """An SVG drawing (an exercise figure, a muscle) from its ``encoded_copies``: the best
    encoding the request takes, one ETag per encoding (``tag`` plus the encoding, so a
    cache never answers a gzip request with brotli bytes), 304 when it matches, and a
    year's immutable caching when the URL's ``?v=`` is the drawing's current ``version``.

    The copies are served as they are, with no random padding: a drawing carries no
    secret and nothing of the request, so a BREACH-style attack has nothing to find.
    """
    encoding = negotiated_encoding(request, copies)
    suffix = "" if encoding == IDENTITY else f"-{encoding}"
    etag = f'"{tag}{suffix}"'
    if etag_matches(request, etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(copies[encoding], content_type="image/svg+xml")
        if encoding != IDENTITY:
            response["Content-Encoding"] = encoding
    response["ETag"] = etag
    patch_vary_headers(response, ["Accept-Encoding"])
    # The drawing's own <style> draws and animates it; an SVG has no script to allow.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    if request.GET.get("v") == version:
        response["Cache-Control"] = f"public, max-age={DRAWING_MAX_AGE}, immutable"
    else:
        response["Cache-Control"] = "public, max-age=300"
    return response
