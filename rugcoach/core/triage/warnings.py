"""The warning signs on every page and on paper (``content/warnings.yaml``).

One text, read by the site footer, the home page, the wall posters and the PDF footers:
the emergency signs (call 112 or the huisartsenpost now) apart from the signs that send
a member to the GP, so nobody with cauda equina signs is told to wait for the GP.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from rugcoach.core.kernel.content_io import ContentError, read_yaml, validate_model
from rugcoach.core.kernel.frozen import Frozen as _Frozen
from rugcoach.core.kernel.text import Text

__all__ = ["WarningBlock", "Warnings", "load_warnings"]


class WarningBlock(_Frozen):
    title: Text
    signs: tuple[Text, ...] = Field(min_length=1)
    action: Text
    short: Text = Field(description="one line for a PDF footer")
    source: str = Field(min_length=10)


class Warnings(_Frozen):
    emergency: WarningBlock
    gp: WarningBlock
    guidance: Text

    def footer_lines(self, language: str) -> tuple[str, ...]:
        """The lines under every printed page: emergency first, then the GP, then what
        RugCoach is."""
        return (
            self.emergency.short.get(language),
            self.gp.short.get(language),
            self.guidance.get(language),
        )


def load_warnings(content_dir: Path) -> Warnings:
    path = content_dir / "warnings.yaml"
    where = str(path.relative_to(content_dir.parent))
    problems: list[str] = []
    warnings = validate_model(
        Warnings, read_yaml(path, content_dir.parent, problems), where, problems
    )
    if (
        warnings is not None
        and "112" not in warnings.emergency.title.nl + warnings.emergency.action.nl
    ):
        problems.append(f"{where}: emergency: the title or action must say to call 112")
    if problems or warnings is None:
        raise ContentError(problems or [f"{where}: empty"])
    return warnings
