"""The one place the Django side gets the content catalog from.

Loaded once per process and immutable after; invalid content raises ContentError,
which stops the app at start-up (see LibraryConfig.ready).
"""

from functools import lru_cache

from django.conf import settings

from rugcoach.core.catalog import Catalog, load_catalog


@lru_cache(maxsize=1)
def get_catalog() -> Catalog:
    return load_catalog(settings.RUGCOACH_CONTENT_DIR)
