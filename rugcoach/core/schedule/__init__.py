"""Schedules: the seam for plans, session logs, progressions and trainers' edits.

Pure (no Django, no I/O). See docs/architecture.md ("Schedules").
"""

from rugcoach.core.schedule.model import (
    Item,
    PrescriptionVersion,
    Role,
    Schedule,
    ScheduleSession,
    Source,
)
from rugcoach.core.schedule.prescription import BreathingCount, Prescription, RepTempo

__all__ = [
    "BreathingCount",
    "Item",
    "Prescription",
    "PrescriptionVersion",
    "RepTempo",
    "Role",
    "Schedule",
    "ScheduleSession",
    "Source",
]
