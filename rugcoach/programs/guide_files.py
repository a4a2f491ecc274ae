"""The Herstelgids as built files: one per language and content version, made by the task
worker (``tasks.build_herstelgids``) and served by the download view. A build takes
seconds, so a request only ever reads a finished file or queues its build.

The version is a hash of everything printed (the recovery program, the heat-or-cold
content, the warning signs, the figures' versions and ``LAYOUT``), so a deploy that changes
any of it makes a new file and never serves a stale guide.
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
from rugcoach.programs.herstelgids import PROGRAM, guide_pdf

# Raise when the PDF's layout code changes in a way content hashes cannot see.
LAYOUT = "1"


@lru_cache(maxsize=1)
def guide_version() -> str:
    catalog = get_catalog()
    program = catalog.programs.programs[PROGRAM]
    slugs = sorted({item.slug for session in program.sessions for item in session.items})
    parts = [
        LAYOUT,
        program.model_dump_json(),
        catalog.knowledge.heat.model_dump_json(),
        catalog.warnings.model_dump_json(),
        *(f"{slug}:{figure_version(slug)}" for slug in slugs),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def guide_path(language: str) -> Path:
    return Path(settings.RUGCOACH_BUILT_DIR) / f"herstelgids-{language}-{guide_version()}.pdf"


def stored_guide(language: str) -> Path | None:
    path = guide_path(language)
    return path if path.exists() else None


def store_guide(language: str) -> Path:
    """Build the guide and write it in one step (a reader never sees half a file)."""
    path = guide_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    content = guide_pdf(language)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.replace(temporary, path)
    return path
