"""The personal planner: (profile, focus areas, triage verdict, catalog) → a 4-week plan.

Pure and deterministic: no I/O, no clock, no randomness, no Django. The clinical choices
(pools, signals, texts, the equipment rule) are content (``content/planner.yaml``); this
package applies them. How it chooses, and why: ``docs/planner.md``; its modules and
their layers: ``docs/architecture.md``.

This module is the planner's public API (``engine`` re-exported): import from
``rugcoach.core.planner``, or from a submodule for what is not listed here.
"""

from rugcoach.core.planner.engine import (
    PLAN_VERSION,
    SESSION_MINUTES,
    TRANSITION_SECONDS,
    ContentError,
    Excluded,
    Focus,
    FocusArea,
    NoPlan,
    Plan,
    PlanError,
    PlanItem,
    PlannerContent,
    Profile,
    SelfTests,
    Session,
    SwapScope,
    Trigger,
    Week,
    Weekday,
    alternatives,
    available_equipment,
    build_plan,
    check_against_library,
    fired_signals,
    focus_areas,
    focus_left_out,
    item_seconds,
    load_planner_content,
    member_conditions,
    session_day,
    session_seconds,
    swap,
    work_seconds_per_set,
)

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
