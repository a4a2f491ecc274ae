"""The schema and loader of ``content/programs/*.yaml`` (filled in by issue 14)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["ProgramsContent", "load_programs"]


@dataclass(frozen=True)
class ProgramsContent:
    programs: Mapping[str, Any] = field(default_factory=dict)


def load_programs(content_dir: Path, exercises: Mapping[str, Any]) -> ProgramsContent:
    return ProgramsContent()
