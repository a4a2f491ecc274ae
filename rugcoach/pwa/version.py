"""The service worker's cache version: a hash of everything it keeps that has no
versioned URL of its own.

Any change to our static files, the worker's source, the offline page or its words changes the
worker's bytes; the browser then installs the new worker, whose ``activate`` deletes the
caches of the old one. Django's hashed static names (production) would already change
the URLs; in development the names stay plain, and this keeps cache-first honest there.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings

PWA_DIR = Path(__file__).resolve().parent


def _sources() -> list[tuple[str, Path]]:
    """Every file that counts, with a name that does not depend on where the checkout is."""
    roots = [Path(root) for root in settings.STATICFILES_DIRS]
    roots += [PWA_DIR, Path(settings.BASE_DIR) / "rugcoach" / "templates" / "pwa"]
    files: list[tuple[str, Path]] = []
    for root in roots:
        files += [
            (f"{root.name}/{path.relative_to(root)}", path)
            for path in root.rglob("*")
            if path.is_file() and path.suffix != ".pyc"
        ]
    # The offline page's words, in English, come from the compiled catalogue.
    for root in map(Path, settings.LOCALE_PATHS):
        files += [(f"locale/{path.relative_to(root)}", path) for path in root.rglob("*.mo")]
    return sorted(files)


@lru_cache(maxsize=1)
def cache_version() -> str:
    digest = hashlib.sha256()
    for name, path in _sources():
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
