"""The one place the Django side gets the content catalog from.

Loaded once per process and immutable after; invalid content raises ContentError,
which stops the app at start-up (see LibraryConfig.ready).
"""

import threading
import weakref
from collections.abc import Callable
from functools import lru_cache
from typing import Generic, TypeVar

from django.conf import settings

from rugcoach.core.catalog import Catalog, load_catalog

Derived = TypeVar("Derived")


@lru_cache(maxsize=1)
def get_catalog() -> Catalog:
    return load_catalog(settings.RUGCOACH_CONTENT_DIR)


_every_store: weakref.WeakSet["PerCatalog[object]"] = weakref.WeakSet()


def forget_derived() -> None:
    """Drop everything built from any catalog; it is built again on next use. Tests call
    this so each starts as a fresh process would (tests/conftest.py)."""
    for store in list(_every_store):
        store.clear()


class PerCatalog(Generic[Derived]):
    """One value derived from a Catalog, built on first use and kept with that catalog.

    The catalog is immutable, so what is built from it (presented cards, serialized API
    answers) stays true as long as the catalog lives. The value belongs to the catalog
    *instance*: a test that points RUGCOACH_CONTENT_DIR elsewhere and clears get_catalog
    gets a new Catalog and so a new value, never one built from other content. The few
    most recent catalogs are kept (a process normally has one; tests may have two).
    """

    def __init__(self, build: Callable[[Catalog], Derived], *, keep: int = 4) -> None:
        self._build = build
        self._keep = keep
        # id(catalog) → (catalog, value). Holding the catalog keeps its id from being
        # reused by another object while the entry exists.
        self._entries: dict[int, tuple[Catalog, Derived]] = {}
        self._lock = threading.Lock()
        _every_store.add(self)  # type: ignore[arg-type]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __call__(self, catalog: Catalog) -> Derived:
        entry = self._entries.get(id(catalog))
        if entry is not None and entry[0] is catalog:
            return entry[1]
        with self._lock:
            entry = self._entries.get(id(catalog))
            if entry is not None and entry[0] is catalog:
                return entry[1]
            value = self._build(catalog)
            self._entries[id(catalog)] = (catalog, value)
            while len(self._entries) > self._keep:
                del self._entries[next(iter(self._entries))]
            return value
