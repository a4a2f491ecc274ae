"""Knowledge pages and daily-habit cards (``content/knowledge/pages/``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["Pages", "load_pages"]


class Pages:
    """Placeholder until the pages' schema lands."""


def load_pages(content_dir: Path, problems: list[str]) -> Any:
    return Pages()
