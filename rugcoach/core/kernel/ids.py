"""Public identifiers shared by every part of the content.

An exercise's slug is its stable public name (URLs, plans, posters, triage advice), so
the triage and the posters validate slugs without loading the exercise schema or the
figure code behind it.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

__all__ = ["SLUG_PATTERN", "Slug", "is_slug"]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=60)]


def is_slug(value: str) -> bool:
    return bool(_SLUG.match(value))
