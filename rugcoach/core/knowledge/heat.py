"""The heat-or-cold helper (``content/knowledge/heat-or-cold.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["HeatOrCold", "load_heat"]


class HeatOrCold:
    """Placeholder until the helper's schema lands."""


def load_heat(content_dir: Path, problems: list[str]) -> Any:
    return HeatOrCold()
