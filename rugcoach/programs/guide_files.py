"""The Herstelgids as built files: one per language and content version, made by the task
worker (``tasks.build_herstelgids``) and served by the download view. A build takes
seconds, so a request only ever reads a finished file or queues its build.

The version is a hash of everything printed (the recovery program, the heat-or-cold
content, the warning signs, the figures' versions, the language's translations and the
PDF's own code), so a deploy that changes any of it makes a new file and never serves a
stale guide.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from rugcoach.content import get_catalog
from rugcoach.library.figures import figure_version
from rugcoach.programs import herstelgids
from rugcoach.programs.herstelgids import PROGRAM

# Raise when the PDF's layout code changes in a way content hashes cannot see.
LAYOUT = "1"


@lru_cache(maxsize=4)
def guide_version(language: str) -> str:
    """A hash of everything printed in ``language``: the content, the figures' versions,
    the translations (the compiled catalogue) and the layout code itself."""
    catalog = get_catalog()
    program = catalog.programs.programs[PROGRAM]
    slugs = sorted({item.slug for session in program.sessions for item in session.items})
    digest = hashlib.sha256(LAYOUT.encode())
    for part in (
        program.model_dump_json(),
        catalog.knowledge.heat.model_dump_json(),
        catalog.warnings.model_dump_json(),
        *(f"{slug}:{figure_version(slug)}" for slug in slugs),
    ):
        digest.update(part.encode())
    digest.update(Path(herstelgids.__file__).read_bytes())
    for folder in settings.LOCALE_PATHS:
        catalogue = Path(folder) / language / "LC_MESSAGES" / "django.mo"
        if catalogue.exists():
            digest.update(catalogue.read_bytes())
    return digest.hexdigest()[:16]


def guide_path(language: str) -> Path:
    return (
        Path(settings.RUGCOACH_BUILT_DIR) / f"herstelgids-{language}-{guide_version(language)}.pdf"
    )


def failed_path(language: str) -> Path:
    return guide_path(language).with_suffix(".failed")


def stored_guide(language: str) -> Path | None:
    path = guide_path(language)
    return path if path.exists() else None


def build_failed(language: str) -> bool:
    """The worker tried this version and could not build it (the download says so)."""
    return failed_path(language).exists()


def store_guide(language: str) -> Path:
    """Build the guide and write it in one step (a reader never sees half a file); then
    remove the older versions of this language. A build that fails leaves a marker, so
    the download stops waiting for it."""
    path = guide_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        content = herstelgids.guide_pdf(language)
    except Exception:
        failed_path(language).touch()
        raise
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    failed_path(language).unlink(missing_ok=True)
    for older in path.parent.glob(f"herstelgids-{language}-*"):
        if older != path:
            older.unlink(missing_ok=True)
    return path
