"""Finished answers of the library, kept per catalog: serialized API bodies and rendered
result fragments, each with a strong ETag.

The library is public content, the same for everyone, and the catalog never changes
while the process runs, so a body built once is right for every later request with the
same key. The store is in-process and bounded (least recently used dropped first): the
keys come from user input (search text, page), and Django's cache would add pickling
(LocMem) or a network round trip (Redis) to an answer that costs microseconds to find
here. Each process builds its own copy on first use; nothing needs invalidating,
because a new catalog (a deploy restarts the process) starts with an empty store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from rugcoach.lru import LeastRecentlyUsed

# Enough for every detail in both languages and the common list pages and searches;
# at ~20 KB an answer, a few MB per process at most.
MAX_ANSWERS = 256


@dataclass(frozen=True)
class Answer:
    body: bytes
    etag: str
    """Weak, quoted: a hash of the body. Weak from the start, because the gzip middleware
    sends a compressed 200 with ``W/"…"`` and a 304 must carry the validator the cache
    holds (RFC 9111 §4.3.4); the comparison is weak anyway (``compression.etag_matches``)."""

    @classmethod
    def of(cls, body: bytes) -> Answer:
        return cls(body, f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"')


class Answers(LeastRecentlyUsed[Answer]):
    """At most ``size`` answers; the least recently used is dropped first. Thread-safe."""

    def __init__(self, size: int = MAX_ANSWERS) -> None:
        super().__init__(size)


def not_modified(etag: str) -> HttpResponse:
    """304: no body and no Content-Type (a cache keeps the stored one), the ETag again,
    and the Vary of the 200 it confirms (compressed or not)."""
    response = HttpResponseNotModified()
    response["ETag"] = etag
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
