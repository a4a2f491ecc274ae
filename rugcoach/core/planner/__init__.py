"""The personal planner: (profile, focus areas, triage verdict, catalog) → a 4-week plan.

Pure and deterministic: no I/O, no clock, no randomness, no Django. The clinical choices
(pools, signals, texts, the equipment rule) are content (``content/planner.yaml``); this
package applies them. How it chooses, and why: ``docs/planner.md``; its modules and
their layers: ``docs/architecture.md``.

This module is the planner's public API: ``__all__`` below, each name imported from the
one module that defines it. Import from ``rugcoach.core.planner``, or from a submodule for
what is not listed here. The modules: ``profile`` (intake, self-tests, focus models),
``focus`` (self-tests → focus areas), ``content`` (the YAML's schema and loader),
``constraints`` (conditions, equipment, verdict limits), ``dose`` (the timing model),
``build`` (a session's exercises, the Builder), ``weeks`` (fitting, weeks 3–4),
``engine`` (``build_plan``), ``reasons`` (the plan's reasons), ``swaps`` (alternatives
and swaps), ``models`` (the Plan), ``schedule`` (the Plan as a Schedule), ``pregnancy``.
"""

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.planner.constraints import available_equipment, member_conditions
from rugcoach.core.planner.content import (
    PlannerContent,
    check_against_library,
    load_planner_content,
)
from rugcoach.core.planner.dose import (
    TRANSITION_SECONDS,
    item_seconds,
    session_seconds,
    work_seconds_per_set,
)
from rugcoach.core.planner.engine import build_plan
from rugcoach.core.planner.focus import fired_signals, focus_areas, focus_left_out
from rugcoach.core.planner.models import (
    PLAN_VERSION,
    Excluded,
    NoPlan,
    Plan,
    PlanError,
    PlanItem,
    Session,
    Week,
    session_day,
)
from rugcoach.core.planner.profile import (
    SESSION_MINUTES,
    Focus,
    FocusArea,
    Profile,
    SelfTests,
    Trigger,
    Weekday,
)
from rugcoach.core.planner.swaps import SwapScope, alternatives, swap

__all__ = [
    "PLAN_VERSION",
    "SESSION_MINUTES",
    "TRANSITION_SECONDS",
    "ContentError",
    "Excluded",
    "Focus",
    "FocusArea",
    "NoPlan",
    "Plan",
    "PlanError",
    "PlanItem",
    "PlannerContent",
    "Profile",
    "SelfTests",
    "Session",
    "SwapScope",
    "Trigger",
    "Week",
    "Weekday",
    "alternatives",
    "available_equipment",
    "build_plan",
    "check_against_library",
    "fired_signals",
    "focus_areas",
    "focus_left_out",
    "item_seconds",
    "load_planner_content",
    "member_conditions",
    "session_day",
    "session_seconds",
    "swap",
    "work_seconds_per_set",
]
