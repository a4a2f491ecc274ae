"""The base of every content model: immutable once loaded, unknown keys are errors."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Frozen"]


class Frozen(BaseModel):
    """A YAML typo in a key name is reported by the loader instead of silently ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid")
