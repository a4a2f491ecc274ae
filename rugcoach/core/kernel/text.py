"""Bilingual text: every word a member reads exists in Dutch and English."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
DEFAULT_LANGUAGE: Language = "nl"


class Text(BaseModel):
    """One short text in both languages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class TextList(BaseModel):
    """An ordered list of texts (steps, tips) in both languages, item for item."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    nl: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _same_length(self) -> TextList:
        if len(self.nl) != len(self.en):
            raise ValueError(
                f"nl has {len(self.nl)} items and en has {len(self.en)}: "
                "every item needs both languages"
            )
        if any(not item.strip() for item in (*self.nl, *self.en)):
            raise ValueError("items must not be empty")
        return self

    def get(self, language: str) -> tuple[str, ...]:
        return self.en if language == "en" else self.nl

    def __len__(self) -> int:
        return len(self.nl)


_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize_for_search(value: str) -> str:
    """Fold case, accents and punctuation so that "Child’s pose" and "childs pose" meet."""
    decomposed = unicodedata.normalize("NFKD", value)
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = _APOSTROPHES.sub("", without_accents.casefold())
    return _NON_ALNUM.sub(" ", lowered).strip()
