import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django's ORM refuses sync
# calls from there unless this is set (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def catalog():
    """The real content, loaded once: the Catalog is immutable."""
    from rugcoach.core.catalog import load_catalog

    return load_catalog(ROOT / "content")
