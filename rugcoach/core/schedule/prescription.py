"""The one dose type: a Prescription, and how it says itself in Dutch and English.

A plan item, a poster card, a schedule PDF row, a calendar event and the API all show
a dose through ``Prescription.words``; the wording matches the library's dose lines.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from rugcoach.core.kernel.text import Text

__all__ = ["BreathingCount", "Prescription", "RepTempo"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RepTempo(_Frozen):
    """Seconds for one repetition: moving out, pausing at the end, coming back."""

    move: int = Field(ge=0)
    pause: int = Field(ge=0)
    back: int = Field(ge=0)


class BreathingCount(_Frozen):
    """Counts for paced breathing."""

    inhale: int = Field(ge=1)
    exhale: int = Field(ge=1)
    hold: int = Field(default=0, ge=0)


class Prescription(_Frozen):
    """How much of one exercise, once: sets of reps, holds or a timed block."""

    sets: int = Field(ge=1)
    reps: int | None = Field(default=None, ge=1)
    hold_seconds: int | None = Field(default=None, ge=1)
    duration_seconds: int | None = Field(default=None, ge=1)
    per_side: bool = False
    rest_seconds: int = Field(default=0, ge=0, description="between two sets")
    tempo: RepTempo | None = None
    breathing: BreathingCount | None = None
    load_note: Text | None = Field(default=None, description="e.g. a band, a light weight")
    rung: int | None = Field(
        default=None,
        ge=-9,
        description="the rung of the exercise's build-up ladder (0: its base dose; -1: the "
        "base with one set fewer, and so on down to one set); None where the dose was "
        "shortened off the ladder to fit the minutes",
    )

    def words(self, *, brief: bool = False) -> Text:
        """E.g. '2 × 12 herhalingen, 45 s rust tussen de sets' / '2 × 12 repetitions, …'.

        ``brief`` for a wall poster's narrow column: '2 × 12 herhalingen, 45 s rust' (with
        the sets just before it, the rest needs no 'between the sets')."""
        return Text(nl=self._words("nl", brief), en=self._words("en", brief))

    def _words(self, language: str, brief: bool = False) -> str:
        nl = language == "nl"
        sets = f"{self.sets} × " if self.sets > 1 else ""
        if self.reps is not None:
            if nl:
                amount = f"{self.reps} herhaling" + ("" if self.reps == 1 else "en")
            else:
                amount = f"{self.reps} repetition" + ("" if self.reps == 1 else "s")
        elif self.hold_seconds is not None:
            held = _seconds(self.hold_seconds)
            amount = f"{held} vasthouden" if nl else f"hold {held}"
        else:
            amount = _seconds(self.duration_seconds or 0)
        side = (" per kant" if nl else " per side") if self.per_side else ""
        parts = [sets + amount + side]
        if self.reps is not None and self.hold_seconds is not None:
            held = _seconds(self.hold_seconds)
            parts.append(f"elke keer {held} vasthouden" if nl else f"hold {held} each time")
        if self.sets > 1 and self.rest_seconds:
            rest = self.rest_seconds
            if brief:
                parts.append(f"{rest} s rust" if nl else f"{rest} s rest")
            else:
                parts.append(
                    f"{rest} s rust tussen de sets" if nl else f"{rest} s rest between sets"
                )
        if self.breathing is not None:
            b = self.breathing
            parts.append(
                f"{b.inhale} tellen in, {b.exhale} tellen uit"
                if nl
                else f"breathe in for {b.inhale} counts, out for {b.exhale}"
            )
        if self.load_note is not None:
            parts.append(self.load_note.get(language))
        return ", ".join(parts)


def _seconds(value: int) -> str:
    if value >= 60 and value % 60 == 0:
        return f"{value // 60} min"
    return f"{value} s"
