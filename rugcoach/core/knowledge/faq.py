"""The FAQ (``content/knowledge/faq.yaml``) and its search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["Faq", "load_faq"]


class Faq:
    """Placeholder until the FAQ's schema lands."""


def load_faq(content_dir: Path, problems: list[str]) -> Any:
    return Faq()
